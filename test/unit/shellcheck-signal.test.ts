// Ctrl-C (or a kill) during a cold check: the real CLI with the real shellcheck, stopped by a real signal
// while its ShellCheck scratch folder exists and shellcheck works in it. The folder must go (on /dev/shm
// it is memory until reboot), and the process must still end by that signal (exit status 130 / 143). TMPDIR is the test's
// own, so the folders of other checks running on the machine are never touched.

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

before(() => {
  root = mkdtempSync(join(tmpdir(), 'slipway-signal-'));
  // 60 Dockerfiles of 5 distinct RUN scripts each: a few seconds of ShellCheck, so the folder lives a while.
  for (let i = 0; i < 60; i++) {
    const runs = Array.from({ length: 5 }, (_, j) =>
      [`RUN set -eux; for f in /opt/a${i}/*; do`, `      echo "$f" ${i} ${j} | tr a-z A-Z > /tmp/out${i}_${j};`, `      [ -s /tmp/out${i}_${j} ] && cat $f | grep -v x${j} || true;`, '    done; ls $HOME'].join(' \\\n'),
    );
    mkdirSync(join(root, 'p', `app${i}`), { recursive: true });
    writeFileSync(join(root, 'p', `app${i}`, 'Dockerfile'), ['FROM debian:12-slim', ...runs, 'CMD ["app"]', ''].join('\n'));
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

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  it(`${signal} during a cold check removes the ShellCheck scratch folder, and the process still ends by ${signal}`, async (t) => {
    if (!installed) return t.skip('shellcheck is not installed');
    const scratch = join(root, `tmp-${signal}`);
    mkdirSync(scratch);
    const child = spawn(process.execPath, ['--import', TSX, BIN, 'check', join(root, 'p'), '-f', 'json', '--no-shellcheck-cache'], {
      env: { ...process.env, TMPDIR: scratch, XDG_CACHE_HOME: join(root, `cache-${signal}`) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, sig) => done({ code, signal: sig })));
    // Wait for the folder and the shellcheck process working in it, then signal the check alone (not its group).
    let folder: string | undefined;
    for (let i = 0; i < 6000 && !folder; i++) {
      await new Promise((r) => setTimeout(r, 5));
      const dir = readdirSync(scratch).find((n) => n.startsWith('slipway-shellcheck-'));
      if (dir && processesIn(join(scratch, dir)).length) folder = join(scratch, dir);
    }
    assert.ok(folder, `a scratch folder with shellcheck running in it appeared (stderr: ${stderr})`);
    child.kill(signal);
    const exit = await ended;
    assert.deepEqual(exit, { code: null, signal }, `the process ended by ${signal} (stderr: ${stderr})`);
    assert.deepEqual(readdirSync(scratch).filter((n) => n.startsWith('slipway-')), [], 'the scratch folder is removed'); // (tsx keeps its cache there too)
    assert.doesNotMatch(stderr, /at \w+ \(|Error:/, 'no stack trace');
  });
}
