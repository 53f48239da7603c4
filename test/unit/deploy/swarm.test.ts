// engine: swarm — the config, the generated stack file, the manager's commands (run in a real
// sh where they are scripts) and the health verdict from Swarm's services and tasks.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../../src/config/load.js';
import { resolveDeployConfig } from '../../../src/deploy/config.js';
import { remoteLayout } from '../../../src/deploy/layout.js';
import { SwarmApp } from '../../../src/deploy/swarm/app.js';
import * as sw from '../../../src/deploy/swarm/commands.js';
import { judgeStack, parseServices, parseTasks, runsRef } from '../../../src/deploy/swarm/health.js';
import { readStackFacts, stackFile } from '../../../src/deploy/swarm/stack.js';
import { displayStep, dryRunExecutor, sensitive } from '../../../src/exec/index.js';
import { MAX_FILE_BYTES } from '../../../src/project/read-file.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-swarm-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const COMPOSE = 'services:\n  web:\n    image: ghcr.io/org/shop:latest\n  db:\n    image: postgres:16\n';

describe('engine: swarm config', () => {
  test('engine, advertise addresses, workers and monitor from the file', async () => {
    const dir = project({
      'compose.yaml': COMPOSE,
      '.slipway.yaml': 'deploy:\n  engine: swarm\n  servers: [root@m1]\n  swarm:\n    advertise-addr: 10.0.0.1\n    monitor: 3\n    workers:\n      - root@w1\n      - host: root@w2:2200\n        advertise-addr: 10.0.0.3\n',
    });
    const c = await loadConfig(dir);
    const cfg = resolveDeployConfig({ cwd: dir, env: {}, section: c.deploy, source: c.source, flags: {} });
    assert.equal(cfg.engine, 'swarm');
    assert.equal(cfg.swarm?.advertiseAddr, '10.0.0.1');
    assert.equal(cfg.swarm?.monitorSec, 3);
    assert.deepEqual(cfg.swarm?.workers.map((w) => [w.host, w.port, w.advertiseAddr]), [['w1', undefined, undefined], ['w2', 2200, '10.0.0.3']]);
  });
  test('--engine swarm on the command line; compose is the default', () => {
    const dir = project({ 'compose.yaml': COMPOSE });
    assert.equal(resolveDeployConfig({ cwd: dir, env: {}, flags: { server: ['m1'] } }).engine, 'compose');
    assert.equal(resolveDeployConfig({ cwd: dir, env: {}, flags: { server: ['m1'], engine: 'swarm' } }).engine, 'swarm');
    assert.throws(() => resolveDeployConfig({ cwd: dir, env: {}, flags: { server: ['m1'], engine: 'k8s' } }), /--engine k8s: use compose or swarm/);
  });
  test('swarm deploys through one manager: two servers are refused with what to do', () => {
    const dir = project({ 'compose.yaml': COMPOSE });
    assert.throws(() => resolveDeployConfig({ cwd: dir, env: {}, flags: { server: ['m1', 'm2'], engine: 'swarm' } }), /one manager.*deploy\.swarm\.workers/);
  });
  test('a bad engine or swarm key is reported at its line', async () => {
    const dir = project({ 'compose.yaml': COMPOSE, '.slipway.yaml': 'deploy:\n  servers: [m1]\n  engine: swarm\n  swarm:\n    workerz: [w1]\n' });
    await assert.rejects(loadConfig(dir), (e: any) => e.line === 5 && /unknown key 'workerz'/.test(e.message));
    const dir2 = project({ 'compose.yaml': COMPOSE, '.slipway.yaml': 'deploy:\n  servers: [m1]\n  engine: kubernetes\n' });
    await assert.rejects(loadConfig(dir2), (e: any) => e.line === 3);
  });
});

