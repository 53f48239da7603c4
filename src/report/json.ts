// Machine-readable JSON; the shape is fixed by schema/slipway-report.schema.json.
// Made in pieces, one finding at a time, byte for byte what JSON.stringify(report, null, 2) gives:
// `check -f json` writes them as they are made, so a report of many findings is never one big string
// (on 21,324 findings the one string, its flat copy and its output buffer took ~+40 MB of peak RSS).

import type { Finding } from '../types.js';
import type { ReportInput } from './types.js';

export function formatJson(input: ReportInput): string {
  return [...jsonReportPieces(input)].join('');
}

/** The report in order: joined, it is formatJson's text. */
export function* jsonReportPieces({ result, checklist }: ReportInput): Generator<string> {
  yield '{\n  "findings": ';
  yield* arrayPieces(result.findings, publicFinding);
  yield ',\n  "errors": ';
  yield* arrayPieces(result.errors, (e) => ({ file: e.file, line: e.line, column: e.column, message: e.message }));
  if (checklist) {
    yield ',\n  "checklist": ';
    yield* arrayPieces(checklist, (c) => ({ id: c.id, title: c.title, status: c.status, ...(c.reason ? { reason: c.reason } : {}), evidence: c.evidence.map((e) => ({ file: e.file, line: e.line })) }));
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

/** An array two levels deep in the report, as JSON.stringify with a 2-space indent lays it out. */
function* arrayPieces<T>(items: readonly T[], view: (item: T) => unknown): Generator<string> {
  if (!items.length) {
    yield '[]';
    return;
  }
  yield '[\n';
  for (let i = 0; i < items.length; i++) {
    // A JSON text holds no raw line break but its own: each of its lines moves 4 spaces in.
    yield `    ${JSON.stringify(view(items[i]!), null, 2).replaceAll('\n', '\n    ')}${i < items.length - 1 ? ',\n' : '\n'}`;
  }
  yield '  ]';
}
