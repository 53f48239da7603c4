// A hostile checkout's special files and links (reproducers 06 and 23 of the hardening report, own
// fixtures): FIFOs, /dev/zero links, `-r /dev/zero`, `env_file: /dev/zero`, a `.slipway.yaml` link and a
// `.env` linked to a private key. Each is an error entry with a position (or skipped), the run ends in
// bounded time, and no line of the key reaches any output. Run in a child process with a timeout: a
// blocked read would otherwise hang the test runner instead of failing it.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';

const BIN = resolve('src/cli/bin.ts');
const TSX = import.meta.resolve('tsx'); // absolute: the child runs in a temp folder

function slipway(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', TSX, BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000, // a hang's bound: the child compiles the CLI with tsx first, and took over 30 s at load 30
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  assert.notEqual(r.signal, 'SIGTERM', `timed out: slipway ${args.join(' ')}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** In-process, for the cases that cannot block even when broken (no FIFO, no device). */
async function run(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, env: {}, readStdin: async () => '' });
  return { code, stdout, stderr };
}

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'slipway-hostile-'));
}

function errorsOf(stdout: string): { file: string; line: number; column: number; message: string }[] {
  return JSON.parse(stdout).errors;
}

describe('hostile special files', () => {
  it('a FIFO Dockerfile, a FIFO .env, a FIFO .dockerignore, a Dockerfile -> /dev/zero: errors, exit 1, no hang', () => {
    const root = dir();
    for (const d of ['fifo_df', 'fifo_env', 'fifo_di', 'zero_df']) mkdirSync(join(root, d));
    execFileSync('mkfifo', [join(root, 'fifo_df', 'Dockerfile'), join(root, 'fifo_env', '.env'), join(root, 'fifo_di', '.dockerignore')]);
    writeFileSync(join(root, 'fifo_env', 'Dockerfile'), 'FROM alpine:3\n');
    writeFileSync(join(root, 'fifo_di', 'Dockerfile'), 'FROM alpine:3\n');
    symlinkSync('/dev/zero', join(root, 'zero_df', 'Dockerfile'));
    const expected: Record<string, RegExp> = {
      fifo_df: /^fifo_df\/Dockerfile:1:1 a FIFO, not a regular file/,
      fifo_env: /^fifo_env\/\.env:1:1 a FIFO, not a regular file/,
      fifo_di: /^fifo_di\/\.dockerignore:1:1 a FIFO, not a regular file/,
      zero_df: /^zero_df\/Dockerfile:1:1 a symlink to a file outside the project/,
    };
    const r = slipway(root, 'check', ...Object.keys(expected), '--format', 'json');
    assert.equal(r.code, 1, r.stderr);
    const lines = errorsOf(r.stdout).map((e) => `${e.file}:${e.line}:${e.column} ${e.message}`);
    for (const [d, re] of Object.entries(expected)) assert.ok(lines.some((l) => re.test(l)), `${d}: ${lines.join('\n')}`);
    const ctx = slipway(join(root, 'fifo_di'), 'context', '.');
    assert.equal(ctx.code, 1);
    assert.match(ctx.stderr, /\.dockerignore: a FIFO/);
  });

  it('requirements `-r /dev/zero`, compose `env_file: /dev/zero` and a .slipway.yaml -> /dev/zero are not read', () => {
    const root = dir();
    mkdirSync(join(root, 'req'));
    writeFileSync(join(root, 'req', 'Dockerfile'), 'FROM python:3.12-slim\n');
    writeFileSync(join(root, 'req', 'requirements.txt'), 'flask\n-r /dev/zero\n');
    mkdirSync(join(root, 'ef'));
    writeFileSync(join(root, 'ef', 'docker-compose.yml'), 'services:\n  app:\n    image: nginx:1\n    env_file: /dev/zero\n    environment: {A: "${X}"}\n');
    const r = slipway(root, 'check', 'req', 'ef', '--format', 'json');
    assert.equal(r.code, 1, r.stderr);
    mkdirSync(join(root, 'cfg'));
    writeFileSync(join(root, 'cfg', 'Dockerfile'), 'FROM alpine:3\n');
    symlinkSync('/dev/zero', join(root, 'cfg', '.slipway.yaml'));
    const cfg = slipway(join(root, 'cfg'), 'check', '.');
    assert.equal(cfg.code, 2);
    assert.match(cfg.stderr, /\.slipway\.yaml:1:1: a symlink to a file outside the project: not read/);
  });

  it('a committed .env linked to a private key outside: no key line in any format', async () => {
    const root = dir();
    mkdirSync(join(root, 'repo'));
    mkdirSync(join(root, 'home'));
    const key = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun', 'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK', '-----END RSA PRIVATE KEY-----'];
    writeFileSync(join(root, 'home', 'id_rsa'), `${key.join('\n')}\n`);
    symlinkSync('../home/id_rsa', join(root, 'repo', '.env'));
    writeFileSync(join(root, 'repo', 'Dockerfile'), 'FROM alpine:3\n');
    for (const format of ['text', 'json', 'sarif', 'checkstyle', 'gitlab', 'github']) {
      const r = await run(join(root, 'repo'), 'check', '.', '--format', format);
      for (const line of key.slice(1, 3)) assert.ok(!r.stdout.includes(line) && !r.stderr.includes(line), `${format} printed a key line`);
      if (format === 'json') assert.ok(errorsOf(r.stdout).some((e) => e.file === '.env' && /outside the project/.test(e.message)));
    }
  });

  it('a linked folder out of the project is not walked', async () => {
    const root = dir();
    mkdirSync(join(root, 'project'));
    mkdirSync(join(root, 'outside'));
    writeFileSync(join(root, 'outside', 'Dockerfile'), 'FROM alpine:3\nCMD x\n');
    writeFileSync(join(root, 'project', 'Dockerfile'), 'FROM alpine:3.20\n');
    symlinkSync('../outside', join(root, 'project', 'svc'));
    symlinkSync('/usr', join(root, 'project', 'usr'));
    const r = await run(root, 'check', 'project', '--format', 'json');
    const files = new Set([...JSON.parse(r.stdout).findings, ...errorsOf(r.stdout)].map((f: { file: string }) => f.file));
    assert.ok(![...files].some((f) => f.startsWith('project/svc') || f.startsWith('project/usr')), [...files].join(' '));
  });
});
