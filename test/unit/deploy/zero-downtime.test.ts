import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { loadConfig } from '../../../src/config/load.js';
import { drainContainers, scaleUp, writeProxyConfig } from '../../../src/deploy/commands/rollout.js';
import { resolveDeployConfig } from '../../../src/deploy/config.js';
import { remoteLayout } from '../../../src/deploy/layout.js';
import { caddyConfig } from '../../../src/deploy/proxy/caddy.js';
import { planProxy } from '../../../src/deploy/proxy/compose.js';
import { releaseOverride } from '../../../src/deploy/strategy/zero-downtime.js';
import { ConfigError } from '../../../src/errors.js';

const COMPOSE = `services:
  web:
    image: ghcr.io/org/shop:latest
    # the public port
    ports:
      - "127.0.0.1:8080:8080"
      - "[::1]:8080:8080"
    restart: unless-stopped # stays
  api:
    image: ghcr.io/org/shop:latest
    command: ["api"]
    ports: [{ target: 9000, published: 9000, host_ip: 127.0.0.1 }]
    networks: [front]
  db:
    image: postgres:16
    ports: ["5432:5432"]
`;

const plan = (text: string, services = ['web']) => planProxy([{ file: '/p/compose.yaml', text }], services);
const failure = (text: string, services = ['web']) => {
  try {
    plan(text, services);
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.describe();
  }
  assert.fail('no error');
};

