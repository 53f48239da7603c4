// The context entries a (wildcard) COPY source matches, found through the entries' order: a match
// starts with the source's text up to its first wildcard (`src/d0/f1*.txt`: `src/d0/f1`), and the
// entries are sorted by path, so the candidates are one contiguous run found by binary search. Testing
// every entry per source made thousands of wildcard COPYs against thousands of files quadratic.

import type { ContextEntry } from './entries.js';
import { sourceMatches } from './copy-sources.js';
import { work } from '../dockerfile/work.js';
import { firstNotBefore } from '../../util/first-not-before.js';

const sortedLists = new WeakMap<readonly ContextEntry[], boolean>();

/** The entries `sourceMatches(source, e.path)` holds for, in order. */
export function entriesMatching(entries: readonly ContextEntry[], source: string): ContextEntry[] {
  const out: ContextEntry[] = [];
  for (const e of candidates(entries, literalStart(source))) if (sourceMatches(source, e.path)) out.push(e);
  return out;
}

/** The entries whose path starts with `prefix`, in order. */
export function entriesStartingWith(entries: readonly ContextEntry[], prefix: string): ContextEntry[] {
  const out: ContextEntry[] = [];
  for (const e of candidates(entries, prefix)) if (e.path.startsWith(prefix)) out.push(e);
  return out;
}

/** Is there an entry strictly under the folder `dir`? */
export function hasEntryUnder(entries: readonly ContextEntry[], dir: string): boolean {
  for (const e of candidates(entries, `${dir}/`)) if (e.path.startsWith(`${dir}/`)) return true;
  return false;
}

/** The entry at `path` (the last of equal paths, as a Map by path keeps), by binary search when the list is sorted. */
export function entryAt(entries: readonly ContextEntry[], path: string): ContextEntry | undefined {
  if (!isSorted(entries)) return unsortedIndex(entries).get(path);
  let i = firstNotBefore(entries, (e) => e.path < path);
  if (i >= entries.length || entries[i]!.path !== path) return undefined;
  while (i + 1 < entries.length && entries[i + 1]!.path === path) i++;
  return entries[i];
}

const unsortedIndexes = new WeakMap<readonly ContextEntry[], Map<string, ContextEntry>>();

function unsortedIndex(entries: readonly ContextEntry[]): Map<string, ContextEntry> {
  let index = unsortedIndexes.get(entries);
  if (!index) unsortedIndexes.set(entries, (index = new Map(entries.map((e) => [e.path, e]))));
  return index;
}

/** The source up to its first wildcard or escape character (`*?[\`): every match starts with it. */
export function literalStart(source: string): string {
  const i = source.search(/[*?[\\]/);
  return i < 0 ? source : source.slice(0, i);
}

/** The entries whose path starts with `prefix`: a binary search when sorted (else all of them). */
function* candidates(entries: readonly ContextEntry[], prefix: string): Generator<ContextEntry> {
  if (!isSorted(entries)) {
    for (const e of entries) {
      work.steps++;
      yield e;
    }
    return;
  }
  for (let i = firstNotBefore(entries, (e) => e.path < prefix); i < entries.length && entries[i]!.path.startsWith(prefix); i++) {
    work.steps++;
    yield entries[i]!;
  }
}

function isSorted(entries: readonly ContextEntry[]): boolean {
  let sorted = sortedLists.get(entries);
  if (sorted === undefined) {
    sorted = entries.every((e, i) => i === 0 || entries[i - 1]!.path <= e.path);
    sortedLists.set(entries, sorted);
  }
  return sorted;
}
