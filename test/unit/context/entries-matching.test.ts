// entriesMatching / hasEntryUnder (entries-matching.ts) find a COPY source's entries by binary search in
// the sorted listing; they must answer as testing every entry (sourceMatches, startsWith) does, for
// generated sources full of wildcards, escapes and classes, on sorted and unsorted lists.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prng } from '../../../bench/prng.js';
import { sourceCovers, sourceMatches } from '../../../src/parse/context/copy-sources.js';
import { coveredEntries } from '../../../src/project/copied-manifests.js';
import type { ContextEntry } from '../../../src/parse/context/entries.js';
import { entriesMatching, entryAt, hasEntryUnder } from '../../../src/parse/context/entries-matching.js';

const SEGMENTS = ['a', 'b', 'ab', 'a.txt', 'b.js', 'f1', 'f12', '.env', 'é', '😀', 'A', 'a-b', 'a/b', '[x]', '*'];
const SOURCE_PIECES = ['a', 'b', '*', '?', '[ab]', '[!a]', '[a-', '\\*', '\\', '.txt', 'f1', '/', '/', 'é', '😀', ''];

/** A seeded generator: `pick` from a list, a path of 1 to `max` SEGMENTS, a source of 1 to `max` SOURCE_PIECES. */
function generator(seed: number) {
  const rand = prng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const joined = (pieces: string[], max: number, sep: string) => Array.from({ length: 1 + Math.floor(rand() * max) }, () => pick(pieces)).join(sep);
  return { rand, pick, path: (max: number) => joined(SEGMENTS, max, '/'), source: (max: number) => joined(SOURCE_PIECES, max, '') };
}

/** Paths in code-unit order, as a listing is sorted. */
const byCodeUnit = (paths: Iterable<string>) => [...paths].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));

test('the same entries as sourceMatches over every entry, and the same "anything under" (2,000 listings)', () => {
  const { path: pathOf, source: sourceOf } = generator(7);
  let matched = 0;
  for (let k = 0; k < 2000; k++) {
    const paths = new Set<string>();
    for (let i = 0; i < 40; i++) paths.add(pathOf(3));
    const list = (k % 5 === 0 ? [...paths] : byCodeUnit(paths)).map((path): ContextEntry => ({ path, type: 'file', size: 1, excluded: false }));
    for (let j = 0; j < 30; j++) {
      const source = sourceOf(4);
      const expected = list.filter((e) => sourceMatches(source, e.path));
      assert.deepEqual(entriesMatching(list, source), expected, `${source} in ${JSON.stringify(list.map((e) => e.path))}`);
      assert.equal(hasEntryUnder(list, source), list.some((e) => e.path.startsWith(`${source}/`)), `under ${source}`);
      matched += expected.length;
    }
  }
  assert.ok(matched > 10_000, `${matched} matches (the generator reaches them)`);
});

test('entryAt answers as a Map by path (the last of equal paths wins), on sorted and unsorted lists with duplicates', () => {
  const { rand, pick, path: pathOf } = generator(11);
  let found = 0;
  for (let k = 0; k < 2000; k++) {
    const paths = Array.from({ length: Math.floor(rand() * 30) }, () => pathOf(3));
    const list = (k % 4 === 0 ? paths : byCodeUnit(paths)).map((path, i): ContextEntry => ({ path, type: 'file', size: i, excluded: false }));
    const byPath = new Map(list.map((e) => [e.path, e]));
    for (let j = 0; j < 20; j++) {
      const path = rand() < 0.7 && list.length ? pick(list).path : pathOf(3);
      assert.equal(entryAt(list, path), byPath.get(path), `${path} in ${JSON.stringify(list.map((e) => e.path))}`);
      if (byPath.has(path)) found++;
    }
  }
  assert.ok(found > 10_000, `${found} found`);
});

test('coveredEntries (copied-manifests.ts) answers as asking every source about every entry', () => {
  const { rand, path: pathOf, source: sourceOf } = generator(13);
  let covered = 0;
  for (let k = 0; k < 2000; k++) {
    const paths = new Set<string>();
    for (let i = 0; i < 30; i++) paths.add(pathOf(4));
    const list = (k % 5 === 0 ? [...paths] : byCodeUnit(paths)).map((path): ContextEntry => ({ path, type: 'file', size: 1, excluded: false }));
    const sources = Array.from({ length: Math.floor(rand() * 6) }, () => ({ path: rand() < 0.1 ? '' : sourceOf(4) }));
    // The oracle: the loop copied-manifests.ts had, every source asked about every entry.
    const expected = list.flatMap((entry) => {
      const by = sources.filter((s) => sourceCovers(s.path, entry.path));
      return by.length ? [{ entry, named: by.some((s) => sourceMatches(s.path, entry.path)) }] : [];
    });
    assert.deepEqual(coveredEntries(list, sources), expected, `${JSON.stringify(sources)} in ${JSON.stringify(list.map((e) => e.path))}`);
    covered += expected.length;
  }
  assert.ok(covered > 5_000, `${covered} covered (the generator reaches them)`);
});
