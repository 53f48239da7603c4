// cmd-script-missing's resolveIn appends a plain relative path to the directory instead of normalizing
// the whole directory again; it must equal posix.resolve for every normalized absolute directory.

import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { describe, it } from 'node:test';
import { resolveIn } from '../../src/rules/dockerfile/guide/cmd-script-missing.js';
import { prng } from '../../bench/prng.js';

describe('resolveIn', () => {
  it('equals posix.resolve (100,000 random directories and paths: dots, slashes, empty parts, absolute)', () => {
    const next = prng(11);
    const part = () => ['a', 'b.c', '.', '..', '', '...', '.x', 'x.', '$V', ' ', 'a\\b'][Math.floor(next() * 11)]!;
    const path = () => Array.from({ length: Math.floor(next() * 4) }, part).join('/');
    for (let k = 0; k < 100_000; k++) {
      const dir = posix.resolve('/', path());
      const p = (next() < 0.2 ? '/' : '') + path() + (next() < 0.2 ? '/' : '');
      assert.equal(resolveIn(dir, p), posix.resolve(dir, p), `${dir} + ${p}`);
    }
  });
});
