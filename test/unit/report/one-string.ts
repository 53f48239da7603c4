// The report formatters as they were before they made pieces (main at cd52abf), verbatim but for their
// names and imports: the oracle the pieces are compared with, byte for byte.
// (The JSON one is in json-pieces.test.ts.)

import { createHash } from 'node:crypto';
import type { ChecklistItem } from '../../../src/checklist/index.js';
import type { ReportInput, RuleInfo } from '../../../src/report/types.js';
import { PARSE_ERROR, relPath } from '../../../src/report/util.js';
import type { Severity } from '../../../src/types.js';

// ---- sarif.ts
export const sarifOld = (() => {
// SARIF 2.1.0, in the shape GitHub code scanning accepts (github/codeql-action/upload-sarif).
//
// File errors (unreadable or unparsable files) become results of a synthetic `parse-error` rule
// rather than toolExecutionNotifications: code scanning shows results as alerts but ignores
// notifications, and a Dockerfile that could not be checked should not pass silently.


const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://www.npmjs.com/package/slipway';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };
// GitHub ranks security alerts by this CVSS-like score (>=7 high, >=4 medium, else low).
const SECURITY_SEVERITY: Record<Severity, string> = { error: '7.5', warning: '5.0', info: '2.0', style: '2.0' };

const PARSE_ERROR_RULE: RuleInfo = {
  id: PARSE_ERROR,
  aliases: [],
  severity: 'error',
  title: 'File could not be read or parsed',
  description: 'slipway could not read or parse this file, so no rule was checked against it.',
  helpUri: INFORMATION_URI,
  fixable: false,
};

/** ShellCheck findings (`SC2086`) link to ShellCheck's page for the code. */
function shellcheckHelp(rule: string): Partial<RuleInfo> {
  return /^SC\d{4}$/.test(rule) ? { title: `ShellCheck ${rule}`, helpUri: `https://www.shellcheck.net/wiki/${rule}` } : {};
}

function descriptor(r: RuleInfo) {
  const security = r.category === 'security';
  const tags = [...(r.category ? [r.category] : []), ...(r.fixable ? ['fixable'] : [])];
  const aliases = r.aliases.length ? `\n\nAlso known as: ${r.aliases.join(', ')}.` : '';
  return {
    id: r.id,
    name: r.id,
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: {
      text: `${r.description}${aliases}\n\n${r.helpUri}`,
      markdown: `**${r.title}**\n\n${r.description}${aliases}\n\n[Documentation](${r.helpUri})`,
    },
    helpUri: r.helpUri,
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags, ...(security ? { 'security-severity': SECURITY_SEVERITY[r.severity] } : {}) },
  };
}

/** Percent-encodes each path segment so the uri is a valid URI reference. */
const uri = (file: string, cwd: string) => relPath(file, cwd).split('/').map(encodeURIComponent).join('/');

function formatSarif({ result, rules, version, cwd }: ReportInput): string {
  const all = [...rules];
  const index = new Map(all.map((r, i) => [r.id, i]));
  // A finding of a rule missing from `rules` still gets a descriptor, so ruleIndex is always valid.
  const ruleIndex = (id: string, fallback: RuleInfo): number => {
    if (!index.has(id)) index.set(id, all.push(fallback) - 1);
    return index.get(id)!;
  };

  const location = (file: string, region: Record<string, number>) => [
    { physicalLocation: { artifactLocation: { uri: uri(file, cwd), uriBaseId: '%SRCROOT%' }, region } },
  ];

  const results = result.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: ruleIndex(f.rule, { ...PARSE_ERROR_RULE, id: f.rule, severity: f.severity, title: f.rule, description: f.message, aliases: f.aliases, ...shellcheckHelp(f.rule) }),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: location(f.file, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn }),
    ...(f.image ? { properties: { image: f.image } } : {}),
  }));
  for (const e of result.errors) {
    results.push({
      ruleId: PARSE_ERROR,
      ruleIndex: ruleIndex(PARSE_ERROR, PARSE_ERROR_RULE),
      level: 'error',
      message: { text: e.message },
      // SARIF positions are 1-based; an error may not know where it happened.
      locations: location(e.file, { startLine: Math.max(1, e.line), startColumn: Math.max(1, e.column) }),
    });
  }

  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'slipway', version, informationUri: INFORMATION_URI, rules: all.map(descriptor) } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

  return formatSarif;
})();

// ---- gitlab.ts
export const gitlabOld = (() => {
// GitLab Code Quality report (a subset of the Code Climate issue format).


// GitLab's scale is info|minor|major|critical|blocker; nothing slipway finds is a blocker by itself.
const LEVEL: Record<Severity, string> = { error: 'major', warning: 'minor', info: 'info', style: 'info' };

/** Stable across runs, so GitLab can tell new issues from fixed ones between branches. */
function fingerprint(rule: string, file: string, line: number, message: string): string {
  return createHash('sha1').update([rule, file, line, message].join('\0')).digest('hex');
}

function issue(rule: string, severity: string, path: string, line: number, message: string) {
  return {
    description: message,
    check_name: rule,
    fingerprint: fingerprint(rule, path, line, message),
    severity,
    // GitLab lines are 1-based; a file error may have no position.
    location: { path, lines: { begin: Math.max(1, line) } },
  };
}

function formatGitlab({ result, cwd }: ReportInput): string {
  const issues = [
    ...result.findings.map((f) => issue(f.rule, LEVEL[f.severity], relPath(f.file, cwd), f.line, f.message)),
    ...result.errors.map((e) => issue(PARSE_ERROR, 'major', relPath(e.file, cwd), e.line, e.message)),
  ];
  return JSON.stringify(issues, null, 2) + '\n';
}

  return formatGitlab;
})();

