import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { runInit } from '../../../src/cli/commands/init.js';
import { readProject } from '../../../src/scaffold/read-project.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-init-'));
  await writeFile(join(dir, 'requirements.txt'), 'flask\ngunicorn\n');
  await writeFile(join(dir, 'app.py'), 'from flask import Flask\napp = Flask(__name__)\n');
  execFileSync('git', ['init', '-q', dir]);
  execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', 'git@github.com:Acme/Shop.git']);
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function run(argv: string[], opts: { isTTY?: boolean; answers?: string[] } = {}) {
  let stdout = '';
  let stderr = '';
  const asked: string[] = [];
  const answers = [...(opts.answers ?? [])];
  const code = await runInit(argv, {
    cwd: dir,
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: opts.isTTY ?? false,
    ask: async (q) => {
      asked.push(q);
      return answers.shift() ?? '';
    },
  });
  return { code, stdout, stderr, asked };
}

async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (rel: string) => {
    for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(p);
      else out[p] = `${await readFile(join(dir, p), 'utf8')}@${(await stat(join(dir, p))).mtimeMs}`;
    }
  };
  await walk('');
  return out;
}

describe('slipway init', () => {
  it('writes the whole set, with the image from the git remote', async () => {
    const r = await run(['--yes']);
    assert.equal(r.code, 0, r.stderr);
    for (const f of ['Dockerfile', '.dockerignore', 'docker-compose.yml', 'docker-compose.override.yml', '.env.example', '.github/workflows/docker.yml', 'README.Docker.md', '.gitignore'])
      await stat(join(dir, f));
    assert.match(await readFile(join(dir, 'docker-compose.yml'), 'utf8'), /image: ghcr\.io\/acme\/shop:\$\{TAG:-latest\}/);
    assert.match(r.stdout, /create\s+Dockerfile\s+multi-stage/);
    await assert.rejects(stat(join(dir, '.env')), 'never writes .env');
  });

  it('is idempotent: a second run changes nothing', async () => {
    await run(['--yes']);
    const before = await snapshot();
    const r = await run(['--yes']);
    assert.equal(r.code, 0);
    assert.deepEqual(await snapshot(), before);
    assert.match(r.stdout, /Nothing to write/);
    assert.doesNotMatch(r.stdout, /^\s+create/m);
  });

  it('never overwrites without --force; --force does', async () => {
    await writeFile(join(dir, 'Dockerfile'), 'FROM mine\n');
    const r = await run(['--yes']);
    assert.equal(await readFile(join(dir, 'Dockerfile'), 'utf8'), 'FROM mine\n');
    assert.match(r.stdout, /keep\s+Dockerfile\s+exists and differs/);
    await run(['--yes', '--force']);
    assert.match(await readFile(join(dir, 'Dockerfile'), 'utf8'), /USER 1001:1001/);
  });

  it('--dry-run prints the plan and contents and writes nothing', async () => {
    const r = await run(['--dry-run', '--yes']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /──── Dockerfile\n/);
    assert.match(r.stdout, /HEALTHCHECK/);
    await assert.rejects(stat(join(dir, 'Dockerfile')));
  });

  it('flags override detection', async () => {
    const r = await run(['--yes', '--port', '5000', '--image', 'registry.example.com/team/web', '--base-image', 'python:3.11-slim']);
    assert.equal(r.code, 0, r.stderr);
    const df = await readFile(join(dir, 'Dockerfile'), 'utf8');
    assert.match(df, /EXPOSE 5000/);
    assert.match(df, /ARG BASE_IMAGE=python:3\.11-slim/);
    assert.match(await readFile(join(dir, 'docker-compose.yml'), 'utf8'), /image: registry\.example\.com\/team\/web:/);
  });

  it('usage errors exit 2', async () => {
    assert.equal((await run(['--port', 'abc'])).code, 2);
    assert.equal((await run(['--language', 'cobol'])).code, 2);
    assert.equal((await run(['--bogus'])).code, 2);
    await writeFile(join(dir, 'requirements.txt'), 'numpy\nflask\n');
    assert.equal((await run(['--yes', '--base-image', 'python:3.12-alpine'])).code, 2);
  });

  it('asks on a TTY what it cannot detect, and never with --yes', async () => {
    await rm(join(dir, 'app.py'));
    await rm(join(dir, 'requirements.txt'));
    await rm(join(dir, '.git'), { recursive: true });
    await writeFile(join(dir, 'server.py'), 'print(1)\n');
    const noTty = await run([]);
    assert.equal(noTty.code, 2, 'no language and nobody to ask');
    const r = await run([], { isTTY: true, answers: ['python', 'server.py', '9000', 'team/tool'] });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.asked.length, 4, r.asked.join('\n'));
    const df = await readFile(join(dir, 'Dockerfile'), 'utf8');
    assert.match(df, /EXPOSE 9000/);
    assert.match(df, /CMD \["python", "server.py"\]/);
    assert.match(await readFile(join(dir, 'docker-compose.yml'), 'utf8'), /ghcr\.io\/team\/tool/);
    const y = await run(['--yes', '--language', 'python', '--force'], { isTTY: true });
    assert.equal(y.asked.length, 0);
    // Not sure what to run: --yes stops and names the flags.
    assert.equal(y.code, 2);
    assert.match(y.stderr, /--entry/);
  });

  it('readProject reads the few files detection needs and the remote', async () => {
    const input = await readProject(dir);
    assert.equal(input.gitRemote, 'git@github.com:Acme/Shop.git');
    assert.deepEqual(Object.keys(input.files).sort(), ['app.py', 'requirements.txt']);
  });
});