describe('engine: swarm reads the compose files once, through the safe reader', () => {
  const swarmCfg = (dir: string, flags: Record<string, unknown> = {}) => resolveDeployConfig({ cwd: dir, env: {}, flags: { server: ['m1'], engine: 'swarm', ...flags } });
  test('what the stack file judges is what is shipped: a file changed on disk after the config read it is not read again', () => {
    const dir = project({ 'compose.yaml': COMPOSE });
    const cfg = swarmCfg(dir);
    // A host-mode port would make the stack file stop-first, had the stack read the disk a second time.
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: ghcr.io/org/other:latest\n    ports:\n      - {target: 80, published: 80, mode: host}\n');
    const app = new SwarmApp(dryRunExecutor(() => undefined), cfg, cfg.servers[0]!, () => undefined);
    const stack = parseYaml(app.stack('v2', {}));
    assert.equal(stack.services.web.deploy.update_config.order, 'start-first');
    assert.deepEqual(app.composeUploads().map((u) => u.content), [COMPOSE]);
  });
  test('a FIFO, a file over the size cap and a link out of the project are refused, at once and with the file', () => {
    const fifo = project({});
    execFileSync('mkfifo', [join(fifo, 'compose.yaml')]);
    assert.throws(() => swarmCfg(fifo), /compose\.yaml: a FIFO, not a regular file/);
    const huge = project({ 'compose.yaml': COMPOSE + '#'.repeat(MAX_FILE_BYTES) });
    assert.throws(() => swarmCfg(huge), /compose\.yaml: larger than/);
    const outside = project({ 'elsewhere.yaml': COMPOSE });
    const linked = project({});
    symlinkSync(join(outside, 'elsewhere.yaml'), join(linked, 'compose.yaml'));
    assert.throws(() => swarmCfg(linked), /compose\.yaml: a symlink to a file outside the project/);
    // A link inside the project is followed, as check follows it; a file named on the command line is the user's choice.
    const inside = project({ 'deploy.yaml': COMPOSE });
    symlinkSync('deploy.yaml', join(inside, 'compose.yaml'));
    assert.deepEqual(swarmCfg(inside).composeTexts, [COMPOSE]);
    assert.deepEqual(swarmCfg(linked, { compose: [join(linked, 'compose.yaml')] }).composeTexts, [COMPOSE]);
  });
});

describe('the generated stack file', () => {
  const facts = (yaml: string) => readStackFacts([{ file: 'compose.yaml', text: yaml }]);
  test('pins the app services, start-first, rollback on failure, the monitor window', () => {
    const text = stackFile({ services: ['web'], ref: 'ghcr.io/org/shop:v2', tag: 'v2', facts: facts(COMPOSE), monitorSec: 7, secrets: {} });
    const doc = parseYaml(text);
    assert.deepEqual(doc, {
      services: {
        web: {
          image: 'ghcr.io/org/shop:v2',
          deploy: {
            update_config: { parallelism: 1, order: 'start-first', failure_action: 'rollback', monitor: '7s' },
            rollback_config: { parallelism: 1, order: 'start-first', failure_action: 'pause', monitor: '7s' },
          },
        },
      },
    });
    assert.doesNotMatch(text, /version/, 'no version when the user file has none (the CLI wants them to agree)');
  });
  test("the user's own update_config keys win; the version follows theirs", () => {
    const f = facts('version: "3.8"\nservices:\n  web:\n    image: x\n    deploy:\n      update_config:\n        order: stop-first\n        monitor: 30s\n');
    const doc = parseYaml(stackFile({ services: ['web'], ref: 'r:1', tag: '1', facts: f, monitorSec: 7, secrets: {} }));
    assert.equal(doc.version, '3.8');
    assert.deepEqual(doc.services.web.deploy.update_config, { parallelism: 1, failure_action: 'rollback' });
  });
  test('a host-mode port makes it stop-first (two tasks cannot bind one port on a node)', () => {
    const f = facts('services:\n  web:\n    image: x\n    ports:\n      - target: 80\n        published: 8080\n        mode: host\n');
    assert.equal(parseYaml(stackFile({ services: ['web'], ref: 'r:1', tag: '1', facts: f, monitorSec: 7, secrets: {} })).services.web.deploy.update_config.order, 'stop-first');
  });
  test('secrets: external, versioned names, mounted at /run/secrets/<NAME>; no value anywhere', () => {
    const text = stackFile({ services: ['web'], ref: 'r:1', tag: '1', facts: facts(COMPOSE), monitorSec: 7, secrets: { API_TOKEN: 'shop_api_token_abc' } });
    const doc = parseYaml(text);
    assert.deepEqual(doc.services.web.secrets, [{ source: 'slipway_api_token', target: 'API_TOKEN' }]);
    assert.deepEqual(doc.secrets, { slipway_api_token: { external: true, name: 'shop_api_token_abc' } });
  });
  test('a hostile tag or name stays a JSON string', () => {
    const text = stackFile({ services: ['web'], ref: 'r:"x\n  evil: 1', tag: '"\n', facts: facts(COMPOSE), monitorSec: 7, secrets: {} });
    const doc = parseYaml(text);
    assert.equal(doc.services.web.image, 'r:"x\n  evil: 1');
    assert.equal(Object.keys(doc).length, 1);
  });
});

