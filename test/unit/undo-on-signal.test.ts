// undoOnSignal's promise: a signal that comes while something is registered is not lost, even when it
// comes during the process's last synchronous work. Node runs a signal's listener only when the event
// loop polls; the loop ending without one more poll dropped it, and the process exited as if no signal
// had come. A real process, a real signal.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { it } from 'node:test';

const MODULE = resolve('src/engine/shellcheck/undo-on-signal.ts');

it('a signal that comes during the last synchronous work still runs the undo and ends the process by it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-undo-'));
  try {
    const marker = join(dir, 'undone');
    const script = join(dir, 'late.ts');
    writeFileSync(
      script,
      [
        `import { writeFileSync } from 'node:fs';`,
        `import { undoOnSignal } from ${JSON.stringify(MODULE)};`,
        `undoOnSignal(() => writeFileSync(${JSON.stringify(marker)}, 'yes'));`,
        // The last callback of the loop: the signal comes, then 50 ms of work, then nothing is left to run.
        `setTimeout(() => {`,
        `  process.kill(process.pid, 'SIGINT');`,
        `  const t = Date.now(); while (Date.now() - t < 50);`,
        `  process.exitCode = 1;`,
        `}, 10);`,
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    assert.deepEqual({ status: run.status, signal: run.signal }, { status: null, signal: 'SIGINT' }, run.stderr);
    assert.equal(spawnSync('cat', [marker], { encoding: 'utf8' }).stdout, 'yes', 'the undo ran');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
