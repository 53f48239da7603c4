import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progress } from '../../../src/cli/progress.js';

test('on a terminal: one status line rewritten in place, then a summary line', () => {
  let out = '';
  const p = progress((s) => (out += s), true, 30);
  p.line('build', '#5 [2/3] RUN echo a very long line that does not fit');
  p.line('build', '\x1b[31m#6 DONE\x1b[0m');
  p.done('build', 'abc in 1.0s');
  assert.equal(out, '\r\x1b[Kbuild: #5 [2/3] RUN echo a v…\r\x1b[Kbuild: #6 DONE\r\x1b[Kbuild: abc in 1.0s\n');
});

test('elsewhere: plain lines prefixed with the step', () => {
  let out = '';
  const p = progress((s) => (out += s), false);
  p.line('push latest', 'abc: Pushed');
  p.line('push latest', '   ');
  p.done('push latest', 'sha256:x in 0.2s');
  assert.equal(out, 'push latest | abc: Pushed\npush latest: sha256:x in 0.2s\n');
});