describe('swarm commands', () => {
  const l = remoteLayout('/srv/my app', ['compose.yaml']);
  test('stack deploy: registry auth, prune, the files in order, the app DOCKER_CONFIG', () => {
    assert.equal(
      displayStep(sw.stackDeploy(l, 'shop', ['/srv/my app/compose.yaml', '/srv/my app/slipway-stack.yml'])),
      "DOCKER_CONFIG='/srv/my app/.slipway/docker' docker stack deploy --with-registry-auth --prune -c '/srv/my app/compose.yaml' -c '/srv/my app/slipway-stack.yml' -- shop",
    );
  });
  test('secrets and the join token travel on stdin only', () => {
    const s = sw.createSecrets(l, 'shop', [['shop_api_token_1', sensitive('t0p $(secret)')]]);
    assert.doesNotMatch(JSON.stringify(s.argv), /t0p/);
    assert.match(displayStep(s), /\[REDACTED\]/);
    assert.doesNotMatch(displayStep(s), /t0p/);
    const j = sw.swarmJoin('10.0.0.1:2377', sensitive('SWMTKN-1-abc'), '10.0.0.2');
    assert.doesNotMatch(displayStep(j), /SWMTKN/);
  });
  test('the secret script hands each value byte-exact to docker secret create on stdin (a fake docker)', () => {
    const bin = mkdtempSync(join(tmpdir(), 'slipway-fake-docker-'));
    writeFileSync(join(bin, 'docker'), `#!/bin/sh\n# fake: records argv and stdin\nprintf '%s\\n' "$*" >> "${bin}/argv"\ncat >> "${bin}/stdin"\nprintf '|' >> "${bin}/stdin"\n`);
    chmodSync(join(bin, 'docker'), 0o755);
    const value = "a 'b' \"c\" $(touch pwn) `x` ; & \\ é";
    const step = sw.createSecrets(l, 'shop', [['shop_a_1', sensitive(value)], ['shop_b_1', sensitive('second')]]);
    const stdin = (step.stdin as ReturnType<typeof sensitive>).reveal();
    execFileSync(step.argv[0] as string, step.argv.slice(1) as string[], { input: stdin, env: { PATH: `${bin}:${process.env.PATH}` }, cwd: bin });
    assert.equal(readFileSync(join(bin, 'stdin'), 'utf8'), `${value}|second|`);
    assert.equal(readFileSync(join(bin, 'argv'), 'utf8'), 'secret create --label com.slipway.app=shop -- shop_a_1 -\nsecret create --label com.slipway.app=shop -- shop_b_1 -\n');
  });
  test('parseSwarmInfo', () => {
    assert.deepEqual(sw.parseSwarmInfo('active true abc 10.0.0.1\n'), { state: 'active', manager: true, nodeId: 'abc', addr: '10.0.0.1' });
    assert.deepEqual(sw.parseSwarmInfo('inactive false  \n'), { state: 'inactive', manager: false });
    assert.equal(sw.parseSwarmInfo('').state, 'unknown');
  });
});

