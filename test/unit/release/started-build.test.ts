// startBuild: a build started on a guess holds its output until shown, and stops when told —
// run with the real local executor on a real shell (standing in for docker's output only).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { localExecutor } from '../../../src/exec/local.js';
import type { Executor } from '../../../src/exec/step.js';
import { startBuild, type StartedBuild } from '../../../src/release/started-build.js';

const sh = (script: string, ...args: string[]) => ({ argv: ['sh', '-c', script, 'sh', ...args], label: 'build' });

/** The local executor, telling the test each line as the build gets it (held or shown). */
function watchedExecutor(): { exec: Executor; arrived: (n: number) => Promise<void> } {
  const local = localExecutor();
  let count = 0;
  const waiters: { n: number; wake: () => void }[] = [];
  const exec: Executor = {
    name: local.name,
    run: (step, hooks) =>
      local.run(step, {
        ...hooks,
        onLine: (stream, line) => {
          hooks?.onLine?.(stream, line);
          count++;
          for (const w of waiters.filter((x) => count >= x.n)) w.wake();
        },
      }),
  };
  return { exec, arrived: (n) => (count >= n ? Promise.resolve() : new Promise((wake) => waiters.push({ n, wake }))) };
}

test('held lines come out, in order, only once shown; later lines as they come', async () => {
  // No timing: the build's first two lines are awaited as they arrive, and its last waits for a file the
  // test writes once it has shown them (a sleep between them let a loaded machine's test show all three).
  const dir = mkdtempSync(join(tmpdir(), 'slipway-started-build-'));
  const go = join(dir, 'go');
  let b: StartedBuild | undefined;
  try {
    const seen: string[] = [];
    const { exec, arrived } = watchedExecutor();
    b = startBuild(exec, sh('echo one; echo two >&2; while [ ! -e "$1" ]; do sleep 0.02; done; echo three', go), 'buildkit', (l) => seen.push(l), 0, true);
    await arrived(2);
    assert.deepEqual(seen, [], 'held until shown');
    b.show();
    assert.deepEqual(seen.sort(), ['one', 'two']);
    writeFileSync(go, '');
    const r = await b.done;
    assert.equal(r.code, 0);
    assert.deepEqual(seen.slice(2), ['three']);
  } finally {
    b?.stop(); // a failed assertion must not leave the build waiting (a build that ended: nothing to stop)
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a stopped guess ends at once, and nothing it said is shown', async () => {
  const seen: string[] = [];
  const t0 = Date.now();
  const b = startBuild(localExecutor(), sh('echo guessed; exec sleep 120'), 'buildx', (l) => seen.push(l), 0, true);
  await new Promise((r) => setTimeout(r, 100));
  b.stop();
  const r = await b.done;
  assert.notEqual(r.code, 0);
  assert.ok(Date.now() - t0 < 60_000, 'stopped, not waited for'); // generous: a loaded machine; the guess would run 120 s
  assert.deepEqual(seen, []);
});

test('a build that cannot start rejects done, and an unawaited rejection is not unhandled', async () => {
  const b = startBuild(localExecutor(), { argv: ['/nonexistent/docker', 'build'], label: 'build' }, 'buildkit', () => undefined, 0, true);
  await new Promise((r) => setTimeout(r, 50)); // an unhandled rejection would fail the test run here
  await assert.rejects(b.done, /command not found/);
});
