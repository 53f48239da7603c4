// Applies fixes as minimal text edits: sorted, overlapping edits skipped (the next pass gets them),
// repeated until nothing changes — as ESLint's source-code-fixer does.

import type { TextEdit } from '../types.js';

export const MAX_FIX_PASSES = 10;

/** Applies non-overlapping edits; returns the new text and how many fixes were applied. */
export function applyEdits(text: string, fixes: TextEdit[][]): { text: string; applied: number } {
  const sorted = fixes
    .filter((f) => f.length > 0)
    .map((edits) => [...edits].sort((a, b) => a.start - b.start))
    .sort((a, b) => a[0]!.start - b[0]!.start);
  let out = '';
  let cursor = 0;
  let applied = 0;
  for (const edits of sorted) {
    if (edits[0]!.start < cursor) continue; // overlaps an earlier fix
    if (edits.some((e, i) => i > 0 && e.start < edits[i - 1]!.end)) continue;
    for (const e of edits) {
      out += text.slice(cursor, e.start) + e.text;
      cursor = e.end;
    }
    applied++;
  }
  return { text: out + text.slice(cursor), applied };
}
