// Which .dockerignore patterns could match a path at all: an index on the literal start or end of each
// pattern's last segment. Docker's matcher (@balena/dockerignore, moby's) tries every pattern on every
// path; with thousands of patterns and files that is their product. The index only narrows the
// patterns the real matcher is then asked about, so the answer stays Docker's.
//
// Why it is exact: for a pattern made of literal characters, `*`, `?` and whole-segment `**`, the
// compiled regexp matches the last segment of the pattern against the last segment of the string
// (`*` and `?` never match `/`, and what comes before is `^`, a literal `/` or `(.*/)?`). The strings
// Docker tests for a path are the path and its parent folders, whose last segments are segments of
// the path. So a pattern can only match if some segment of the path starts with its literal prefix
// (or ends with its literal suffix). Any other pattern (regexp characters, `**` inside a segment,
// a last segment that is `**`) is asked about every path.

import { work } from '../dockerfile/work.js';

/** The processed pattern of one rule, as the matcher compiles it (after `!`, cleaning, leading `/`). */
export type RulePattern = string | null;

export interface IgnoreCandidates {
  /** Indices (ascending) of the patterns that could match `rel` or one of its parent folders. */
  candidates(rel: string): number[];
}

const REGEXP_SPECIAL = /[\\^$+()[\]{}|]/;

/**
 * `patterns[i]` is pattern i's processed form, or undefined when it is not known (then it is asked
 * about every path).
 */
export function ignoreCandidates(patterns: (RulePattern | undefined)[]): IgnoreCandidates {
  const always: number[] = [];
  const byPrefix = new Trie();
  const bySuffix = new Trie();
  patterns.forEach((p, i) => {
    const key = p === null ? null : p === undefined ? undefined : literalEnds(p);
    if (key === null) return; // no rule: never matches
    // The longer literal end is the more telling one.
    if (key === undefined) always.push(i);
    else if (key.prefix && key.prefix.length >= key.suffix.length) byPrefix.add(key.prefix, i);
    else if (key.suffix) bySuffix.add(reversedUnits(key.suffix), i);
    else always.push(i);
  });
  return {
    candidates(rel) {
      // Docker's matcher says every pattern matches the empty path (its `!path` guard).
      if (rel === '') return patterns.map((_, i) => i);
      if (byPrefix.empty && bySuffix.empty) return always;
      const found: number[] = [];
      for (const segment of rel.split('/')) {
        byPrefix.hits(segment, 0, 1, found);
        bySuffix.hits(segment, segment.length - 1, -1, found);
      }
      if (found.length === 0) return always;
      return [...new Set([...always, ...found])].sort((a, b) => a - b);
    },
  };
}

/** `s` backwards by UTF-16 unit, as `hits` reads it from the end. */
function reversedUnits(s: string): string {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
}

/** Keys by UTF-16 unit; `hits` walks a string once, collecting every key it starts with. */
class Trie {
  private readonly root: TrieNode = { next: new Map(), ids: [] };
  empty = true;

  add(key: string, id: number): void {
    let node = this.root;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { next: new Map(), ids: [] }));
      node = child;
    }
    node.ids.push(id);
    this.empty = false;
  }

  /** The ids of the keys that `s`, read from `from` in direction `step`, starts with. */
  hits(s: string, from: number, step: 1 | -1, out: number[]): void {
    let node: TrieNode | undefined = this.root;
    for (let i = from; node && i >= 0 && i < s.length; i += step) {
      work.steps++;
      node = node.next.get(s.charCodeAt(i));
      if (node) for (const id of node.ids) out.push(id);
    }
  }
}

interface TrieNode {
  next: Map<number, TrieNode>;
  ids: number[];
}

/**
 * The literal start and end of the last segment of an indexable pattern (`**\/p*.log`: `p`, `.log`),
 * or undefined when the pattern must be asked about every path.
 */
function literalEnds(pattern: string): { prefix: string; suffix: string } | undefined {
  if (REGEXP_SPECIAL.test(pattern)) return undefined;
  const segments = pattern.split('/');
  // `**` is only understood as a whole segment; `a**` or `***` can join or span segments.
  if (segments.some((s) => s.includes('**') && s !== '**')) return undefined;
  const last = segments[segments.length - 1]!;
  const first = last.search(/[*?]/);
  if (first === -1) return { prefix: last, suffix: last };
  let end = last.length;
  while (end > 0 && last[end - 1] !== '*' && last[end - 1] !== '?') end--;
  return { prefix: last.slice(0, first), suffix: last.slice(end) };
}

