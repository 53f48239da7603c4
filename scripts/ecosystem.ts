// The ecosystem check (as Ruff has): run `slipway check` on a corpus of projects and compare the
// findings — severity, rule, file, line; not the message, which is reworded often — with a reviewed
// snapshot. Each folder directly under the corpus is one project, checked from its own root as a
// user would (`cd project && slipway check . --format json`), so its .slipway.yaml applies.
//
//   npm run ecosystem                          compare test/ecosystem/corpus with test/ecosystem/snapshot.txt
//   npm run ecosystem -- --update              rewrite the snapshot (review `git diff` before committing)
//   npm run ecosystem -- --counts              findings per rule (TSV), no comparison
//   npm run ecosystem -- --counts --baseline OLD.tsv   the same, next to an earlier --counts output
//   npm run ecosystem -- --json                every finding with its message, as JSON
//   npm run ecosystem -- --sample 10 [--seed 7]  up to 10 findings per rule at warning or above, with source
//   npm run ecosystem -- --corpus DIR [--snapshot FILE] [--update|--counts]    another corpus
//
// Exit codes: 0 same as the snapshot (or updated, or counts printed), 1 different, 2 usage error.

import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createTwoFilesPatch } from 'diff';
import { runCheck } from '../src/cli/commands/check.js';
import { prng } from '../bench/prng.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_CORPUS = join(ROOT, 'test', 'ecosystem', 'corpus');
export const DEFAULT_SNAPSHOT = join(ROOT, 'test', 'ecosystem', 'snapshot.txt');

export interface EcoFinding {
  project: string;
  file: string;
  line: number;
  severity: string;
  rule: string;
  /** Kept for reviewing samples (`--sample`); never part of the snapshot. */
  message: string;
}

const SEVERITY_ORDER = ['error', 'warning', 'info', 'style'];

/** Runs `slipway check` in-process on every project of the corpus; file errors count as rule `(file-error)`. */
export async function checkCorpus(corpus: string): Promise<EcoFinding[]> {
  const projects = readdirSync(corpus)
    .filter((name) => !name.startsWith('.') && statSync(join(corpus, name)).isDirectory())
    .sort();
  const out: EcoFinding[] = [];
  for (const project of projects) {
    let json = '';
    const stderr: string[] = [];
    const code = await runCheck(['.', '--format', 'json', '--failure-threshold', 'none'], {
      cwd: join(corpus, project),
      stdout: (s) => (json += s),
      stderr: (s) => stderr.push(s),
      isTTY: false,
      env: {},
      readStdin: async () => '',
    });
    if (code !== 0) throw new Error(`slipway check exited ${code} on ${project}: ${stderr.join('')}`);
    const report = JSON.parse(json) as {
      findings: { rule: string; severity: string; file: string; line: number; message: string }[];
      errors: { file: string; line: number; message: string }[];
    };
    for (const f of report.findings) out.push({ project, file: f.file, line: f.line, severity: f.severity, rule: f.rule, message: f.message });
    for (const e of report.errors) out.push({ project, file: e.file, line: e.line, severity: 'error', rule: '(file-error)', message: e.message });
  }
  return out;
}

/** One line per finding, `project/file:line  severity  rule`, sorted so that a diff reads file by file. */
export function formatSnapshot(findings: EcoFinding[]): string {
  const lines = findings.map((f) => ({ key: `${f.project}/${f.file}`, f }));
  lines.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.f.line - b.f.line || cmp(a.f.rule, b.f.rule)));
  const header =
    '# slipway ecosystem snapshot: file:line  severity  rule (one line per finding; messages are not compared)\n' +
    '# Regenerate with `npm run ecosystem -- --update` and review the diff; see test/ecosystem/README.md.\n';
  return header + lines.map(({ key, f }) => `${key}:${f.line}  ${f.severity}  ${f.rule}\n`).join('');
}

/** Findings per rule: rule, severity, findings, files, projects — as TSV, most findings first. */
export function formatCounts(findings: EcoFinding[]): string {
  const byRule = new Map<string, { severity: Set<string>; n: number; files: Set<string>; projects: Set<string> }>();
  for (const f of findings) {
    const r = byRule.get(f.rule) ?? { severity: new Set(), n: 0, files: new Set(), projects: new Set() };
    r.severity.add(f.severity);
    r.n++;
    r.files.add(`${f.project}/${f.file}`);
    r.projects.add(f.project);
    byRule.set(f.rule, r);
  }
  const sev = (s: Set<string>) => SEVERITY_ORDER.filter((x) => s.has(x)).join(',');
  const rows = [...byRule].sort((a, b) => b[1].n - a[1].n || cmp(a[0], b[0]));
  return (
    'rule\tseverity\tfindings\tfiles\tprojects\n' +
    rows.map(([rule, r]) => `${rule}\t${sev(r.severity)}\t${r.n}\t${r.files.size}\t${r.projects.size}\n`).join('') +
    `TOTAL\t\t${findings.length}\t${new Set(findings.map((f) => `${f.project}/${f.file}`)).size}\t${new Set(findings.map((f) => f.project)).size}\n`
  );
}

/**
 * For the false-positive review: up to `perRule` findings of each rule at `minSeverity` or above,
 * drawn with a seeded generator (the same seed draws the same sample), each with its message and
 * the source lines around it.
 */
