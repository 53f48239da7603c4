// COPY/ADD sources a build context does not hold: what `copy-source-missing` reports, and what the
// disk-facts loader looks for in the folders above a context nobody names.

import { dirname, resolve, sep } from 'node:path';
import { neededStages } from '../dockerfile/stages.js';
import type { BuildContext } from './context.js';
import { copySources, literalPrefix, type CopySource, type SourceInstruction } from './copy-sources.js';
import { entriesMatching } from './entries-matching.js';
import type { Dockerfile } from '../dockerfile/model.js';

/**
 * Sources of COPY/ADD in the stages the build runs, memoized per Dockerfile file: taken from the model
 * on the first call (the disk facts loader makes it, before a target is selected) and kept without it,
 * so the context rules can ask after a check dropped the model, until `forgetSources`.
 */
const sourcesCache = new WeakMap<object, CopySource<SourceInstruction>[]>();
export function neededSources(c: BuildContext): CopySource<SourceInstruction>[] {
  const key = c.dockerfile ?? c.df;
  if (!key) return [];
  let list = sourcesCache.get(key);
  if (!list) sourcesCache.set(key, (list = c.df ? sourcesIn(c.df) : []));
  return list;
}

/**
 * Drops what neededSources kept of `file`: a streamed check does once its contexts were judged (the context
 * rules are the last to ask; the sources were ~0.3 kB per Dockerfile held to the end, issue 15).
 */
export function forgetSources(file: object): void {
  sourcesCache.delete(file);
}

function sourcesIn(df: Dockerfile): CopySource<SourceInstruction>[] {
  try {
    // A stage the build never runs sends nothing to the builder's layers.
    const needed = neededStages(df);
    return copySources(df)
      .filter((s) => !s.inst.stage || needed.has(s.inst.stage))
      .map((s) => ({ ...s, inst: { keyword: s.inst.keyword, line: s.inst.line, start: s.inst.start, end: s.inst.end } }));
  } catch {
    return [];
  }
}

/** Is the path inside a folder that was excluded and not walked (its contents unknown)? */
function underUnwalked(c: BuildContext, path: string): boolean {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) if (c.entry(parts.slice(0, i).join('/'))?.unwalked) return true;
  return false;
}

/** The sources the context does not hold (an excluded source is copy-ignored-file's, not missing). */
export function missingSources(c: BuildContext): CopySource<SourceInstruction>[] {
  if (!c.dockerfile || c.truncated) return [];
  return neededSources(c).filter((s) => {
    if (s.path === '') return false;
    const probe = s.wildcard ? literalPrefix(s.path) : s.path;
    if (probe && (c.ignores(probe) || underUnwalked(c, probe))) return false;
    if (!s.wildcard) return !c.entry(s.path);
    return entriesMatching(c.entries, s.path).length === 0;
  });
}

/** `dir` and its parents up to and including `root` (nothing when dir is outside root). */
export function foldersUpTo(dir: string, root: string): string[] {
  const out: string[] = [];
  const top = resolve(root);
  let d = resolve(dir);
  if (d !== top && !d.startsWith(top + sep)) return out;
  for (;;) {
    out.push(d);
    if (d === top) return out;
    d = dirname(d);
  }
}
