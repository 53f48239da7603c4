// strategy: zero-downtime against a real "server": the loopback sshd in front of the real dockerd
// and docker-compose, pulling from the authenticated registry, with the caddy:2 proxy image (a
// local stand-in from Debian's caddy). While slipway deploys, a second process sends a steady,
// bounded HTTP load to the port the compose file publishes; not one request may fail.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { httpGet, readHistoryFile, slipway, type Slipway } from './deploy-env.js';
import { deployFixture, removeDeployFixture, type DeployFixture } from './deploy-fixture.js';
import { docker, e2eSkip, requireEngine, run as runCommand, sshTarget, waitFor } from './env.js';
import { underLoad } from './load/under-load.js';
import { ensureProxyImage } from './proxy-image.js';

/** TcpExtListenDrops from a /proc/<pid>/net/netstat (the counters of that process's network namespace). */
function listenDrops(netstat: string): number {
  const [names, values] = netstat.split('\n').filter((l) => l.startsWith('TcpExt:'));
  const i = names?.split(' ').indexOf('ListenDrops') ?? -1;
  return i > 0 ? Number(values?.split(' ')[i]) : 0;
}

// 50 requests a second from 1 s before the deploy to 1 s after it, at most 3 minutes' worth.
const LOAD = { count: 9000, rate: 50, tailMs: 1000 };