// ---- github.ts
export const githubOld = (() => {
// GitHub Actions workflow commands: each line becomes an annotation on the PR.


// GitHub has only three annotation levels.
const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', style: 'notice' };

// Escaping as in @actions/core (command.ts): data escapes %, CR, LF; properties also : and ,.
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function command(name: string, props: [string, string | number][], message: string): string {
  const list = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${name} ${list}::${escapeData(message)}\n`;
}

function formatGithub({ result, cwd }: ReportInput): string {
  const lines = result.findings.map((f) =>
    command(
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
    ),
  );
  for (const e of result.errors) {
    // A file error may have no position (0); GitHub then annotates the file as a whole.
    const props: [string, string | number][] = [['file', relPath(e.file, cwd)]];
    if (e.line > 0) props.push(['line', e.line]);
    if (e.column > 0) props.push(['col', e.column]);
    lines.push(command('error', [...props, ['title', PARSE_ERROR]], e.message));
  }
  return lines.join('');
}

  return formatGithub;
})();

// ---- checkstyle.ts
export const checkstyleOld = (() => {
// Checkstyle XML, the shape hadolint and ESLint emit; read by Jenkins, reviewdog and others.


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

function formatCheckstyle({ result }: ReportInput): string {
  // Map keeps files in the order they first appear.
  const files = new Map<string, Item[]>();
  const add = (file: string, item: Item) => {
    const items = files.get(file) ?? [];
    items.push(item);
    files.set(file, items);
  };
  for (const f of result.findings) {
    add(f.file, { line: f.line, column: f.column, severity: LEVEL[f.severity], message: f.message, source: f.rule });
  }
  for (const e of result.errors) {
    add(e.file, { line: e.line, column: e.column, severity: 'error', message: e.message, source: PARSE_ERROR });
  }

  let out = '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n';
  for (const [file, items] of files) {
    out += `  <file name="${attr(file)}">\n`;
    for (const i of items) {
      out += `    <error line="${i.line}" column="${i.column}" severity="${i.severity}" message="${attr(i.message)}" source="${attr(i.source)}"/>\n`;
    }
    out += '  </file>\n';
  }
  return out + '</checkstyle>\n';
}

  return formatCheckstyle;
})();

// ---- text.ts
export const textOld = (() => {
// Human-readable report: findings grouped by file, aligned columns, one summary line.


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

function formatText({ result, color, cwd, checklist }: ReportInput): string {
  return formatFindings({ result, color, cwd }) + (checklist?.length ? formatChecklist(checklist, color, cwd) : '');
}

function formatFindings({ result, color, cwd }: Pick<ReportInput, 'result' | 'color' | 'cwd'>): string {
  const c = color ? STYLES : PLAIN;
  const paintSeverity: Record<Severity, Paint> = { error: c.red, warning: c.yellow, info: c.blue, style: c.dim };

  // File errors are shown (and counted) as errors: a file that could not be checked is a problem.
  const files = new Map<string, Row[]>();
  const add = (file: string, row: Row) => {
    const key = oneLine(relPath(file, cwd));
    files.set(key, [...(files.get(key) ?? []), row]);
  };
  for (const f of result.findings) {
    const rule = f.aliases.length ? `${f.rule} (${f.aliases.join(', ')})` : f.rule;
    add(f.file, { line: f.line, column: f.column, severity: f.severity, message: oneLine(f.message), rule });
  }
  for (const e of result.errors) {
    add(e.file, { line: e.line, column: e.column, severity: 'error', message: oneLine(e.message), rule: PARSE_ERROR });
  }

  const lines: string[] = [];
  for (const [file, rows] of files) {
    rows.sort((a, b) => a.line - b.line || a.column - b.column);
    // Pad plain text before painting so escape codes do not skew the alignment.
    const width = (get: (r: Row) => string) => Math.max(...rows.map((r) => get(r).length));
    const pos = (r: Row) => `${r.line}:${r.column}`;
    const wPos = width(pos);
    const wSev = width((r) => r.severity);
    const wMsg = width((r) => r.message);
    lines.push(c.bold(file));
    for (const r of rows) {
      const cells = [
        c.dim(pos(r).padEnd(wPos)),
        paintSeverity[r.severity](r.severity.padEnd(wSev)),
        r.message.padEnd(wMsg),
        c.dim(r.rule),
      ];
      lines.push(`  ${cells.join('  ')}`);
    }
    lines.push('');
  }

  const count: Record<Severity, number> = { error: result.errors.length, warning: 0, info: 0, style: 0 };
  for (const f of result.findings) count[f.severity]++;
  const total = result.findings.length + result.errors.length;
  if (total === 0) return 'No problems found.\n';

  const fixable = result.findings.filter((f) => f.fixable).length;
  const paint = count.error ? c.red : count.warning ? c.yellow : c.blue;
  let summary = `✖ ${plural(total, 'problem')} (${plural(count.error, 'error')}, ${plural(count.warning, 'warning')}, ${count.info} info, ${count.style} style)`;
  if (fixable) summary += `, ${fixable} fixable with --fix`;
  lines.push(c.bold(paint(summary)));
  return lines.join('\n') + '\n';
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

  return formatText;
})();
