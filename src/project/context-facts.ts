// Facts about a Dockerfile's build context that Dockerfile rules need, read once before the rules
// run (rules do no I/O): what each local ADD source is, by content.

import { join } from 'node:path';
import { contextsOf } from '../parse/context/context.js';
import { copySources, sourceMatches } from '../parse/context/copy-sources.js';
import { sourceKind, type SourceKind } from '../parse/context/magic.js';
import type { ProjectModel, SourceFile } from './model.js';

const RANK: SourceKind[] = ['dir', 'file', 'maybe-archive', 'archive'];
const worst = (a: SourceKind | undefined, b: SourceKind): SourceKind => (a === undefined || RANK.indexOf(b) > RANK.indexOf(a) ? b : a);

/** Context-relative ADD source (as copySources normalises it) → what ADD finds there; absent: unknown. */
export function addSourceKinds(project: ProjectModel, file: SourceFile): Record<string, SourceKind> {
  const out: Record<string, SourceKind> = {};
  for (const c of contextsOf(project)) {
    if (c.dockerfile !== file || !c.df || c.truncated) continue;
    for (const s of copySources(c.df)) {
      if (s.inst.keyword !== 'ADD' || s.path === '') continue;
      const matches = s.wildcard ? c.files.filter((e) => sourceMatches(s.path, e.path)) : [c.entry(s.path)].filter((e) => e !== undefined && !e.excluded);
      if (!matches.length) continue;
      let kind: SourceKind | undefined;
      for (const e of matches) kind = worst(kind, e!.type === 'dir' ? 'dir' : (sourceKind(join(c.dir, e!.path)) ?? 'maybe-archive'));
      // Two contexts (two compose services) that disagree: the riskier kind wins.
      out[s.path] = worst(out[s.path], kind!);
    }
  }
  return out;
}
