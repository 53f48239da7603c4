// Checkstyle XML, the shape hadolint and ESLint emit; read by Jenkins, reviewdog and others.

import type { Severity } from '../types.js';
import type { ReportInput } from './types.js';
import { PARSE_ERROR } from './util.js';

// Checkstyle knows error, warning, info (and ignore).
const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };

/** Escapes for an attribute value; newlines and tabs as references so parsers keep them. */
function attr(s: string): string {
  return (
    s
      // Control characters are not allowed in XML 1.0 at all, not even as references.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      .replace(/\t/g, '&#9;')
      .replace(/\n/g, '&#10;')
      .replace(/\r/g, '&#13;')
  );
}

interface Item {
  line: number;
  column: number;
  severity: string;
  message: string;
  source: string;
}

export function formatCheckstyle(input: ReportInput): string {
  return [...checkstyleReportPieces(input)].join('');
}

/** One piece per `<error>` line, grouped by file in the order files first appear. */
export function* checkstyleReportPieces({ result }: ReportInput): Generator<string> {
  const files = new Map<string, Item[]>();
  const add = (file: string, item: Item) => {
    const items = files.get(file);
    if (items) items.push(item);
    else files.set(file, [item]);
  };
  for (const f of result.findings) {
    add(f.file, { line: f.line, column: f.column, severity: LEVEL[f.severity], message: f.message, source: f.rule });
  }
  for (const e of result.errors) {
    add(e.file, { line: e.line, column: e.column, severity: 'error', message: e.message, source: PARSE_ERROR });
  }

  yield '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n';
  for (const [file, items] of files) {
    yield `  <file name="${attr(file)}">\n`;
    for (const i of items) {
      yield `    <error line="${i.line}" column="${i.column}" severity="${i.severity}" message="${attr(i.message)}" source="${attr(i.source)}"/>\n`;
    }
    yield '  </file>\n';
  }
  yield '</checkstyle>\n';
}