describe('slipway deploy --strategy zero-downtime', { skip: e2eSkip(), timeout: 600_000 }, () => {
  let fx: DeployFixture | undefined;
  let project: string;
  let serverDir: string;
  let sshConfig: string;
  let repo: string;
  let port: number;
  let name: string;
  let env: NodeJS.ProcessEnv;
  const server = () => `root@127.0.0.1:${sshTarget().port}`;
  const common = () => ['--server', server(), '--ssh-config', sshConfig, '--path', serverDir];
  const run = (argv: string[]): Promise<Slipway> => slipway(argv, project, env);
  const url = () => `http://127.0.0.1:${port}/`;
  const webContainers = async () =>
    (await docker(['ps', '-a', '--format', '{{.Image}}', '--filter', `label=com.docker.compose.project=${name}`, '--filter', 'label=com.docker.compose.service=web'])).stdout.split('\n').filter(Boolean);
  const webPids = async () => {
    const ids = (await docker(['ps', '-q', '--filter', `label=com.docker.compose.project=${name}`, '--filter', 'label=com.docker.compose.service=web'])).stdout.split('\n').filter(Boolean);
    return ids.length ? (await docker(['inspect', '-f', '{{.State.Pid}}', ...ids])).stdout.split('\n').filter(Boolean) : [];
  };
  // A failed request the product is not to blame for: the app's own accept queue had no room
  // (the kernel's TcpExtListenDrops in the app's network namespace). Shown with every load.
  const appListenDrops = async () => {
    let drops = 0;
    for (const pid of await webPids()) drops += listenDrops(readFileSync(`/proc/${pid}/net/netstat`, 'utf8'));
    return drops;
  };

  before(async () => {
    await requireEngine();
    [fx] = await Promise.all([
      deployFixture('slipway-zd-e2e', [
        { tag: 'v1', version: 'v1' },
        { tag: 'v2', version: 'v2' },
        { tag: 'bad', version: 'bad', healthy: false },
      ]),
      ensureProxyImage(),
    ]);
    ({ project, serverDir, sshConfig, repo, port, name, env } = fx);
    // The production compose file as a user writes it: the app publishes its port. Nothing in it is about the proxy.
    await writeFile(
      join(project, 'docker-compose.yml'),
      `services:\n  web:\n    image: ${repo}:latest\n    restart: unless-stopped # keep it up\n    ports:\n      - "127.0.0.1:${port}:8080"\n    volumes:\n      - ./data:/data\n`,
    );
    await writeFile(join(project, '.slipway.yaml'), `deploy:\n  image: ${repo}\n  strategy: zero-downtime\n  health-timeout: 40\n`);
  });

  after(() => removeDeployFixture(fx));

  test('first deploy: the proxy publishes the compose file’s port; the app itself publishes none', async () => {
    const s = await run(['setup', ...common()]);
    assert.equal(s.code, 0, s.all);
    const r = await run(['deploy', '--tag', 'v1', ...common()]);
    assert.equal(r.code, 0, r.all);
    assert.equal(await httpGet(port), 'version v1');
    const shipped = readFileSync(join(serverDir, 'docker-compose.yml'), 'utf8');
    assert.doesNotMatch(shipped, /ports:|8080/, 'the published port moved to the proxy');
    assert.match(shipped, /restart: unless-stopped # keep it up/, 'the rest of the file is as written');
    const override = JSON.parse(readFileSync(join(serverDir, 'docker-compose.override.yml'), 'utf8').replace(/^#.*\n/, ''));
    assert.deepEqual(override.services['slipway-proxy'].ports, [`127.0.0.1:${port}:8080`]);
    assert.equal(override.services['slipway-proxy'].image, 'caddy:2');
    // A reload must not reset connections waiting in Caddy's old listener: the kernel hands them over (proxy/caddy.ts).
    const sysctls = await docker(['ps', '-q', '--filter', `label=com.docker.compose.project=${name}`, '--filter', 'label=com.docker.compose.service=slipway-proxy']).then((ps) =>
      docker(['inspect', '-f', '{{json .HostConfig.Sysctls}}', ps.stdout.trim()]),
    );
    const expected = existsSync('/proc/sys/net/ipv4/tcp_migrate_req') ? { 'net.ipv4.tcp_migrate_req': '1' } : null;
    assert.deepEqual(JSON.parse(sysctls.stdout), expected, sysctls.stderr);
    // The test app must not drop connections itself under load: busybox httpd's backlog of 9 did on a
    // loaded machine (19 timeouts of 2,679 at load 45). app-server/main.go listens with somaxconn.
    const [pid] = await webPids();
    const listening = await runCommand('nsenter', ['-t', pid!, '-n', 'ss', '-Hltn', 'sport = :8080']);
    assert.equal(listening.code, 0, listening.stderr);
    const backlog = Number(listening.stdout.trim().split(/\s+/)[2]);
    assert.ok(backlog >= 1024, `the app's listen backlog: ${listening.stdout}`);
  });

  test('a new release under load: 0 failed requests, the new version serves, the old container is gone', async (t) => {
    const { load, value: r, covered, seconds } = await underLoad(url(), () => run(['deploy', '--tag', 'v2', ...common()]), LOAD);
    t.diagnostic(`deploy ${seconds.toFixed(1)} s under load: ${JSON.stringify(load)}; the running app's listen drops: ${await appListenDrops()}`);
    assert.equal(r.code, 0, r.all);
    assert.ok(covered, `the deploy outlasted the load (${JSON.stringify(load)}); the machine is too slow`);
    assert.equal(load.failed, 0, `failed requests: ${JSON.stringify(load)}`);
    assert.ok(load.byBody['version v1']! > 0 && load.byBody['version v2']! > 0, JSON.stringify(load.byBody));
    assert.equal(await httpGet(port), 'version v2');
    assert.deepEqual(await webContainers(), [`${repo}:v2`]);
  });

  test('a bad release under load: 0 failed requests, nothing switched, v2 still serves; recorded, exit 2', async (t) => {
    const { load, value: r, covered, seconds } = await underLoad(url(), () => run(['deploy', '--tag', 'bad', ...common()]), LOAD);
    t.diagnostic(`bad deploy ${seconds.toFixed(1)} s under load: ${JSON.stringify(load)}; the running app's listen drops: ${await appListenDrops()}`);
    assert.equal(r.code, 2, r.all);
    assert.match(r.stderr, /bad is not healthy: web is unhealthy.*Nothing was switched: v2 kept serving/s);
    assert.match(r.stderr, /last log lines of web/);
    assert.ok(covered, `the deploy outlasted the load (${JSON.stringify(load)}); the machine is too slow`);
    assert.equal(load.failed, 0, `failed requests: ${JSON.stringify(load)}`);
    assert.deepEqual(Object.keys(load.byBody), ['version v2'], 'only the old version answered');
    assert.equal(await httpGet(port), 'version v2');
    assert.deepEqual(await webContainers(), [`${repo}:v2`], 'the bad container was removed');
    assert.deepEqual(readHistoryFile(serverDir).slice(-1).map((h) => [h.action, h.tag, h.result]), [['deploy', 'bad', 'unhealthy']]);
    assert.match(readFileSync(join(serverDir, 'docker-compose.override.yml'), 'utf8'), new RegExp(`"image": "${repo}:v2"`), 'the pin is back on v2');
  });

  test('rollback with the same strategy: back to v1 without a failed request; a request running on v2 is drained, not cut', async (t) => {
    // Sent once the new v1 container runs, before the switch (which needs its health check to pass:
    // slipway probes it itself, often before Docker's status says healthy, so Docker's status is
    // too late a signal): 15 s long, it still runs on v2 when the proxy switches, and the old
    // container must not stop under it.
    const runningV1 = async () => (await docker(['ps', '--format', '{{.Image}} {{.Status}}', '--filter', `label=com.docker.compose.project=${name}`])).stdout.split('\n').some((l) => l.startsWith(`${repo}:v1 Up`));
    const slow = waitFor('the new v1 container to run', runningV1, { timeoutMs: 120_000, intervalMs: 100 })
      .then(() => fetch(`${url()}cgi-bin/slow?15`, { signal: AbortSignal.timeout(60_000) }))
      .then(async (r) => `${r.status} ${(await r.text()).trim()}`, (e: Error) => `failed: ${e.message}`);
    const { load, value: r, covered, seconds } = await underLoad(url(), () => run(['rollback', ...common()]), LOAD);
    t.diagnostic(`rollback ${seconds.toFixed(1)} s under load: ${JSON.stringify(load)}; the running app's listen drops: ${await appListenDrops()}`);
    assert.equal(r.code, 0, r.all);
    assert.equal(await slow, '200 slow v2');
    assert.ok(covered, `the rollback outlasted the load (${JSON.stringify(load)})`);
    assert.equal(load.failed, 0, `failed requests: ${JSON.stringify(load)}`);
    assert.equal(await httpGet(port), 'version v1');
    assert.deepEqual(await webContainers(), [`${repo}:v1`]);
    assert.deepEqual(readHistoryFile(serverDir).slice(-1).map((h) => [h.action, h.tag, h.result]), [['rollback', 'v1', 'healthy']]);
  });

  test('a service without a health check is refused before anything is switched', async () => {
    const compose = join(project, 'docker-compose.yml');
    const text = readFileSync(compose, 'utf8');
    await writeFile(compose, text.replace('    restart: unless-stopped # keep it up\n', '    restart: unless-stopped # keep it up\n    healthcheck:\n      disable: true\n'));
    try {
      const r = await run(['deploy', '--tag', 'v2', ...common()]);
      assert.equal(r.code, 2, r.all);
      assert.match(r.stderr, /v2 is not healthy: web has no health check; zero-downtime sends traffic to a new container only once its health check passes.*Nothing was switched: v1 kept serving/s);
      assert.equal(await httpGet(port), 'version v1');
      assert.deepEqual(await webContainers(), [`${repo}:v1`]);
    } finally {
      await writeFile(compose, text);
    }
  });
});
