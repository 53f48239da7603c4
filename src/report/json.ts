// Machine-readable JSON; the shape is fixed by schema/slipway-report.schema.json.

import type { ReportInput } from './types.js';

export function formatJson({ result, checklist }: ReportInput): string {
  // Keys are copied one by one so the order is fixed and `fix` (offsets) never leaks out.
  const findings = result.findings.map((f) => ({
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
  }));
  const errors = result.errors.map((e) => ({ file: e.file, line: e.line, column: e.column, message: e.message }));
  if (!checklist) return JSON.stringify({ findings, errors }, null, 2) + '\n';
  const items = checklist.map((c) => ({ id: c.id, title: c.title, status: c.status, ...(c.reason ? { reason: c.reason } : {}), evidence: c.evidence.map((e) => ({ file: e.file, line: e.line })) }));
  return JSON.stringify({ findings, errors, checklist: items }, null, 2) + '\n';
}
