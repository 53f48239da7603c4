// Turns a rule's report (offsets in a file) into a Finding (line/column), unless a suppression covers it.

import type { LineIndex } from '../parse/text.js';
import type { Report, RuleMeta } from '../rules/types.js';
import { severityRank, type Finding, type Severity, type TextEdit } from '../types.js';
import { isSuppressed, type Suppression } from './suppressions.js';
import { detachedString } from '../util/detached-string.js';

export function toFinding(
  meta: RuleMeta,
  severity: Severity,
  file: string,
  lines: LineIndex,
  suppressions: Suppression[],
  r: Report,
): Finding | null {
  const start = lines.positionAt(r.start);
  const end = lines.positionAt(Math.max(r.end, r.start));
  if (suppressions.length && isSuppressed(suppressions, [meta.id, ...meta.aliases], start.line)) return null;
  const capped = r.cap !== undefined && severityRank(r.cap) > severityRank(severity);
  // fix and capped are added after the others (the JSON keeps this order), without spreading objects.
  const finding: Finding = {
    rule: meta.id,
    aliases: meta.aliases,
    severity: capped ? r.cap! : severity,
    file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    message: r.message === undefined ? meta.title : detachedString(r.message), // kept to the end of the run: its own characters only
    fixable: r.fix !== undefined,
  };
  if (r.fix) finding.fix = ownTexts(r.fix);
  if (capped) finding.capped = true;
  return finding;
}

/**
 * The edits with texts of their own: an edit's text is often cut from the file's text, and a cut of 13 characters or
 * more is a view that keeps the whole text alive as long as the finding (~0.7 kB per Dockerfile at 1,924 files, once a
 * streamed check had let the texts go). Shorter strings are copies already. The edits are the rule's own, made for this report.
 */
function ownTexts(edits: TextEdit[]): TextEdit[] {
  for (const e of edits) if (e.text.length >= 13) e.text = detachedString(e.text);
  return edits;
}
