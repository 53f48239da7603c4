import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../../src/parse/text.js';

test('line index: a byte-order mark is not a column of line 1 (editors do not show it)', () => {
  const text = '\uFEFFFROM python\nRUN x\n';
  const lines = new LineIndex(text);
  assert.deepEqual(lines.positionAt(text.indexOf('FROM')), { line: 1, column: 1 });
  assert.deepEqual(lines.positionAt(text.indexOf('python')), { line: 1, column: 6 });
  assert.deepEqual(lines.positionAt(0), { line: 1, column: 1 });
  assert.deepEqual(lines.positionAt(text.indexOf('RUN')), { line: 2, column: 1 });
  assert.equal(lines.lineText(0), 'FROM python');
  assert.equal(lines.offsetAt(0, 1), 1, 'offsets count the mark, as the parsers do');
});

test('line index: without a byte-order mark nothing moves', () => {
  const lines = new LineIndex('FROM a\nRUN b');
  assert.deepEqual(lines.positionAt(0), { line: 1, column: 1 });
  assert.deepEqual(lines.positionAt(7), { line: 2, column: 1 });
  assert.equal(lines.offsetAt(1, 2), 9);
});
