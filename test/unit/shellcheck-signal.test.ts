// Ctrl-C (or a kill) during a cold check: the real CLI with the real shellcheck, stopped by a real signal
// while its ShellCheck scratch folder exists and shellcheck works in it. The folder must go (on /dev/shm
// it is memory until reboot), and the process must still end by that signal (exit status 130 / 143).
// One Dockerfile: its scripts go to ShellCheck just before its rules, and a signal listener removes the
// folder. Many: early batches go while the rules run, when a listener would hold the signal until they
// end, so a watcher process removes the folder once the check is gone, even killed by SIGKILL.
// TMPDIR is the test's own, so the folders of other checks running on the machine are never touched.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, it } from 'node:test';

const BIN = resolve('src/cli/bin.ts');
const TSX = import.meta.resolve('tsx');
const installed = spawnSync('shellcheck', ['--version']).status === 0;

let root: string;

/** `count` RUN scripts, distinct, of a few lines each (ShellCheck takes ~5 ms for each). */
function runs(count: number, tag: string): string[] {
  return Array.from({ length: count }, (_, j) =>
    [`RUN set -eux; for f in /opt/${tag}/*; do`, `      echo "$f" ${tag} ${j} | tr a-z A-Z > /tmp/out${tag}_${j};`, `      [ -s /tmp/out${tag}_${j} ] && cat $f | grep -v x${j} || true;`, '    done; ls $HOME'].join(' \\\n'),
  );
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'slipway-signal-'));
  mkdirSync(join(root, 'small'));
  // A few scripts, then instructions that keep the rules busy after ShellCheck has ended: ~0.5 s here
  // (3,000 were ~0.1 s, and on a loaded machine the check could end before the test's signal came).
  const labels = Array.from({ length: 12_000 }, (_, i) => `LABEL l${i}="v${i}"`);
  writeFileSync(join(root, 'small', 'Dockerfile'), ['FROM debian:12-slim', ...runs(5, 'small'), ...labels, 'CMD ["app"]', ''].join('\n'));
  mkdirSync(join(root, 'one'));
  writeFileSync(join(root, 'one', 'Dockerfile'), ['FROM debian:12-slim', ...runs(300, 'one'), 'CMD ["app"]', ''].join('\n'));
  for (let i = 0; i < 60; i++) {
    mkdirSync(join(root, 'many', `app${i}`), { recursive: true });
    writeFileSync(join(root, 'many', `app${i}`, 'Dockerfile'), ['FROM debian:12-slim', ...runs(5, `a${i}`), 'CMD ["app"]', ''].join('\n'));
  }
});

after(() => rmSync(root, { recursive: true, force: true }));

/** Processes whose working folder is under `dir` (shellcheck runs in the scratch folder). */
function processesIn(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readlinkSync(`/proc/${pid}/cwd`).startsWith(dir)) found.push(pid);
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/**
 * A cold check of `project` with its own TMPDIR, sent `signal` once shellcheck works in a scratch folder,
 * or (`afterShellcheck`) once shellcheck has ended there but the check, still busy, has not yet seen it.
 */
async function interrupted(project: string, signal: NodeJS.Signals, afterShellcheck = false) {
  const scratch = mkdtempSync(join(root, `tmp-${signal}-`));
  const child = spawn(process.execPath, ['--import', TSX, BIN, 'check', join(root, project), '-f', 'json', '--no-shellcheck-cache'], {
    env: { ...process.env, TMPDIR: scratch, XDG_CACHE_HOME: join(scratch, 'cache') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, sig) => done({ code, signal: sig })));
  let folder: string | undefined;
  for (let i = 0; i < 30_000 && !folder; i++) {
    await new Promise((r) => setTimeout(r, 1));
    const dir = readdirSync(scratch).find((n) => n.startsWith('slipway-shellcheck-'));
    if (dir && processesIn(join(scratch, dir)).length) folder = join(scratch, dir);
  }
  while (afterShellcheck && folder && processesIn(folder).length) await new Promise((r) => setTimeout(r, 1));
  assert.ok(folder, `a scratch folder with shellcheck running in it appeared (stderr: ${stderr})`);
  child.kill(signal); // the check alone, not its process group (as `kill PID` does)
  const exit = await ended;
  const left = () => readdirSync(scratch).filter((n) => n.startsWith('slipway-')); // (tsx keeps its cache there too)
  return { exit, left, stderr };
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  it(`${signal} during a cold check of one Dockerfile removes the ShellCheck scratch folder, and the process still ends by ${signal}`, async (t) => {
    if (!installed) return t.skip('shellcheck is not installed');
    const { exit, left, stderr } = await interrupted('one', signal);
    assert.deepEqual(exit, { code: null, signal }, `the process ended by ${signal} (stderr: ${stderr})`);
    assert.deepEqual(left(), [], 'the scratch folder is removed');
    assert.doesNotMatch(stderr, /at \w+ \(|Error:/, 'no stack trace');
  });
}

it('a signal that comes as ShellCheck ends is not lost: a small check still ends by it', async (t) => {
  if (!installed) return t.skip('shellcheck is not installed');
  // ShellCheck's process ends before the loop turns to run the listener: a listener removed then (its
  // folder gone) took the signal with it, and the check ran on to exit 1 (that mutation fails here about
  // one try in three, so five tries).
  for (let i = 0; i < 5; i++) {
    const { exit, left, stderr } = await interrupted('small', 'SIGINT', true);
    assert.deepEqual(exit, { code: null, signal: 'SIGINT' }, `the process ended by SIGINT (stderr: ${stderr})`);
    assert.deepEqual(left(), []);
  }
});

it('a folder made while the rules run goes once the check is gone, even killed by SIGKILL (no listener runs)', async (t) => {
  if (!installed) return t.skip('shellcheck is not installed');
  const { exit, left } = await interrupted('many', 'SIGKILL');
  assert.deepEqual(exit, { code: null, signal: 'SIGKILL' });
  // The watcher looks every 0.2 s.
  for (let i = 0; i < 100 && left().length; i++) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(left(), [], 'the scratch folder is removed by the watcher');
});
