import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compressedSize } from '../../../src/docker/registry.js';

test('compressedSize sums the config and layer sizes a manifest names', () => {
  assert.equal(compressedSize({ config: { size: 1469 }, layers: [{ size: 3_000_000 }, { size: 512 }] }), 3_001_981);
  assert.equal(compressedSize({}), 0);
});

test('a registry manifest with sizes that are not numbers counts them 0, not as text', () => {
  const odd = JSON.parse('{"config":{"size":"5"},"layers":[{"size":"7"},{"size":10},{},null],"extra":1}');
  assert.equal(compressedSize(odd), 10);
  assert.equal(compressedSize(JSON.parse('{"layers":"x"}')), 0);
});
