// `slipway exec -i` / `-t` through the real sshd into the app's container: -t under script(1)
// (a real pseudo-terminal on this side, so ssh -t gives the command one on the server), -i with
// a pipe whose bytes must arrive exactly, and the refusals (no terminal for -t, several servers).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { joinShell } from '../../src/exec/index.js';
import { buildApp, freePort, slipway, slipwayProcess, writeSshConfig } from './deploy-env.js';
import { childEnv, docker, e2eSkip, registry, repoRoot, requireEngine, ssh, sshTarget, uniqueName } from './env.js';

const tsxLoader = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** Runs `argv` under script(1): its stdin and stdout are a pseudo-terminal. Feeds `input`, collects everything. */
function underTerminal(argv: string[], input: string, env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    // -q quiet, -e the child's exit code, -f flush at once; /dev/null: no typescript file.
    const child = spawn('script', ['-qef', '-c', joinShell(argv), '/dev/null'], { cwd, env: { ...env, SHELL: '/bin/sh', TERM: 'xterm' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, out });
    });
    // Type the lines once the remote shell shows its prompt; stdin stays open until script ends.
    const typeWhenReady = setInterval(() => {
      if (/[#$] $/m.test(out.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').trimEnd() + ' ')) {
        clearInterval(typeWhenReady);
        child.stdin.write(input);
      }
    }, 100);
    child.on('close', () => clearInterval(typeWhenReady));
  });
}

describe('slipway exec -i / -t over SSH', { skip: e2eSkip(), timeout: 600_000 }, () => {
  let base: string;
  let project: string;
  let serverDir: string;
  let sshConfig: string;
  let name: string;
  let env: NodeJS.ProcessEnv;
  const server = () => `root@127.0.0.1:${sshTarget().port}`;
  const common = () => ['--server', server(), '--ssh-config', sshConfig, '--path', serverDir];

  before(async () => {
    await requireEngine();
    base = await mkdtemp(join(tmpdir(), 'slipway-deploy-exec-'));
    project = join(base, 'project');
    name = uniqueName('slipway-deploy-exec').replace(/[^a-z0-9-]/g, '');
    serverDir = join(base, 'srv', name);
    await mkdir(project, { recursive: true });
    sshConfig = writeSshConfig(base);
    const reg = registry();
    const repo = `${reg.host}/${name}/app`;
    await buildApp(repo, [{ tag: 'v1', version: 'v1' }], join(base, 'docker-config'));
    await writeFile(join(project, 'docker-compose.yml'), `services:\n  web:\n    image: ${repo}:latest\n    ports:\n      - "127.0.0.1:${await freePort()}:8080"\n`);
    await writeFile(join(project, '.slipway.yaml'), `deploy:\n  image: ${repo}\n  app: ${name}\n`);
    env = childEnv({ SLIPWAY_REGISTRY_USER: reg.user, SLIPWAY_REGISTRY_PASSWORD: reg.password });
    for (const argv of [['setup', ...common()], ['deploy', '--tag', 'v1', ...common()]]) {
      const r = await slipway(argv, project, env);
      assert.equal(r.code, 0, r.all);
    }
  });

  after(async () => {
    await ssh(['sh', '-c', 'cd "$1" && docker-compose -p "$2" -f docker-compose.yml down --remove-orphans', 'sh', serverDir, name]).catch(() => undefined);
    const imgs = (await docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', `${registry().host}/${name}/app`])).stdout.split('\n').filter(Boolean);
    if (imgs.length) await docker(['image', 'rm', '-f', ...imgs]);
    await rm(base, { recursive: true, force: true });
  });

  test('-t: a shell in the container with a terminal of its own, typed into; its exit code comes back', async () => {
    const cli = [process.execPath, '--import', tsxLoader, join(repoRoot, 'src', 'cli', 'bin.ts'), 'exec', '-it', ...common(), 'web', '--', 'sh'];
    const r = await underTerminal(cli, 'tty; echo "answer $((6 * 7))"; exit 3\r', env, project);
    // The container's shell saw a terminal (a pts inside the container) and ran what was typed.
    assert.match(r.out, /\/dev\/pts\/\d+/, r.out);
    assert.match(r.out, /answer 42/, r.out);
    assert.match(r.out, /the command exited with 3/, r.out);
    assert.equal(r.code, 1, r.out);
  });

  test('-t without a terminal on stdin is refused before anything runs', async () => {
    const r = await slipwayProcess(['exec', '-t', ...common(), 'web', '--', 'sh'], project, env);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /exec -t needs a terminal, and standard input is not one/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });

  test('-i: piped bytes reach the command exactly (empty lines, no final newline, shell characters), and its output comes back as is', async () => {
    const data = "line 1\n\n  $(id) `x` 'q' \"d\"\r\nlast, no newline";
    const child = spawn(process.execPath, ['--import', tsxLoader, join(repoRoot, 'src', 'cli', 'bin.ts'), 'exec', '-i', ...common(), 'web', '--', 'sh', '-c', 'cat > /tmp/in; cat /tmp/in; printf "|%s" "$(wc -c < /tmp/in)"'], {
      cwd: project,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.stdin.end(data);
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
    assert.equal(code, 0, err);
    assert.equal(out, `${data}|${Buffer.byteLength(data)}`);
  });

  test('-i with several servers is refused: stdin can go to one command only', async () => {
    const r = await slipwayProcess(['exec', '-i', ...common(), '--server', `root@127.0.0.1:${sshTarget().port}`, 'web', '--', 'true'], project, env);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /exec -i runs on one server, and 2 are configured/);
  });
});
