// Human-readable report: findings grouped by file, aligned columns, one summary line.

import type { ChecklistItem } from '../checklist/index.js';
import type { Severity } from '../types.js';
import type { ReportInput } from './types.js';
import { PARSE_ERROR, relPath } from './util.js';

type Paint = (s: string) => string;
const ansi = (open: number, close: number): Paint => (s) => `\u001B[${open}m${s}\u001B[${close}m`;
const STYLES = { bold: ansi(1, 22), dim: ansi(2, 22), red: ansi(31, 39), yellow: ansi(33, 39), blue: ansi(34, 39) };
const PLAIN: typeof STYLES = { bold: (s) => s, dim: (s) => s, red: (s) => s, yellow: (s) => s, blue: (s) => s };

interface Row {
  line: number;
  column: number;
  severity: Severity;
  message: string;
  rule: string;
}

// One line per problem, and no control characters from file content reaching the terminal.
const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*|\t/g, ' ').replace(/[\u0000-\u001F\u007F-\u009F]/g, '\uFFFD');

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatText(input: ReportInput): string {
  return [...textReportPieces(input)].join('');
}

/** One piece per line; the checklist, which is short, as one. */
export function* textReportPieces({ result, color, cwd, checklist }: ReportInput): Generator<string> {
  yield* findingsPieces({ result, color, cwd });
  if (checklist?.length) yield formatChecklist(checklist, color, cwd);
}

function* findingsPieces({ result, color, cwd }: Pick<ReportInput, 'result' | 'color' | 'cwd'>): Generator<string> {
  const total = result.findings.length + result.errors.length;
  if (total === 0) {
    yield 'No problems found.\n';
    return;
  }
  const c = color ? STYLES : PLAIN;
  const paintSeverity: Record<Severity, Paint> = { error: c.red, warning: c.yellow, info: c.blue, style: c.dim };

  // File errors are shown (and counted) as errors: a file that could not be checked is a problem.
  const files = new Map<string, Row[]>();
  const add = (file: string, row: Row) => {
    const key = oneLine(relPath(file, cwd));
    const rows = files.get(key);
    if (rows) rows.push(row);
    else files.set(key, [row]);
  };
  for (const f of result.findings) {
    const rule = f.aliases.length ? `${f.rule} (${f.aliases.join(', ')})` : f.rule;
    add(f.file, { line: f.line, column: f.column, severity: f.severity, message: oneLine(f.message), rule });
  }
  for (const e of result.errors) {
    add(e.file, { line: e.line, column: e.column, severity: 'error', message: oneLine(e.message), rule: PARSE_ERROR });
  }

  for (const [file, rows] of files) {
    rows.sort((a, b) => a.line - b.line || a.column - b.column);
    // Pad plain text before painting so escape codes do not skew the alignment.
    const width = (get: (r: Row) => string) => rows.reduce((w, r) => Math.max(w, get(r).length), 0);
    const pos = (r: Row) => `${r.line}:${r.column}`;
    const wPos = width(pos);
    const wSev = width((r) => r.severity);
    const wMsg = width((r) => r.message);
    yield `${c.bold(file)}\n`;
    for (const r of rows) {
      const cells = [
        c.dim(pos(r).padEnd(wPos)),
        paintSeverity[r.severity](r.severity.padEnd(wSev)),
        r.message.padEnd(wMsg),
        c.dim(r.rule),
      ];
      yield `  ${cells.join('  ')}\n`;
    }
    yield '\n';
  }

  const count: Record<Severity, number> = { error: result.errors.length, warning: 0, info: 0, style: 0 };
  for (const f of result.findings) count[f.severity]++;
  const fixable = result.findings.filter((f) => f.fixable).length;
  const paint = count.error ? c.red : count.warning ? c.yellow : c.blue;
  let summary = `✖ ${plural(total, 'problem')} (${plural(count.error, 'error')}, ${plural(count.warning, 'warning')}, ${count.info} info, ${count.style} style)`;
  if (fixable) summary += `, ${fixable} fixable with --fix`;
  yield `${c.bold(paint(summary))}\n`;
}

/**
 * The guide's checklist after the findings: ✓ passed, ✗ failed, ~ accepted (a suppressed finding, or
 * its rules turned off), ? unverified (no evidence, or its file has errors), – not applicable.
 */
function formatChecklist(items: ChecklistItem[], color: boolean, cwd: string): string {
  const c = color ? STYLES : PLAIN;
  const green: Paint = color ? ansi(32, 39) : (s) => s;
  const yellow: Paint = color ? ansi(33, 39) : (s) => s;
  const mark: Record<ChecklistItem['status'], string> = { pass: green('✓'), fail: c.red('✗'), accepted: yellow('~'), unverified: yellow('?'), 'n/a': c.dim('–') };
  const width = Math.max(...items.map((i) => i.title.length));
  const lines = ['', c.bold('Before deploying (the guide\'s checklist):')];
  for (const item of items) {
    const where = item.evidence.slice(0, 3).map((e) => `${oneLine(relPath(e.file, cwd))}:${e.line}`);
    if (item.evidence.length > 3) where.push(`+${item.evidence.length - 3} more`);
    const label = item.status === 'accepted' || item.status === 'unverified' ? `${item.status}: ${oneLine(item.reason ?? '')}${where.length ? ` (${where.join(', ')})` : ''}` : where.join(', ');
    const detail = item.status === 'n/a' ? c.dim('n/a') : c.dim(label);
    lines.push(`  ${mark[item.status]} ${(item.status === 'n/a' ? c.dim : (s: string) => s)(item.title.padEnd(width))}  ${detail}`.trimEnd());
  }
  const count = (s: ChecklistItem['status']) => items.filter((i) => i.status === s).length;
  const applicable = items.length - count('n/a');
  const more = [count('accepted') ? `${count('accepted')} accepted` : '', count('unverified') ? `${count('unverified')} unverified` : ''].filter(Boolean);
  lines.push(c.bold(`  ${count('pass')} of ${applicable} applicable item${applicable === 1 ? '' : 's'} pass${more.length ? ` (${more.join(', ')})` : ''}`));
  return lines.join('\n') + '\n';
}
