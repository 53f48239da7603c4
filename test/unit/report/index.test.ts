import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FORMAT_NAMES, formatters } from '../../../src/report/index.js';
import { input } from './fixture.js';

test('every format name has a formatter that returns text ending in a newline', () => {
  assert.deepEqual(Object.keys(formatters).sort(), [...FORMAT_NAMES].sort());
  for (const name of FORMAT_NAMES) {
    const out = formatters[name](input());
    assert.equal(typeof out, 'string');
    assert.ok(out.endsWith('\n'), name);
  }
});
