// release's push: a registry 5xx is tried once more (a push is idempotent); anything else is not.
// The executor here answers as docker did in CI (the CNCF registry's 500 under concurrent pushes);
// the real registry's behaviour is in test/e2e/release.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { push } from '../../../src/release/release.js';
import type { Executor, Step, StepResult } from '../../../src/exec/step.js';

function scripted(answers: StepResult[]): Executor & { runs: Step[] } {
  const runs: Step[] = [];
  return {
    name: 'scripted',
    runs,
    async run(step) {
      runs.push(step);
      const a = answers.shift();
      if (!a) throw new Error('no more answers');
      return a;
    },
  };
}

const ok: StepResult = { code: 0, stdout: 'latest: digest: sha256:' + 'a'.repeat(64) + ' size: 528\n', stderr: '' };
const http500: StepResult = { code: 1, stdout: 'abc: Pushing\n', stderr: 'received unexpected HTTP status: 500 Internal Server Error\n' };

test('a 5xx is pushed again once, and said', async () => {
  const exec = scripted([http500, ok]);
  const lines: string[] = [];
  const out = await push(exec, 'docker', 'r:5000/a/b:latest', 'r:5000', (l) => lines.push(l));
  assert.equal(out, ok.stdout);
  assert.equal(exec.runs.length, 2);
  assert.deepEqual(exec.runs[1]!.argv, ['docker', 'push', 'r:5000/a/b:latest']);
  assert.ok(lines.includes('the registry answered 500 Internal Server Error: pushing again'), lines.join('\n'));
});

test('a second 5xx fails the push with docker\'s words', async () => {
  const exec = scripted([http500, { ...http500, stderr: 'received unexpected HTTP status: 503 Service Unavailable\n' }]);
  await assert.rejects(push(exec, 'docker', 'r:5000/a/b:latest', 'r:5000', () => {}), /push r:5000\/a\/b:latest failed \(exit 1 on scripted\):\n.*503 Service Unavailable/);
  assert.equal(exec.runs.length, 2);
});

test('a refusal or an unreachable registry is not tried again', async () => {
  const denied = scripted([{ code: 1, stdout: '', stderr: 'denied: requested access to the resource is denied\n' }]);
  await assert.rejects(push(denied, 'docker', 'r:5000/a/b:1', 'r:5000', () => {}), /push to r:5000 was refused .*log in first/);
  assert.equal(denied.runs.length, 1);
  const down = scripted([{ code: 1, stdout: '', stderr: 'dial tcp 127.0.0.1:5000: connect: connection refused\n' }]);
  await assert.rejects(push(down, 'docker', 'r:5000/a/b:1', 'r:5000', () => {}), /cannot reach the registry/);
  assert.equal(down.runs.length, 1);
});
