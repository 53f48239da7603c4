import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadConfig } from '../../../src/config/load.js';
import { envValues, resolveDeployConfig } from '../../../src/deploy/config.js';
import { parseServer, remoteCommand, sshBaseArgs } from '../../../src/exec/ssh.js';
import { sensitive } from '../../../src/exec/index.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-deploy-cfg-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const COMPOSE = 'services:\n  web:\n    image: ghcr.io/org/shop:latest\n  db:\n    image: postgres:16\n';

describe('deploy: section', () => {
  test('a bad server is reported at its line and column', async () => {
    const dir = project({ '.slipway.yaml': 'deploy:\n  servers:\n    - root@ok.example\n    - "bad host; rm"\n' });
    await assert.rejects(loadConfig(dir), (e: any) => e.line === 4 && e.column === 7 && /deploy\/servers\/1. is "bad host; rm", but must be user@host:port/.test(e.message));
  });
  test('an unknown key is reported at the key', async () => {
    const dir = project({ '.slipway.yaml': 'deploy:\n  image: ghcr.io/org/shop\n  healthtimeout: 3\n' });
    await assert.rejects(loadConfig(dir), (e: any) => e.line === 3 && /unknown key 'healthtimeout' in deploy/.test(e.message));
  });
  test('local files through the safe reader: a FIFO as .env or compose file is refused at once, not waited on', async () => {
    const dir = project({ 'docker-compose.yml': COMPOSE });
    execFileSync('mkfifo', [join(dir, '.env')]);
    const cfg = resolveDeployConfig({ cwd: dir, env: {}, section: { env: ['TOKEN'] }, flags: { server: ['web1'] } });
    assert.equal(cfg.composeTexts[0], COMPOSE);
    assert.throws(() => envValues(cfg, {}), /\.env: .*FIFO/);
    const dir2 = project({});
    execFileSync('mkfifo', [join(dir2, 'docker-compose.yml')]);
    assert.throws(() => resolveDeployConfig({ cwd: dir2, env: {}, section: {}, flags: { server: ['web1'] } }), /docker-compose\.yml: .*FIFO/);
    // A missing .env is not an error: the values may come from the environment.
    const dir3 = project({ 'docker-compose.yml': COMPOSE });
    const cfg3 = resolveDeployConfig({ cwd: dir3, env: {}, section: { env: ['TOKEN'] }, flags: { server: ['web1'] } });
    assert.equal(envValues(cfg3, { TOKEN: 't' })[0]![1].reveal(), 't');
  });
  test('resolved with defaults: image and services from the compose file, /srv/<app>', async () => {
    const dir = project({ 'docker-compose.yml': COMPOSE, '.slipway.yaml': 'deploy:\n  app: shop\n  servers: [deploy@web1:2200]\n' });
    const c = await loadConfig(dir);
    const cfg = resolveDeployConfig({ cwd: dir, env: {}, section: c.deploy, source: c.source, flags: {} });
    assert.equal(cfg.image, 'ghcr.io/org/shop');
    assert.equal(cfg.registry, 'ghcr.io');
    assert.deepEqual(cfg.services, ['web']);
    assert.deepEqual(cfg.allServices, ['web', 'db']);
    assert.equal(cfg.path, '/srv/shop');
    assert.deepEqual(cfg.servers, [{ user: 'deploy', host: 'web1', port: 2200, label: 'deploy@web1:2200' }]);
    assert.equal(cfg.keep, 5);
    assert.equal(cfg.login, undefined);
  });
  test('flags win; groups; credentials from the environment are secrets', () => {
    const dir = project({ 'docker-compose.yml': COMPOSE });
    const cfg = resolveDeployConfig({
      cwd: dir,
      env: { SLIPWAY_REGISTRY_USER: 'ci', SLIPWAY_REGISTRY_PASSWORD: 'pw' },
      section: { servers: { web: ['a', 'b'], jobs: ['c'] } },
      flags: { group: 'jobs', path: '/opt/x', keep: '3' },
    });
    assert.deepEqual(cfg.servers.map((s) => s.label), ['c']);
    assert.equal(cfg.path, '/opt/x');
    assert.equal(cfg.keep, 3);
    assert.equal(String(cfg.login?.password), '[REDACTED]');
    assert.equal(JSON.stringify(cfg).includes('"pw"'), false);
  });
  test('refuses a development override and a tag in --image', () => {
    const dir = project({ 'docker-compose.yml': COMPOSE, 'docker-compose.override.yml': 'services: {}\n' });
    assert.throws(() => resolveDeployConfig({ cwd: dir, env: {}, flags: { server: ['h'], compose: ['docker-compose.override.yml'] } }), /development override/);
    assert.throws(() => resolveDeployConfig({ cwd: dir, env: {}, flags: { server: ['h'], image: 'ghcr.io/org/shop:v1' } }), /without a tag/);
  });
  test('env values: the environment first, then the local .env; a missing one is an error', () => {
    const dir = project({ 'docker-compose.yml': COMPOSE, '.env': 'A=from-file\nB=file-b\n' });
    const cfg = resolveDeployConfig({ cwd: dir, env: {}, section: { env: ['A', 'B'] }, flags: { server: ['h'] } });
    assert.deepEqual(envValues(cfg, { A: 'from-env' }).map(([k, v]) => [k, v.reveal()]), [['A', 'from-env'], ['B', 'file-b']]);
    const missing = resolveDeployConfig({ cwd: dir, env: {}, section: { env: ['C'] }, flags: { server: ['h'] } });
    assert.throws(() => envValues(missing, {}), /C/);
  });
});

describe('ssh', () => {
  test('servers', () => {
    assert.deepEqual(parseServer('root@127.0.0.1:2222'), { user: 'root', host: '127.0.0.1', port: 2222, label: 'root@127.0.0.1:2222' });
    assert.deepEqual(parseServer('web1'), { user: undefined, host: 'web1', port: undefined, label: 'web1' });
    assert.equal(parseServer('[::1]:22').host, '::1');
    assert.throws(() => parseServer('-oProxyCommand=x'), /not a server/);
    assert.throws(() => parseServer('a b'), /not a server/);
  });
  test('host keys: refused unless accept-new; never a password prompt', () => {
    const s = parseServer('u@h:22');
    const strict = sshBaseArgs(s, {}).join(' ');
    assert.match(strict, /StrictHostKeyChecking=yes/);
    assert.match(strict, /BatchMode=yes/);
    assert.match(sshBaseArgs(s, { acceptNewHostKey: true, identity: '/k' }).join(' '), /StrictHostKeyChecking=accept-new .* -i \/k -o IdentitiesOnly=yes -p 22 -l u/);
  });
  test('the remote command line: env and cwd first, every word quoted; secrets refused', () => {
    assert.equal(remoteCommand({ argv: ['echo', 'a b', '$(id)'], env: { X: 'y z' }, cwd: '/srv/a b' }), "cd '/srv/a b' && env 'X=y z' echo 'a b' '$(id)'");
    assert.throws(() => remoteCommand({ argv: ['login', sensitive('pw')] }), /secret/);
    assert.throws(() => remoteCommand({ argv: ['x'], env: { P: sensitive('pw') } }), /secret/);
  });
});
