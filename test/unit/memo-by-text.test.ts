import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoByText } from '../../src/util/memo-by-text.js';
import { buildsInScript } from '../../src/parse/context/build-commands.js';

test('memoByText computes each text once while it is among the last `limit` texts, then forgets the oldest', () => {
  const calls: string[] = [];
  const length = memoByText((t) => (calls.push(t), t.length), 2);
  assert.equal(length('ab'), 2);
  assert.equal(length('ab'), 2);
  assert.deepEqual(calls, ['ab']);
  length('cde');
  length('f'); // evicts 'ab'
  length('cde');
  length('ab');
  assert.deepEqual(calls, ['ab', 'cde', 'f', 'ab']);
});

test('buildsInScript hands out copies: a caller changing its result does not change the next answer', () => {
  const script = 'cd src && docker build -f svc/Dockerfile .';
  const first = buildsInScript(script);
  assert.deepEqual(first, [{ file: 'src/svc/Dockerfile', context: 'src' }]);
  first[0]!.context = 'elsewhere';
  first.pop();
  assert.deepEqual(buildsInScript(script), [{ file: 'src/svc/Dockerfile', context: 'src' }]);
});