export function formatSample(corpus: string, findings: EcoFinding[], perRule: number, seed: number, minSeverity = 'warning'): string {
  const limit = SEVERITY_ORDER.indexOf(minSeverity);
  const byRule = new Map<string, EcoFinding[]>();
  for (const f of findings) {
    if (SEVERITY_ORDER.indexOf(f.severity) > limit) continue;
    byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  }
  let out = '';
  for (const rule of [...byRule.keys()].sort()) {
    // One generator per rule: a rule's sample depends only on its own findings, not on other rules'.
    const random = prng(seed ^ hashOf(rule));
    const all = [...byRule.get(rule)!].sort((a, b) => cmp(`${a.project}/${a.file}:${String(a.line).padStart(6)}`, `${b.project}/${b.file}:${String(b.line).padStart(6)}`));
    // Partial Fisher-Yates: the first `perRule` of a seeded shuffle.
    for (let i = 0; i < Math.min(perRule, all.length); i++) {
      const j = i + Math.floor(random() * (all.length - i));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    const picked = all.slice(0, perRule);
    out += `\n## ${rule} (${picked.length} of ${byRule.get(rule)!.length})\n`;
    for (const f of picked) {
      out += `\n- ${f.project}/${f.file}:${f.line} ${f.severity}: ${f.message}\n`;
      let lines: string[] = [];
      try {
        lines = readFileSync(join(corpus, f.project, f.file), 'utf8').split('\n');
      } catch {}
      for (let n = Math.max(1, f.line - 2); n <= Math.min(lines.length, f.line + 2); n++) {
        out += `    ${n === f.line ? '>' : ' '}${String(n).padStart(4)}| ${lines[n - 1]!.slice(0, 160)}\n`;
      }
    }
  }
  return out;
}

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Two `--counts` tables side by side: rule, severity, before, after, change (most findings before first). */
export function compareCounts(before: string, after: string): string {
  const parse = (t: string) =>
    new Map(
      t
        .split('\n')
        .filter((l) => l && !l.startsWith('#') && !l.startsWith('rule\t'))
        .map((l) => l.split('\t'))
        .map((f) => [f[0]!, { severity: f[1]!, n: Number(f[2]) }] as const),
    );
  const b = parse(before);
  const a = parse(after);
  const rules = [...new Set([...b.keys(), ...a.keys()])].filter((r) => r !== 'TOTAL');
  rules.sort((x, y) => (b.get(y)?.n ?? 0) - (b.get(x)?.n ?? 0) || (a.get(y)?.n ?? 0) - (a.get(x)?.n ?? 0) || cmp(x, y));
  const row = (r: string) => {
    const nb = b.get(r)?.n ?? 0;
    const na = a.get(r)?.n ?? 0;
    return `${r}\t${a.get(r)?.severity || b.get(r)?.severity || ''}\t${nb}\t${na}\t${na - nb > 0 ? '+' : ''}${na - nb}\n`;
  };
  return 'rule\tseverity\tbefore\tafter\tchange\n' + rules.map(row).join('') + row('TOTAL');
}

/** A unified diff of the snapshot (null when equal). */
export function snapshotDiff(expected: string, actual: string, name = 'snapshot.txt'): string | null {
  if (expected === actual) return null;
  return createTwoFilesPatch(`${name} (committed)`, `${name} (now)`, expected, actual, '', '', { context: 2 });
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function cli(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      corpus: { type: 'string' },
      snapshot: { type: 'string' },
      update: { type: 'boolean', default: false },
      counts: { type: 'boolean', default: false },
      baseline: { type: 'string' },
      sample: { type: 'string' },
      json: { type: 'boolean', default: false },
      seed: { type: 'string', default: '7' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n\n')[0]!.replace(/^\/\/ ?/gm, '') + '\n');
    return 0;
  }
  const corpus = resolve(values.corpus ?? DEFAULT_CORPUS);
  if (!existsSync(corpus)) {
    process.stderr.write(`ecosystem: no corpus at ${corpus}\n`);
    return 2;
  }
  const findings = await checkCorpus(corpus);
  if (values.json) {
    process.stdout.write(JSON.stringify(findings, null, 1) + '\n');
    return 0;
  }
  if (values.sample !== undefined) {
    process.stdout.write(formatSample(corpus, findings, Number(values.sample), Number(values.seed)));
    return 0;
  }
  if (values.counts) {
    const counts = formatCounts(findings);
    process.stdout.write(values.baseline ? compareCounts(readFileSync(values.baseline, 'utf8'), counts) : counts);
    return 0;
  }
  const snapshotFile = resolve(values.snapshot ?? (values.corpus ? join(corpus, '..', 'snapshot.txt') : DEFAULT_SNAPSHOT));
  const actual = formatSnapshot(findings);
  if (values.update) {
    const before = existsSync(snapshotFile) ? readFileSync(snapshotFile, 'utf8') : '';
    writeFileSync(snapshotFile, actual);
    const diff = snapshotDiff(before, actual);
    process.stdout.write(diff ? `${diff}\nupdated ${snapshotFile}: review the diff above\n` : `${snapshotFile} unchanged\n`);
    return 0;
  }
  const expected = existsSync(snapshotFile) ? readFileSync(snapshotFile, 'utf8') : '';
  const diff = snapshotDiff(expected, actual);
  if (!diff) {
    process.stdout.write(`ecosystem: ${findings.length} findings, same as ${snapshotFile}\n`);
    return 0;
  }
  process.stdout.write(`${diff}\necosystem: the findings differ from ${snapshotFile} (- committed, + now).\n` +
    'If the change is intended, run `npm run ecosystem -- --update` and commit the snapshot with the change.\n');
  return 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`ecosystem: ${(e as Error).stack ?? e}\n`);
      process.exit(2);
    },
  );
}
