// --fix-dry-run's diff goes out a line per piece, in ~64 kB writes (never every file's diff joined as one
// string), and is byte for byte the diff between each file and what --fix writes: the oracle below is
// made independently, by running --fix on a copy and diffing the files with the same `diff` package.

import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { createTwoFilesPatch } from 'diff';
import { main } from '../../src/cli/main.js';
import { safeForTerminal } from '../../src/report/terminal.js';

const root = mkdtempSync(join(tmpdir(), 'slipway-dry-run-'));
after(() => rmSync(root, { recursive: true, force: true }));

const FILES = 300;
const project = join(root, 'p');
for (let i = 0; i < FILES; i++) {
  mkdirSync(join(project, `s${String(i).padStart(3, '0')}`), { recursive: true });
  // apk-no-cache is fixable; the comment carries an escape a terminal must not receive raw.
  writeFileSync(join(project, `s${String(i).padStart(3, '0')}`, 'Dockerfile'), `FROM alpine:3.19\n# build ${i} \x1b[2K\n${'RUN apk add curl=8.5.0-r0 git=2.43.0-r0\nLABEL a=1\nLABEL b=2\nLABEL c=3\nLABEL d=4\nLABEL e=5\nLABEL f=6\nLABEL g=7\n'.repeat(8)}USER app\n`);
}

async function run(argv: string[], cwd: string) {
  const writes: { stream: 'out' | 'err'; text: string }[] = [];
  const code = await main(['check', ...argv, '--ignore', 'shellcheck', '.'], {
    cwd,
    env: { XDG_CACHE_HOME: join(root, 'cache') },
    isTTY: false,
    stdout: (s) => writes.push({ stream: 'out', text: s }),
    stdoutReady: async () => true,
    stderr: (s) => writes.push({ stream: 'err', text: s }),
    readStdin: async () => '',
  });
  return { code, writes, out: writes.filter((w) => w.stream === 'out'), err: writes.filter((w) => w.stream === 'err') };
}

/** What --fix-dry-run must print: each changed file's diff with what --fix writes, in path order. */
async function oracle(): Promise<string> {
  const copy = join(root, 'fixed');
  rmSync(copy, { recursive: true, force: true });
  cpSync(project, copy, { recursive: true });
  await run(['--fix'], copy);
  let all = '';
  for (let i = 0; i < FILES; i++) {
    const rel = `s${String(i).padStart(3, '0')}/Dockerfile`;
    const before = readFileSync(join(project, rel), 'utf8');
    const after = readFileSync(join(copy, rel), 'utf8');
    if (before !== after) all += createTwoFilesPatch(`a/${rel}`, `b/${rel}`, before, after);
  }
  return safeForTerminal(all);
}

it('text: the diff on stdout in pieces, byte for byte what --fix changes', async () => {
  const expected = await oracle();
  assert.ok(expected.length > 3 * 65536, `a diff of several batches (${expected.length} characters)`);
  const r = await run(['--fix-dry-run'], project);
  assert.equal(r.out.map((w) => w.text).join(''), expected);
  assert.ok(r.out.length >= 3, `${r.out.length} writes`);
  assert.ok(Math.max(...r.out.map((w) => w.text.length)) < 70_000, 'no write of much more than a batch');
  assert.ok(!expected.includes('\x1b'), 'the escape is shown, not sent');
});

it('json: the diff on stderr in pieces, the report on stdout', async () => {
  const expected = await oracle();
  const r = await run(['--fix-dry-run', '-f', 'json'], project);
  assert.equal(r.err.map((w) => w.text).join(''), expected);
  assert.ok(r.err.length >= 3 && Math.max(...r.err.map((w) => w.text.length)) < 70_000, `${r.err.length} writes to stderr`);
  assert.ok(JSON.parse(r.out.map((w) => w.text).join('')).findings.length > 0);
});
