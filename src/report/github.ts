// GitHub Actions workflow commands: each line becomes an annotation on the PR.

import type { Severity } from '../types.js';
import type { ReportInput } from './types.js';
import { PARSE_ERROR, relPath } from './util.js';

// GitHub has only three annotation levels.
const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', style: 'notice' };

// Escaping as in @actions/core (command.ts): data escapes %, CR, LF; properties also : and ,.
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function command(name: string, props: [string, string | number][], message: string): string {
  const list = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${name} ${list}::${escapeData(message)}\n`;
}

export function formatGithub(input: ReportInput): string {
  return [...githubReportPieces(input)].join('');
}

/** One line (one annotation) per piece. */
export function* githubReportPieces({ result, cwd }: ReportInput): Generator<string> {
  for (const f of result.findings) {
    yield command(
      COMMAND[f.severity],
      [
        ['file', relPath(f.file, cwd)],
        ['line', f.line],
        ['col', f.column],
        ['endLine', f.endLine],
        ['endColumn', f.endColumn],
        ['title', f.rule],
      ],
      f.message,
    );
  }
  for (const e of result.errors) {
    // A file error may have no position (0); GitHub then annotates the file as a whole.
    const props: [string, string | number][] = [['file', relPath(e.file, cwd)]];
    if (e.line > 0) props.push(['line', e.line]);
    if (e.column > 0) props.push(['col', e.column]);
    yield command('error', [...props, ['title', PARSE_ERROR]], e.message);
  }
}
