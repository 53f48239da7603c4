// Nothing a user controls runs on the server: a folder, .env values and a deployer name full of
// spaces, quotes, $(...), backticks and ; deploy exactly as written, and no command in them runs.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildApp, freePort, httpGet, readHistoryFile, slipway, writeSshConfig } from './deploy-env.js';
import { docker, e2eSkip, registry, requireEngine, ssh, sshTarget, uniqueName } from './env.js';

describe('slipway deploy with hostile names and values', { skip: e2eSkip(), timeout: 600_000 }, () => {
  let base: string;
  let project: string;
  let dir: string;
  let repo: string;
  let port: number;
  let name: string;
  let env: NodeJS.ProcessEnv;
  let values: Record<string, string>;
  const pwned = () => readdirSync(base).filter((f) => f.startsWith('pwn'));

  before(async () => {
    await requireEngine();
    base = await mkdtemp(join(tmpdir(), 'slipway-deploy-hostile-'));
    project = join(base, 'project');
    await mkdir(project);
    const touch = (n: number) => `touch ${base}/pwn${n}`;
    // The server folder: every shell metacharacter the brief names.
    dir = join(base, 'srv', `we ird 'q' "d" $(${touch(1)}) \`${touch(2)}\`; ${touch(3)}`);
    name = uniqueName('slipway-deploy-hostile').replace(/[^a-z0-9-]/g, '');
    repo = `${registry().host}/${name}/app`;
    port = await freePort();
    await buildApp(repo, [{ tag: 'v1', version: 'v1' }], join(base, 'docker-config'));
    await writeFile(join(project, 'docker-compose.yml'), `services:\n  web:\n    image: ${repo}:latest\n    ports:\n      - "127.0.0.1:${port}:8080"\n    volumes:\n      - ./data:/data\n    env_file: [.env]\n`);
    await writeFile(join(project, '.slipway.yaml'), `deploy:\n  image: ${repo}\n  app: ${name}\n  env: [HOSTILE_A, HOSTILE_B]\n  health-timeout: 40\n`);
    values = {
      HOSTILE_A: `a b "c" $(${touch(4)}) \`${touch(5)}\`; ${touch(6)} | ${touch(7)} && x`,
      HOSTILE_B: `it's "x" \`${touch(8)}\`; ${touch(9)} & y \\ z`,
    };
    const reg = registry();
    env = { ...process.env, ...values, SLIPWAY_REGISTRY_USER: reg.user, SLIPWAY_REGISTRY_PASSWORD: reg.password, SLIPWAY_DEPLOYER: `me $(${touch(10)}) \`${touch(11)}\`; ${touch(12)} '"` };
  });

  after(async () => {
    await ssh(['sh', '-c', 'cd "$1" && docker-compose -p "$2" -f docker-compose.yml down --remove-orphans', 'sh', dir, name]).catch(() => undefined);
    await docker(['image', 'rm', '-f', `${repo}:v1`]).catch(() => undefined);
    await rm(base, { recursive: true, force: true });
  });

  test('setup + deploy + status + rollback-free history: exact values, nothing executed', async () => {
    const common = ['--server', `root@127.0.0.1:${sshTarget().port}`, '--ssh-config', writeSshConfig(base), '--path', dir];
    const s = await slipway(['setup', ...common], project, env);
    assert.equal(s.code, 0, s.all);
    const d = await slipway(['deploy', '--tag', 'v1', ...common], project, env);
    assert.equal(d.code, 0, d.all);
    assert.equal(await httpGet(port), 'version v1');
    assert.equal(statSync(join(dir, '.env')).mode & 0o777, 0o600);
    const id = (await docker(['ps', '-q', '--filter', `label=com.docker.compose.working_dir=${dir}`])).stdout.trim() ||
      (await docker(['ps', '-q', '--filter', `publish=${port}`])).stdout.trim();
    const got = await docker(['exec', id, 'sh', '-c', 'printf "%s\\n%s" "$HOSTILE_A" "$HOSTILE_B"']);
    assert.equal(got.stdout, `${values.HOSTILE_A}\n${values.HOSTILE_B}`);
    const st = await slipway(['status', ...common], project, env);
    assert.equal(st.code, 0, st.all);
    const h = readHistoryFile(dir);
    assert.equal(h.at(-1)!.tag, 'v1');
    assert.equal((h.at(-1) as unknown as { by: string }).by.startsWith(env.SLIPWAY_DEPLOYER!), true);
    assert.ok(existsSync(join(dir, 'data', 'starts')), 'data/ is mounted from the odd folder');
    for (const out of [s.all, d.all, st.all]) {
      assert.doesNotMatch(out, /touch .*pwn4/, 'env values are never printed');
    }
    assert.deepEqual(pwned(), []);
  });
});
