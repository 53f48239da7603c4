// The persistent map behind inherited ENV (persistent-map.ts) against a plain Map copied at each version:
// every version answers as its copy, whatever was derived from it later, including keys whose 32-bit
// hashes are equal (found by generating enough keys).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prng } from '../../../bench/prng.js';
import { PersistentMap } from '../../../src/parse/dockerfile/persistent-map.js';

test('versions derived from any earlier version answer as copied Maps (2,000 versions, a tree)', () => {
  const rand = prng(9);
  const keys = Array.from({ length: 300 }, (_, i) => (i % 3 ? `K${i}` : `k${i % 17}`));
  const versions: { map: PersistentMap<string | null>; copy: Map<string, string | null> }[] = [{ map: PersistentMap.empty(), copy: new Map() }];
  for (let v = 0; v < 2000; v++) {
    const base = versions[Math.floor(rand() * versions.length)]!;
    const pairs: [string, string | null][] = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => [keys[Math.floor(rand() * keys.length)]!, rand() < 0.2 ? null : `v${v}`]);
    const copy = new Map(base.copy);
    for (const [k, value] of pairs) copy.set(k, value);
    versions.push({ map: base.map.with(pairs), copy });
  }
  for (const { map, copy } of versions) {
    for (const k of keys) {
      assert.equal(map.get(k), copy.get(k), k);
      assert.equal(map.has(k), copy.has(k), k);
    }
  }
});

test('keys with equal hashes share a bucket and stay apart', () => {
  const fnv = (key: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  const seen = new Map<number, string>();
  const pairs: [string, string][] = [];
  let collisions = 0;
  for (let i = 0; i < 300_000; i++) {
    const key = `N${i}`;
    const h = fnv(key);
    if (seen.has(h)) collisions++;
    seen.set(h, key);
    pairs.push([key, `v${i}`]);
  }
  assert.ok(collisions > 0, 'the generated keys include equal hashes');
  const half = PersistentMap.empty<string>().with(pairs.slice(0, 150_000));
  const all = half.with(pairs.slice(150_000));
  const again = all.with([['N7', 'changed']]);
  for (let i = 0; i < pairs.length; i++) {
    assert.equal(all.get(`N${i}`), `v${i}`);
    assert.equal(half.get(`N${i}`), i < 150_000 ? `v${i}` : undefined);
  }
  assert.equal(again.get('N7'), 'changed');
  assert.equal(all.get('N7'), 'v7');
  assert.equal(all.get('absent'), undefined);
});