describe('the Swarm health verdict', () => {
  const ref = 'reg/app:v2';
  const pinned = `${ref}@sha256:bb`;
  const svc = (over: any = {}) => ({ ID: 's1', Spec: { Name: 'shop_web', Mode: { Replicated: { Replicas: 2 } }, TaskTemplate: { ContainerSpec: { Image: pinned } } }, ...over });
  const task = (id: string, image: string, state: string, desired = 'running', err?: string) => ({ ID: id, ServiceID: 's1', NodeID: `n-${id}`, DesiredState: desired, Status: { State: state, ...(err ? { Err: err } : {}) }, Spec: { ContainerSpec: { Image: image } } });
  const judge = (services: any[], tasks: any[]) => judgeStack('shop', parseServices(JSON.stringify(services)), parseTasks(JSON.stringify(tasks)), new Map([['web', ref]]), ['web']);

  test('a pinned digest is the release', () => {
    assert.ok(runsRef(pinned, ref));
    assert.ok(!runsRef('reg/app:v22', ref));
  });
  test('healthy: every wanted task runs the spec image, no older one is wanted', () => {
    assert.deepEqual(judge([svc()], [task('a', pinned, 'running'), task('b', pinned, 'running'), task('c', 'reg/app:v1@sha256:aa', 'shutdown', 'shutdown')]), { status: 'healthy' });
  });
  test('waiting: an update or its monitor window is in progress', () => {
    const v = judge([svc({ UpdateStatus: { State: 'updating' } })], [task('a', pinned, 'running'), task('b', pinned, 'running')]);
    assert.equal(v.status, 'waiting');
  });
  test('waiting: start-first — the new task runs, the old one is still wanted', () => {
    const v = judge([svc({ UpdateStatus: { State: 'completed' } })], [task('a', pinned, 'running'), task('b', pinned, 'running'), task('c', 'reg/app:v1@sha256:aa', 'running')]);
    assert.deepEqual(v, { status: 'waiting', why: 'web: 1 older task(s) still running' });
  });
  test('waiting: starting tasks (health check not passed yet) do not count', () => {
    assert.equal(judge([svc()], [task('a', pinned, 'running'), task('b', pinned, 'starting')]).status, 'waiting');
  });
  test('rolled back by Swarm: the spec is the old image again, the failed task says why', () => {
    const v = judge(
      [svc({ Spec: { Name: 'shop_web', TaskTemplate: { ContainerSpec: { Image: 'reg/app:v1@sha256:aa' } } }, PreviousSpec: { TaskTemplate: { ContainerSpec: { Image: pinned } } }, UpdateStatus: { State: 'rollback_completed' } })],
      [task('a', pinned, 'failed', 'shutdown', 'task: non-zero exit (1): dockerexec: unhealthy container')],
    );
    assert.equal(v.status, 'rolled-back');
    assert.match((v as any).why, /web: a task of it failed: task: non-zero exit \(1\): dockerexec: unhealthy container, and Swarm rolled the update back/);
  });
  test('failed at once: a first deploy whose task fails while none runs', () => {
    const v = judge([svc()], [task('a', pinned, 'failed', 'shutdown', 'starting container failed: oci runtime error')]);
    assert.equal(v.status, 'failed');
  });
  test('failed: a paused update; waiting: no service yet', () => {
    assert.equal(judge([svc({ UpdateStatus: { State: 'paused', Message: 'update paused due to failure' } })], []).status, 'failed');
    assert.deepEqual(judge([], []), { status: 'waiting', why: 'web: no service yet' });
  });
  test('garbage from the server is no service, not a crash', () => {
    assert.deepEqual(parseServices('not json'), []);
    assert.deepEqual(parseTasks('{"a":1}'), []);
  });
});
