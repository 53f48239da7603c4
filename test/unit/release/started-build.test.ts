// startBuild: a build started on a guess holds its output until shown, and stops when told —
// run with the real local executor on a real shell (standing in for docker's output only).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localExecutor } from '../../../src/exec/local.js';
import { startBuild } from '../../../src/release/started-build.js';

const sh = (script: string) => ({ argv: ['sh', '-c', script], label: 'build' });

test('held lines come out, in order, only once shown; later lines as they come', async () => {
  const seen: string[] = [];
  const b = startBuild(localExecutor(), sh('echo one; echo two >&2; sleep 0.3; echo three'), 'buildkit', (l) => seen.push(l), 0, true);
  await new Promise((r) => setTimeout(r, 150));
  assert.deepEqual(seen, []);
  b.show();
  assert.deepEqual(seen.sort(), ['one', 'two']);
  const r = await b.done;
  assert.equal(r.code, 0);
  assert.deepEqual(seen.slice(2), ['three']);
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
