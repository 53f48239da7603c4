// Machine-readable JSON; the shape is fixed by schema/slipway-report.schema.json.
// Made in pieces, one finding at a time, byte for byte what JSON.stringify(report, null, 2) gives:
// `check -f json` writes them as they are made, so a report of many findings is never one big string
// (on 21,324 findings the one string, its flat copy and its output buffer took ~+40 MB of peak RSS).

import type { FileError, Finding } from '../types.js';
import { jsonArrayPieces } from './json-array.js';
import type { ReportInput } from './types.js';

export function formatJson(input: ReportInput): string {
  return [...jsonReportPieces(input)].join('');
}

/** The report in order: joined, it is formatJson's text. */
export function* jsonReportPieces({ result, checklist }: ReportInput): Generator<string> {
  yield '{\n  "findings": ';
  yield* jsonArrayPieces(result.findings, publicFinding, 1);
  yield ',\n  "errors": ';
  yield* jsonArrayPieces(result.errors, (e: FileError) => ({ file: e.file, line: e.line, column: e.column, message: e.message }), 1);
  if (checklist) {
    yield ',\n  "checklist": ';
    yield* jsonArrayPieces(checklist, (c) => ({ id: c.id, title: c.title, status: c.status, ...(c.reason ? { reason: c.reason } : {}), evidence: c.evidence.map((e) => ({ file: e.file, line: e.line })) }), 1);
  }
  yield '\n}\n';
}

/** Keys copied one by one so the order is fixed and `fix` (offsets) never leaks out. */
function publicFinding(f: Finding) {
  return {
    rule: f.rule,
    aliases: f.aliases,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    message: f.message,
    fixable: f.fixable,
    ...(f.image ? { image: f.image } : {}),
  };
}