describe('zero-downtime: what moves to the proxy', () => {
  test('the app services’ published ports move verbatim; other services and comments stay', () => {
    const p = plan(COMPOSE, ['web', 'api']);
    assert.deepEqual(p.routes, [
      { service: 'web', port: 8080 },
      { service: 'api', port: 9000 },
    ]);
    assert.deepEqual(p.ports, ['127.0.0.1:8080:8080', '[::1]:8080:8080', { target: 9000, published: 9000, host_ip: '127.0.0.1' }]);
    assert.deepEqual(p.networks, ['front']);
    const shipped = parse(p.texts[0]!);
    assert.equal(shipped.services.web.ports, undefined);
    assert.equal(shipped.services.api.ports, undefined);
    assert.deepEqual(shipped.services.db.ports, ['5432:5432'], 'not an app service: untouched');
    assert.match(p.texts[0]!, /restart: unless-stopped # stays/);
  });

  test('a file without app ports is shipped byte for byte', () => {
    const text = 'services:\n  web:\n    image: x:1   # odd   spacing\n';
    assert.equal(plan(text).texts[0], text);
    assert.deepEqual(plan(text).routes, []);
  });

  test('what cannot work is refused at its line and column', () => {
    assert.equal(failure('services:\n  web:\n    image: x\n    container_name: shop\n'), '/p/compose.yaml:4:21: service web has a container_name: two containers of it run side by side during a deploy, so it cannot have a fixed name; remove container_name (strategy: zero-downtime)');
    assert.match(failure('services:\n  web:\n    network_mode: host\n'), /^\/p\/compose.yaml:3:19: service web uses network_mode/);
    assert.match(failure('services:\n  web:\n    ports:\n      - "53:53/udp"\n'), /^\/p\/compose.yaml:4:9: service web: '53:53\/udp' is UDP; the proxy forwards HTTP over TCP only/);
    assert.match(failure('services:\n  web:\n    ports:\n      - "8000-8001:8000-8001"\n'), /:4:9: service web: cannot read the container port in '8000-8001:8000-8001'/);
    assert.match(failure('services:\n  web:\n    ports:\n      - "${PORT}"\n'), /cannot read the container port/);
    assert.match(failure('services:\n  web:\n    ports: ["80:8080"]\n  api:\n    ports: ["81:8080"]\n', ['web', 'api']), /:5:13: services web and api both publish container port 8080/);
  });

  test('short port syntaxes', () => {
    for (const [entry, port] of [['8080', 8080], ['80:8080', 8080], ['127.0.0.1::8080', 8080], ['0.0.0.0:80:8080/tcp', 8080], ['[::1]:80:3000', 3000]] as const) {
      assert.deepEqual(plan(`services:\n  web:\n    ports: ["${entry}"]\n`).routes, [{ service: 'web', port }], entry);
    }
    assert.deepEqual(plan('services:\n  web:\n    ports: [8080]\n').routes, [{ service: 'web', port: 8080 }]);
  });
});

describe('zero-downtime: config, override, proxy config, commands', () => {
  const project = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-zd-cfg-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };

  test('strategy and proxy-image from the file, flags win; recreate is the default', async () => {
    const dir = project({ 'compose.yaml': COMPOSE, '.slipway.yaml': 'deploy:\n  servers: [h]\n  strategy: zero-downtime\n' });
    const c = await loadConfig(dir);
    const cfg = resolveDeployConfig({ cwd: dir, env: {}, section: c.deploy, source: c.source, flags: {} });
    assert.equal(cfg.strategy, 'zero-downtime');
    assert.equal(cfg.proxyImage, 'caddy:2');
    assert.deepEqual(cfg.services, ['web', 'api']);
    assert.equal(cfg.proxy?.routes.length, 2);
    const plain = resolveDeployConfig({ cwd: dir, env: {}, section: c.deploy, source: c.source, flags: { strategy: 'recreate', 'proxy-image': 'registry.example/caddy:2.8' } });
    assert.equal(plain.strategy, 'recreate');
    assert.equal(plain.proxy, undefined);
    assert.equal(plain.proxyImage, 'registry.example/caddy:2.8');
    assert.throws(() => resolveDeployConfig({ cwd: dir, env: {}, section: {}, flags: { server: ['h'], strategy: 'blue-green' } }), /--strategy blue-green: use recreate or zero-downtime/);
    const bad = project({ 'compose.yaml': COMPOSE, '.slipway.yaml': 'deploy:\n  strategy: fast\n' });
    await assert.rejects(loadConfig(bad), (e: any) => e.line === 2 && /strategy/.test(e.message));
  });

  test('the override pins the release and adds the proxy with the moved ports', async () => {
    const dir = project({ 'compose.yaml': COMPOSE });
    const cfg = resolveDeployConfig({ cwd: dir, env: {}, section: { strategy: 'zero-downtime', services: ['web'] }, flags: { server: ['h'] } });
    const o = JSON.parse(releaseOverride(cfg, 'ghcr.io/org/shop:v2', 'v2', true).replace(/^#.*\n/, ''));
    assert.deepEqual(o.services.web, { image: 'ghcr.io/org/shop:v2' });
    assert.equal(o.services.api, undefined);
    const proxy = o.services['slipway-proxy'];
    assert.equal(proxy.image, 'caddy:2');
    assert.deepEqual(proxy.ports, ['127.0.0.1:8080:8080', '[::1]:8080:8080']);
    assert.deepEqual(proxy.volumes, [{ type: 'bind', source: './.slipway/proxy', target: '/etc/slipway-proxy', read_only: true }]);
    assert.deepEqual(proxy.command, ['caddy', 'run', '--config', '/etc/slipway-proxy/caddy.json']);
    assert.match(proxy.labels['dev.slipway.proxy'], /^[0-9a-f]{16}$/, 'the definition digest: a changed proxy is recreated, the same one only reloaded');
    const other = resolveDeployConfig({ cwd: dir, env: {}, section: { strategy: 'zero-downtime', services: ['web'], 'proxy-image': 'caddy:2.8' }, flags: { server: ['h'] } });
    const o2 = JSON.parse(releaseOverride(other, 'ghcr.io/org/shop:v2', 'v2', true).replace(/^#.*\n/, ''));
    assert.notEqual(o2.services['slipway-proxy'].labels['dev.slipway.proxy'], proxy.labels['dev.slipway.proxy']);
  });

  test('the proxy hands waiting connections to the reloaded listener only on a kernel that can (an unknown sysctl would stop it)', () => {
    const dir = project({ 'compose.yaml': COMPOSE });
    const cfg = resolveDeployConfig({ cwd: dir, env: {}, section: { strategy: 'zero-downtime', services: ['web'] }, flags: { server: ['h'] } });
    const proxy = (handOver: boolean) => JSON.parse(releaseOverride(cfg, 'ghcr.io/org/shop:v2', 'v2', handOver).replace(/^#.*\n/, '')).services['slipway-proxy'];
    assert.deepEqual(proxy(true).sysctls, { 'net.ipv4.tcp_migrate_req': '1' });
    assert.equal(proxy(false).sysctls, undefined);
    assert.notEqual(proxy(true).labels['dev.slipway.proxy'], proxy(false).labels['dev.slipway.proxy'], 'a proxy started without it is recreated once the kernel has it');
  });

  test('caddy config: one server per port, the new container as the only upstream, no upstream keep-alive', () => {
    const c = JSON.parse(caddyConfig([{ port: 8080, dial: 'shop_web_2:8080' }]));
    assert.equal(c.admin.listen, 'localhost:2019');
    const srv = c.apps.http.servers.port8080;
    assert.deepEqual(srv.listen, [':8080']);
    const h = srv.routes[0].handle[0];
    assert.equal(h.handler, 'reverse_proxy');
    assert.deepEqual(h.upstreams, [{ dial: 'shop_web_2:8080' }]);
    assert.equal(h.transport.keep_alive.enabled, false);
  });

  test('caddy accepts the generated config (caddy validate, when caddy is installed)', (t) => {
    let version = '';
    try {
      version = execFileSync('caddy', ['version'], { encoding: 'utf8' });
    } catch {
      return t.skip('caddy is not installed (scripts/test-env.sh installs it)');
    }
    assert.ok(version);
    const dir = mkdtempSync(join(tmpdir(), 'slipway-zd-caddy-'));
    writeFileSync(join(dir, 'caddy.json'), caddyConfig([{ port: 8080, dial: 'a:8080' }, { port: 9000, dial: 'b:9000' }]));
    execFileSync('caddy', ['validate', '--config', join(dir, 'caddy.json')], { stdio: 'pipe', env: { ...process.env, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir } });
  });

  test('scale up keeps the running containers and touches nothing else', () => {
    const l = remoteLayout('/srv/shop', ['compose.yaml']);
    const s = scaleUp({ kind: 'standalone', project: 'shop', layout: l }, [['web', 2]]);
    assert.deepEqual(s.argv.slice(-7), ['up', '-d', '--no-deps', '--no-recreate', '--scale', 'web=2', 'web']);
    const w = writeProxyConfig(l, '{}', 'c0ffee');
    assert.deepEqual(w.argv.slice(3), ['sh', '/srv/shop/.slipway/proxy/caddy.json', 'c0ffee', '/etc/slipway-proxy/caddy.json']);
    assert.equal(w.stdin, '{}');
    const d = drainContainers(l, ['abc'], [8080, 443], 30);
    assert.deepEqual(d.argv.slice(3), ['sh', '30', '1F90 01BB', 'abc']);
  });
});
