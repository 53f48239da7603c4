// Two servers (two sshd ports, two folders on the same engine) deployed in parallel and with
// --rolling, which stops at the first failure and leaves the next server untouched.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildApp, freePort, httpGet, readHistoryFile, slipway, writeSshConfig } from './deploy-env.js';
import { docker, e2eSkip, registry, requireEngine, ssh, sshTarget, uniqueName } from './env.js';

describe('slipway deploy to two servers', { skip: e2eSkip(), timeout: 900_000 }, () => {
  let base: string;
  let project: string;
  let repo: string;
  let env: NodeJS.ProcessEnv;
  const servers: { host: string; dir: string; port: number; project: string }[] = [];

  before(async () => {
    await requireEngine();
    const port2 = process.env.SLIPWAY_SSH_PORT2 ?? readFileSync(join(sshTarget().knownHosts, '..', '..', 'env'), 'utf8').match(/^SLIPWAY_SSH_PORT2=(\d+)$/m)?.[1];
    assert.ok(port2, 'the second sshd (SLIPWAY_SSH_PORT2) runs: bash scripts/test-env.sh start');
    base = await mkdtemp(join(tmpdir(), 'slipway-deploy-multi-'));
    project = join(base, 'project');
    await mkdir(project);
    const name = uniqueName('slipway-deploy-multi').replace(/[^a-z0-9-]/g, '');
    const reg = registry();
    repo = `${reg.host}/${name}/app`;
    await buildApp(repo, [{ tag: 'v1', version: 'v1' }, { tag: 'v2', version: 'v2' }, { tag: 'bad', version: 'bad', healthy: false }], join(base, 'docker-config'));
    for (const [i, p] of [sshTarget().port, Number(port2)].entries()) {
      const proj = `${name}-s${i + 1}`;
      servers.push({ host: `root@127.0.0.1:${p}`, dir: join(base, `server${i + 1}`, proj), port: await freePort(), project: proj });
    }
    // Each server publishes its own port, from its own .env (the guide's server-side settings).
    await writeFile(join(project, 'compose.yaml'), `services:\n  web:\n    image: ${repo}:latest\n    ports:\n      - "127.0.0.1:\${APP_PORT}:8080"\n    volumes:\n      - ./data:/data\n`);
    const list = servers.map((s) => `    - host: ${s.host}\n      path: ${s.dir}\n`).join('');
    await writeFile(join(project, '.slipway.yaml'), `deploy:\n  image: ${repo}\n  ssh-config: ${writeSshConfig(base)}\n  health-timeout: 40\n  servers:\n${list}`);
    env = { ...process.env, SLIPWAY_REGISTRY_USER: reg.user, SLIPWAY_REGISTRY_PASSWORD: reg.password };
  });

  after(async () => {
    for (const s of servers) await ssh(['sh', '-c', 'cd "$1" && docker-compose -p "$2" -f compose.yaml down --remove-orphans', 'sh', s.dir, s.project]).catch(() => undefined);
    const imgs = (await docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', repo])).stdout.split('\n').filter(Boolean);
    if (imgs.length) await docker(['image', 'rm', '-f', ...imgs]);
    await rm(base, { recursive: true, force: true });
  });

  test('setup and deploy both servers in parallel, with a summary table', async () => {
    const s = await slipway(['setup'], project, env);
    assert.equal(s.code, 0, s.all);
    for (const sv of servers) await ssh(['sh', '-c', 'printf "APP_PORT=%s\\n" "$2" > "$1/.env"', 'sh', sv.dir, String(sv.port)]);
    const d = await slipway(['deploy', '--tag', 'v1'], project, env);
    assert.equal(d.code, 0, d.all);
    for (const sv of servers) {
      assert.match(d.stderr, new RegExp(`^\\[${sv.host}\\] v1 is healthy$`, 'm'));
      assert.match(d.stderr, new RegExp(`^${sv.host}\\s+ok\\s+\\S+s\\s+v1 healthy`, 'm'));
      assert.equal(await httpGet(sv.port), 'version v1');
    }
    assert.match(d.stderr, /^SERVER\s+RESULT\s+TIME\s+DETAIL$/m);
  });

  test('--rolling deploys one server after the other', async () => {
    const d = await slipway(['deploy', '--tag', 'v2', '--rolling'], project, env);
    assert.equal(d.code, 0, d.all);
    const first = d.stderr.indexOf(`[${servers[0]!.host}] v2 is healthy`);
    const secondStart = d.stderr.indexOf(`[${servers[1]!.host}] uploading v2`);
    assert.ok(first >= 0 && secondStart > first, d.stderr);
    for (const sv of servers) assert.equal(await httpGet(sv.port), 'version v2');
  });

  test('--rolling stops at the first failure: the first server rolls back, the second is not touched', async () => {
    const before2 = readHistoryFile(servers[1]!.dir).length;
    const d = await slipway(['deploy', '--tag', 'bad', '--rolling'], project, env);
    assert.equal(d.code, 2, d.all);
    assert.match(d.stderr, new RegExp(`^${servers[0]!.host.replace(/\./g, '\\.')}\\s+FAILED`, 'm'));
    assert.match(d.stderr, new RegExp(`^${servers[1]!.host.replace(/\./g, '\\.')}\\s+FAILED\\s+\\S+\\s+skipped \\(an earlier server failed\\)`, 'm'));
    assert.equal(await httpGet(servers[0]!.port), 'version v2');
    assert.equal(await httpGet(servers[1]!.port), 'version v2');
    assert.equal(readHistoryFile(servers[1]!.dir).length, before2);
    assert.deepEqual(readHistoryFile(servers[0]!.dir).slice(-2).map((h) => [h.tag, h.result]), [['bad', 'unhealthy'], ['v2', 'healthy']]);
  });

  test('status and releases show each server', async () => {
    const st = await slipway(['status'], project, env);
    assert.equal(st.code, 0, st.all);
    for (const sv of servers) assert.match(st.stdout, new RegExp(`^${sv.host.replace(/\./g, '\\.')}: `, 'm'));
    const rel = await slipway(['releases', '--json'], project, env);
    assert.equal(rel.code, 0, rel.all);
    const parsed = JSON.parse(rel.stdout) as { server: string; current: string }[];
    assert.deepEqual(parsed.map((p) => p.current), ['v2', 'v2']);
  });
});
