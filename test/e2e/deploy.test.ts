// slipway setup/deploy/rollback against a real "server": the loopback sshd in front of the real
// dockerd and docker-compose, pulling from the authenticated registry. The server is reached only
// through SSH; the test looks at the server's folder and ports directly to judge the result.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { httpGet, parentOf, readHistoryFile, slipway, slipwayProcess, writeSshConfig, type Slipway } from './deploy-env.js';
import { deployFixture, removeDeployFixture, type DeployFixture } from './deploy-fixture.js';
import { docker, e2eSkip, sshTarget, tempDir, waitFor } from './env.js';

const SECRET = 'tok-' + Math.random().toString(36).slice(2) + '-s3cr3t';

describe('slipway deploy over SSH', { skip: e2eSkip(), timeout: 900_000 }, () => {
  let fx: DeployFixture | undefined;
  let project: string;
  let serverDir: string;
  let sshConfig: string;
  let repo: string;
  let port: number;
  let name: string;
  let env: NodeJS.ProcessEnv;
  const outputs: Slipway[] = [];
  const server = () => `root@127.0.0.1:${sshTarget().port}`;
  const common = () => ['--server', server(), '--ssh-config', sshConfig, '--path', serverDir];
  const run = async (argv: string[], extraEnv: NodeJS.ProcessEnv = {}) => {
    const r = await slipway(argv, project, { ...env, ...extraEnv });
    outputs.push(r);
    return r;
  };
  const containerId = async () => (await docker(['ps', '-q', '--filter', `label=com.docker.compose.project=${name}`, '--filter', 'label=com.docker.compose.service=web'])).stdout.trim();
  const history = () => readHistoryFile(serverDir);

  before(async () => {
    fx = await deployFixture('slipway-deploy-e2e', [
      { tag: 'v1', version: 'v1' },
      { tag: 'v2', version: 'v2' },
      { tag: 'v3', version: 'v3' },
      { tag: 'v4', version: 'v4' },
      { tag: 'bad', version: 'bad', healthy: false },
    ]);
    ({ project, serverDir, sshConfig, repo, port, name } = fx);
    // The project: a production compose file, a development override and source code that must never reach the server.
    await writeFile(
      join(project, 'docker-compose.yml'),
      `services:\n  web:\n    image: ${repo}:latest\n    restart: unless-stopped\n    ports:\n      - "127.0.0.1:${port}:8080"\n    volumes:\n      - ./data:/data\n    env_file:\n      - .env\n`,
    );
    await writeFile(join(project, 'docker-compose.override.yml'), 'services:\n  web:\n    build: .\n');
    await writeFile(join(project, 'app.py'), 'print("source code")\n');
    await writeFile(join(project, '.slipway.yaml'), `deploy:\n  image: ${repo}\n  env: [SECRET_TOKEN, GREETING]\n  keep: 2\n  health-timeout: 40\n`);
    await writeFile(join(project, '.env'), `GREETING=hello from .env\nSECRET_TOKEN=not-this-one\n`);
    env = { ...fx.env, SECRET_TOKEN: SECRET };
  });

  after(() => removeDeployFixture(fx));

  test('an unknown host key is refused; --accept-new-host-key records it', async (t) => {
    const dir = await tempDir(t);
    const known = join(dir, 'known_hosts');
    writeFileSync(known, '');
    const cfg = writeSshConfig(dir, known);
    const refused = await run(['status', '--server', server(), '--ssh-config', cfg, '--path', serverDir]);
    assert.equal(refused.code, 2, refused.all);
    assert.match(refused.stderr, /host key is not in known_hosts.*--accept-new-host-key/s);
    const accepted = await run(['setup', '--dry-run', '--server', server(), '--ssh-config', cfg, '--path', serverDir]);
    assert.equal(accepted.code, 0, accepted.all); // a dry run connects nowhere
    const df = await run(['df', '--server', server(), '--ssh-config', cfg, '--path', serverDir, '--accept-new-host-key']);
    assert.equal(df.code, 0, df.all);
    assert.match(readFileSync(known, 'utf8'), /ssh-ed25519/);
  });

  test('setup: folder with data/, compose file, .env mode 600; no source, no development override', async () => {
    const r = await run(['setup', ...common()]);
    assert.equal(r.code, 0, r.all);
    assert.match(r.stderr, /compose standalone 1\.29|compose plugin/);
    assert.ok(existsSync(join(serverDir, 'docker-compose.yml')));
    assert.ok(statSync(join(serverDir, 'data')).isDirectory());
    assert.equal(statSync(join(serverDir, '.env')).mode & 0o777, 0o600);
    assert.equal(readFileSync(join(serverDir, '.env'), 'utf8'), `SECRET_TOKEN=${SECRET}\nGREETING='hello from .env'\n`);
    assert.equal(existsSync(join(serverDir, 'app.py')), false);
    assert.equal(existsSync(join(serverDir, 'docker-compose.override.yml')), false, 'no release yet, and the dev override is never shipped');
    assert.ok(existsSync(join(serverDir, '.slipway', 'docker', 'config.json')), 'the registry login is the app’s own');
    writeFileSync(join(serverDir, 'data', 'keep.txt'), 'precious\n');
  });

  test('first deploy, then a second tag; data/ survives', async () => {
    const r1 = await run(['deploy', '--tag', 'v1', ...common()]);
    assert.equal(r1.code, 0, r1.all);
    assert.equal(await httpGet(port), 'version v1');
    const r2 = await run(['deploy', '--tag', 'v2', ...common()]);
    assert.equal(r2.code, 0, r2.all);
    assert.equal(await httpGet(port), 'version v2');
    assert.equal(readFileSync(join(serverDir, 'data', 'keep.txt'), 'utf8'), 'precious\n');
    assert.equal(readFileSync(join(serverDir, 'data', 'starts'), 'utf8'), 'v1\nv2\n');
    assert.deepEqual(history().map((h) => [h.tag, h.result]), [['v1', 'healthy'], ['v2', 'healthy']]);
    // The container got the .env values exactly, and the server's override pins the tag.
    const id = await containerId();
    const e = await docker(['exec', id, 'sh', '-c', 'echo "$SECRET_TOKEN|$GREETING"']);
    assert.equal(e.stdout.trim(), `${SECRET}|hello from .env`);
    assert.match(readFileSync(join(serverDir, 'docker-compose.override.yml'), 'utf8'), new RegExp(`"image": "${repo}:v2"`));
  });

  test('an unhealthy release is rolled back automatically; the old one answers', async () => {
    const r = await run(['deploy', '--tag', 'bad', ...common()]);
    assert.equal(r.code, 2, r.all);
    assert.match(r.stderr, /bad is not healthy: web is unhealthy.*Rolled back to v2, which is healthy again/s);
    assert.match(r.stderr, /last log lines of web/);
    assert.equal(await httpGet(port), 'version v2');
    assert.deepEqual(history().slice(-2).map((h) => [h.action, h.tag, h.result]), [['deploy', 'bad', 'unhealthy'], ['auto-rollback', 'v2', 'healthy']]);
    assert.equal(readFileSync(join(serverDir, 'data', 'keep.txt'), 'utf8'), 'precious\n');
  });

  test('rollback: to the previous healthy release, then to a named one', async () => {
    const back = await run(['rollback', ...common()]);
    assert.equal(back.code, 0, back.all);
    assert.equal(await httpGet(port), 'version v1');
    const named = await run(['rollback', 'v2', ...common()]);
    assert.equal(named.code, 0, named.all);
    assert.equal(await httpGet(port), 'version v2');
    const rel = await run(['releases', ...common()]);
    assert.equal(rel.code, 0, rel.all);
    assert.match(rel.stdout, /^\*\s+\S+ \S+\s+rollback\s+v2\s+healthy/m);
  });

  test('a wrong registry password leaves the running release untouched', async () => {
    const before = await containerId();
    const r = await run(['deploy', '--tag', 'v3', ...common()], { SLIPWAY_REGISTRY_PASSWORD: 'wrong-password' });
    assert.equal(r.code, 2, r.all);
    assert.match(r.stderr, /could not log in to/);
    assert.doesNotMatch(r.all, /wrong-password/);
    assert.equal(await containerId(), before);
    assert.equal(await httpGet(port), 'version v2');
    assert.equal(existsSync(join(serverDir, '.slipway', 'lock')), false, 'the lock is released');
  });

  test('two deploys at once: one fails clearly, nothing is corrupted; with --lock-wait both run', async () => {
    const n = history().length;
    const [a, b] = await Promise.all([run(['deploy', '--tag', 'v3', ...common()]), run(['deploy', '--tag', 'v1', ...common()])]);
    const codes = [a.code, b.code].sort();
    assert.deepEqual(codes, [0, 2], a.all + b.all);
    const loser = a.code === 0 ? b : a;
    assert.match(loser.stderr, /another deploy holds the lock \(by \S+ on \S+ at \S+ \(deploy v[13]\)\)/);
    assert.equal(history().length, n + 1);
    const [c, d] = await Promise.all([run(['deploy', '--tag', 'v3', '--lock-wait', '120', ...common()]), run(['deploy', '--tag', 'v4', '--lock-wait', '120', ...common()])]);
    assert.equal(c.code, 0, c.all);
    assert.equal(d.code, 0, d.all);
    assert.equal(history().length, n + 3);
    assert.equal(await httpGet(port), `version ${history().at(-1)!.tag}`);
  });

  test('old images are pruned (keep 2, never current or previous); rollback to a pruned tag pulls it again', async () => {
    const r = await run(['deploy', '--tag', 'v4', ...common()]);
    assert.equal(r.code, 0, r.all);
    const r2 = await run(['deploy', '--tag', 'v3', ...common()]);
    assert.equal(r2.code, 0, r2.all);
    assert.notEqual((await docker(['image', 'inspect', `${repo}:v1`])).code, 0, 'v1 was pruned');
    assert.equal((await docker(['image', 'inspect', `${repo}:v4`])).code, 0, 'the previous release stays');
    const back = await run(['rollback', 'v1', ...common()]);
    assert.equal(back.code, 0, back.all);
    assert.match(back.stderr, /not on the server any more; pulling it again/);
    assert.equal(await httpGet(port), 'version v1');
  });

  test('the SSH connection killed mid-deploy: deploy again completes, the history stays consistent', async () => {
    const staged = join(serverDir, 'docker-compose.override.yml.slipway-new');
    const running = run(['deploy', '--tag', 'v2', ...common()]);
    // Mid-deploy: the files are uploaded and compose is pulling. Kill the server side of the connection.
    await waitFor('the staged files', async () => existsSync(staged), { timeoutMs: 60_000, intervalMs: 20 });
    const holder = Number(readFileSync(join(serverDir, '.slipway', 'lock', 'holder'), 'utf8'));
    let pid = holder;
    while (parentOf(pid).comm !== 'sshd') pid = parentOf(pid).ppid;
    process.kill(pid, 'SIGKILL');
    const r = await running;
    if (r.code === 0) assert.equal(await httpGet(port), 'version v2');
    const again = await run(['deploy', '--tag', 'v2', ...common()]);
    assert.equal(again.code, 0, again.all);
    assert.equal(await httpGet(port), 'version v2');
    const h = history(); // every line parses
    assert.deepEqual([h.at(-1)!.tag, h.at(-1)!.result], ['v2', 'healthy']);
  });

  test('a deploy that dies leaves a stale lock: reported with how to break it; --break-lock completes', async () => {
    const staged = join(serverDir, 'docker-compose.override.yml.slipway-new');
    const child = slipwayProcess(['deploy', '--tag', 'v4', ...common()], project, env);
    await waitFor('the staged files', async () => existsSync(staged), { timeoutMs: 90_000, intervalMs: 20 });
    // Kill slipway itself (and so its ssh clients): the lock's holder on the server goes with them.
    const holder = Number(readFileSync(join(serverDir, '.slipway', 'lock', 'holder'), 'utf8'));
    const { execFileSync } = await import('node:child_process');
    const pids = execFileSync('pgrep', ['-f', `src/cli/bin.ts deploy --tag v4 --server ${server()}`]).toString().split('\n').filter(Boolean).map(Number);
    for (const p of pids) process.kill(p, 'SIGKILL');
    await child;
    await waitFor('the holder to end', async () => !existsSync(`/proc/${holder}`), { timeoutMs: 30_000 });
    const refused = await run(['deploy', '--tag', 'v4', ...common()]);
    assert.equal(refused.code, 2, refused.all);
    assert.match(refused.stderr, /stale deploy lock .*deploy v4.*--break-lock/s);
    const ok = await run(['deploy', '--tag', 'v4', '--break-lock', ...common()]);
    assert.equal(ok.code, 0, ok.all);
    assert.equal(await httpGet(port), 'version v4');
    assert.equal(history().at(-1)!.tag, 'v4');
  });

  test('dry run prints the remote commands with secrets redacted and changes nothing', async () => {
    const n = history().length;
    const r = await run(['deploy', '--tag', 'v1', '--dry-run', ...common()]);
    assert.equal(r.code, 0, r.all);
    assert.match(r.stdout, /\$ [\s\S]*docker login --username \S+ --password-stdin/); // inside the deploy session's script
    assert.match(r.stdout, /printf '%s' \[REDACTED\] \| /);
    assert.match(r.stdout, /docker-compose -p \S+ --project-directory .* up -d --remove-orphans/);
    assert.equal(history().length, n);
    assert.equal(await httpGet(port), 'version v4');
  });

  test('status, logs, exec, prune, df', async () => {
    const st = await run(['status', ...common()]);
    assert.equal(st.code, 0, st.all);
    assert.match(st.stdout, /release v4 sha256:[0-9a-f]{64}/);
    assert.match(st.stdout, /web\s+running\s+healthy\s+v4/);
    const logs = await run(['logs', '--tail', '5', ...common()]);
    assert.equal(logs.code, 0, logs.all);
    // docker-compose v1 has no logs --since: each container's docker logs instead.
    const since = await run(['logs', '--since', '1h', 'web', ...common()]);
    assert.equal(since.code, 0, since.all);
    const ex = await run(['exec', ...common(), 'web', '--', 'cat', '/data/keep.txt']);
    assert.equal(ex.code, 0, ex.all);
    assert.equal(ex.stdout, 'precious\n');
    const pr = await run(['prune', ...common()]);
    assert.equal(pr.code, 0, pr.all);
    const df = await run(['df', ...common()]);
    assert.equal(df.code, 0, df.all);
    assert.match(df.stdout, /TYPE\s+TOTAL/);
  });

  test('the .env values never appear in any output; .env is still mode 600', () => {
    for (const o of outputs) assert.doesNotMatch(o.all, new RegExp(SECRET), o.all);
    assert.equal(statSync(join(serverDir, '.env')).mode & 0o777, 0o600);
    assert.equal(readFileSync(join(serverDir, 'data', 'keep.txt'), 'utf8'), 'precious\n');
  });
});
