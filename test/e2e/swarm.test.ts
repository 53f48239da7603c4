// engine: swarm on a real two-node Swarm (scripts/test-env.sh start swarm: a manager and a worker,
// each its own engine in its own network namespace, reached over SSH like any server). Every step
// goes through slipway's commands: setup (swarm init + join), deploy across both nodes, a rolling
// start-first update under load (0 failed requests), a bad release Swarm rolls back by itself,
// rollback, status/logs/releases, Docker secrets, and losing the worker (its task moves).
//
// The stack: `web` (the test app, 2 replicas spread over the nodes, endpoint_mode dnsrr) behind
// `proxy` (caddy, port published in host mode on the manager): this kernel has no IPVS, so
// Swarm's routing mesh cannot run here, and the proxy is what a user puts in front instead.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildApp, freePort, readHistoryFile, slipway, slipwayProcess, writeSshConfig } from './deploy-env.js';
import { docker, e2eSkip, registry, requireEngine, uniqueName, waitFor } from './env.js';
import { buildProxy, nodeDocker, onNodes, swarmNodes, type SwarmNodes, underLoad, workerLink } from './swarm-env.js';

const SECRET = "s3cr3t 'q' \"d\" $(touch /tmp/pwn-swarm) `x` ; &";

describe('slipway on a two-node Swarm', { skip: e2eSkip(), timeout: 900_000 }, () => {
  let n: SwarmNodes;
  let base: string;
  let project: string;
  let serverDir: string;
  let repo: string;
  let port: number;
  let env: NodeJS.ProcessEnv;
  const app = `swarm${process.pid}`;

  const status = async () => {
    const s = await slipway(['status', '--json'], project, env);
    assert.equal(s.code, 0, s.all);
    return JSON.parse(s.stdout)[0] as { nodes: { id: string; status: string }[]; tasks: { service: string; state: string; tag: string; nodeId: string }[] };
  };
  const webTasks = async () => (await status()).tasks.filter((t) => t.service === 'web' && t.state === 'running');
  const url = () => `http://${n.manager}:${port}/`;
  const get = async () => (await fetch(url(), { signal: AbortSignal.timeout(3000) }).then((r) => r.text()).catch(() => '')).trim();

  before(async () => {
    await requireEngine();
    n = swarmNodes();
    // Both nodes start outside any Swarm, so setup's init and join are what is tested; the
    // worker's link is up (a run that died mid-test may have left it down).
    await workerLink(n, true);
    for (const host of [n.workerDocker, n.managerDocker]) await nodeDocker(host, ['swarm', 'leave', '--force']);
    base = await mkdtemp(join(tmpdir(), 'slipway-swarm-'));
    project = join(base, 'project');
    serverDir = join(base, 'server', app);
    await mkdir(project);
    const reg = registry();
    const name = uniqueName('slipway-swarm').replace(/[^a-z0-9-]/g, '');
    repo = `${reg.host}/${name}/app`;
    const dockerConfig = join(base, 'docker-config');
    await buildApp(repo, [{ tag: 'v1', version: 'v1' }, { tag: 'v2', version: 'v2' }, { tag: 'bad', version: 'bad', healthy: false }], dockerConfig);
    await buildProxy(`${reg.host}/${name}/proxy:1`, dockerConfig);
    port = await freePort();
    await writeFile(
      join(project, 'compose.yaml'),
      `services:
  web:
    image: ${onNodes(n, repo)}:latest
    deploy:
      replicas: 2
      endpoint_mode: dnsrr
      placement:
        preferences:
          - spread: node.id
  proxy:
    image: ${onNodes(n, `${reg.host}/${name}/proxy:1`)}
    ports:
      - target: 80
        published: ${port}
        mode: host
    deploy:
      placement:
        constraints: [node.role == manager]
`,
    );
    await writeFile(
      join(project, '.slipway.yaml'),
      `deploy:
  engine: swarm
  app: ${app}
  image: ${onNodes(n, repo)}
  servers: [root@${n.manager}]
  path: ${serverDir}
  ssh-config: ${writeSshConfig(base)}
  health-timeout: 90
  env: [API_TOKEN]
  swarm:
    advertise-addr: ${n.managerAddr}
    monitor: 2
    workers:
      - host: root@${n.worker}
        advertise-addr: ${n.workerAddr}
`,
    );
    env = { ...process.env, SLIPWAY_REGISTRY_USER: reg.user, SLIPWAY_REGISTRY_PASSWORD: reg.password, API_TOKEN: SECRET };
  });

  after(async () => {
    if (!n) return;
    await workerLink(n, true);
    await nodeDocker(n.managerDocker, ['stack', 'rm', app]).catch(() => undefined);
    for (const host of [n.workerDocker, n.managerDocker]) await nodeDocker(host, ['swarm', 'leave', '--force']).catch(() => undefined);
    const imgs = (await docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', '--filter', `reference=${repo.split('/').slice(0, -1).join('/')}/*`])).stdout.split('\n').filter(Boolean);
    if (imgs.length) await docker(['image', 'rm', '-f', ...imgs]);
    await rm(base, { recursive: true, force: true });
  });

  test('setup: swarm init on the manager, the worker joins over SSH; run again, both are left as they are', async () => {
    const s = await slipway(['setup'], project, env);
    assert.equal(s.code, 0, s.all);
    assert.match(s.stderr, /docker swarm init --advertise-addr/);
    assert.match(s.stderr, /workers: root@\S+ joined/);
    const nodes = (await nodeDocker(n.managerDocker, ['node', 'ls', '--format', '{{.Status}}/{{.ManagerStatus}}'])).stdout.trim().split('\n').sort();
    assert.deepEqual(nodes, ['Ready/', 'Ready/Leader']);
    assert.doesNotMatch(s.all, /SWMTKN/, 'the join token is never printed');
    const again = await slipway(['setup'], project, env);
    assert.equal(again.code, 0, again.all);
    assert.doesNotMatch(again.stderr, /swarm init/);
    assert.match(again.stderr, /already in a Swarm \(worker\); left as it is/);
  });

  test('deploy v1: a task on each node, the proxy answers, the secret is a Docker secret and nowhere else', async () => {
    const d = await slipway(['deploy', '--tag', 'v1'], project, env);
    assert.equal(d.code, 0, d.all);
    assert.match(d.stderr, /v1 is healthy on the Swarm/);
    assert.equal(await get(), 'version v1');
    const tasks = await webTasks();
    assert.deepEqual(tasks.map((t) => t.tag), ['v1', 'v1']);
    assert.equal(new Set(tasks.map((t) => t.nodeId)).size, 2, 'spread over both nodes');
    // The value reaches the container as /run/secrets/API_TOKEN, byte-exact...
    const id = (await nodeDocker(n.managerDocker, ['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${app}_web`])).stdout.trim().split('\n')[0]!;
    const inside = await nodeDocker(n.managerDocker, ['exec', id, 'cat', '/run/secrets/API_TOKEN']);
    assert.equal(inside.stdout, SECRET);
    // ...and is not in the service spec, the stack files on the server, or anything slipway printed.
    const spec = await nodeDocker(n.managerDocker, ['service', 'inspect', `${app}_web`]);
    assert.ok(!spec.stdout.includes('s3cr3t'));
    assert.ok(!readFileSync(join(serverDir, 'slipway-stack.yml'), 'utf8').includes('s3cr3t'));
    assert.ok(!d.all.includes('s3cr3t'));
    assert.equal((await docker(['run', '--rm', '-v', '/tmp:/t:ro', 'slipway-test/busybox:1', 'sh', '-c', 'ls /t/pwn-swarm 2>/dev/null || echo none'])).stdout.trim(), 'none');
  });

  test('a rolling start-first update across both nodes under load: 0 failed requests', async () => {
    const v1Nodes = new Set((await webTasks()).map((t) => t.nodeId));
    assert.equal(v1Nodes.size, 2, 'v1 runs on both nodes before the update');
    const { load, result } = await underLoad(url(), 20, () => slipwayProcess(['deploy', '--tag', 'v2'], project, env));
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(load.failed, 0, `failed requests: ${JSON.stringify(load.errors)} of ${load.sent}`);
    assert.ok(load.byBody['version v1']! > 0 && load.byBody['version v2']! > 0, JSON.stringify(load.byBody));
    // Both nodes' v1 tasks were replaced (where the v2 tasks land is the scheduler's choice:
    // with start-first the old task still counts while the new one is placed).
    const tasks = await webTasks();
    assert.deepEqual(tasks.map((t) => t.tag), ['v2', 'v2']);
    assert.equal(await get(), 'version v2');
  });

  test('a bad release under load: Swarm rolls it back by itself, v2 keeps serving, deploy exits 2 and records it', async () => {
    const { load, result } = await underLoad(url(), 20, () => slipwayProcess(['deploy', '--tag', 'bad'], project, env));
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stderr, /Swarm rolled the update back/);
    assert.match(result.stderr, /Rolled back to v2, which is healthy again/);
    assert.equal(load.failed, 0, `failed requests: ${JSON.stringify(load.errors)} of ${load.sent}`);
    assert.deepEqual(Object.keys(load.byBody), ['version v2']);
    assert.deepEqual(readHistoryFile(serverDir).slice(-2).map((h) => [h.action, h.tag, h.result]), [['deploy', 'bad', 'unhealthy'], ['auto-rollback', 'v2', 'healthy']]);
    assert.match(readFileSync(join(serverDir, 'slipway-stack.yml'), 'utf8'), /app:v2"/, 'the stack file pins v2 again');
  });

  test('rollback: back to v1 (the release before v2); releases and logs', async () => {
    const r = await slipway(['rollback'], project, env);
    assert.equal(r.code, 0, r.all);
    assert.equal(await get(), 'version v1');
    const rel = await slipway(['releases', '--json'], project, env);
    assert.equal(JSON.parse(rel.stdout)[0].current, 'v1');
    const logs = await slipway(['logs', '--tail', '50', 'proxy'], project, env);
    assert.equal(logs.code, 0, logs.all);
    // caddy logs on stderr; docker service logs keeps the streams apart, and so does slipway.
    assert.match(logs.stderr, /^proxy \| .*"msg":"server running"/m);
  });

  test('losing the worker: Swarm marks it down and runs its task on the manager; the app keeps answering', async () => {
    const nodes = (await status()).nodes;
    const workerId = nodes.find((x) => x.status === 'Ready' && (x as any).manager === '')!.id;
    assert.ok((await webTasks()).some((t) => t.nodeId === workerId));
    assert.equal((await workerLink(n, false)).code, 0);
    await waitFor(
      'the worker marked down and both web tasks running on the manager',
      async () => {
        const s = await status();
        const down = s.nodes.find((x) => x.id === workerId)?.status === 'Down';
        const web = s.tasks.filter((t) => t.service === 'web' && t.state === 'running' && t.nodeId !== workerId);
        return down && web.length === 2;
      },
      { timeoutMs: 120_000, intervalMs: 2000 },
    );
    assert.equal(await get(), 'version v1');
    const text = await slipway(['status'], project, env);
    assert.match(text.stdout, /\bDown\b/);
    assert.equal((await workerLink(n, true)).code, 0);
    await waitFor('the worker back', async () => (await status()).nodes.find((x) => x.id === workerId)?.status === 'Ready', { timeoutMs: 120_000, intervalMs: 2000 });
  });
});
