// distanceWithin computes only the cells near the diagonal; it must give the full optimal-string-alignment
// distance whenever that is within `max`, and something above `max` otherwise (suggest relies on both).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { distanceWithin, suggest } from '../../src/rules/dockerfile/image/util.js';
import { prng } from '../../bench/prng.js';

/** The full table, as suggest computed it before. */
function distance(a: string, b: string): number {
  if (a === b) return 0;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

describe('distanceWithin', () => {
  it('equals the full distance when within max, and is above max otherwise (100,000 random pairs)', () => {
    const next = prng(3);
    const word = () => Array.from({ length: Math.floor(next() * 9) }, () => 'abcAB_'[Math.floor(next() * 6)]).join('');
    for (let k = 0; k < 100_000; k++) {
      const a = word();
      // b: a few edits of a (or another word), so that small distances are common
      let b = next() < 0.2 ? word() : a;
      for (let e = Math.floor(next() * 4); e > 0; e--) {
        const at = Math.floor(next() * (b.length + 1));
        const r = next();
        b = r < 0.3 ? b.slice(0, at) + 'x' + b.slice(at) : r < 0.6 ? b.slice(0, at) + b.slice(at + 1) : r < 0.8 ? b.slice(0, at) + 'y' + b.slice(at + 1) : b.slice(0, at) + b.slice(at + 1, at + 2) + b.slice(at, at + 1) + b.slice(at + 2);
      }
      const full = distance(a, b);
      for (const max of [0, 1, 2, 3]) {
        const within = distanceWithin(a, b, max);
        if (full <= max) assert.equal(within, full, `${a} ${b} max ${max}`);
        else assert.ok(within > max, `${a} ${b} max ${max}: ${within}, full ${full}`);
      }
    }
  });

  it('two 100,000-character names are compared in linear time', { timeout: 10_000 }, () => {
    const a = 'A'.repeat(100_000);
    assert.equal(distanceWithin(a, `${a.slice(1)}B`, 2), 1);
    assert.equal(distanceWithin(a, `B${a.slice(2)}C`, 2), 2);
    assert.equal(distanceWithin(a, `BB${a.slice(3)}C`, 2), 3);
    assert.equal(suggest(`${a}B`, [a, 'PATH']), a);
  });
});
