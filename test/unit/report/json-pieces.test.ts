// The JSON report is made in pieces (check writes them as they come); joined, they must be byte for byte
// what one JSON.stringify(report, null, 2) gives, which is what every earlier version printed.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prng } from '../../../bench/prng.js';
import type { ChecklistItem } from '../../../src/checklist/index.js';
import { formatJson, jsonReportPieces } from '../../../src/report/json.js';
import type { ReportInput } from '../../../src/report/types.js';
import type { Finding } from '../../../src/types.js';

/** The report as one JSON.stringify, as json.ts made it before it made pieces. */
function oneString({ result, checklist }: ReportInput): string {
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

const MESSAGES = ['plain', 'with "quotes" and \\ backslash', 'line\nbreak\r\nand\ttab', 'unicode é ü 漢 \u2028 \u2029 \u0000', '', '{"json": [1, 2]}'];

function input(seed: number): ReportInput {
  // mulberry32 (bench/prng.ts): every bit varies (a plain LCG's low bits cycle: 500 seeds made 3 findings in all)
  const random = prng(seed);
  const next = (n: number) => Math.floor(random() * n);
  const finding = (i: number): Finding => ({
    rule: `rule-${i}`,
    aliases: next(2) ? [] : ['DL3008', 'X'].slice(0, 1 + next(2)),
    severity: (['error', 'warning', 'info', 'style'] as const)[next(4)]!,
    file: next(2) ? 'Dockerfile' : 'svc/a b/Dockerfile',
    line: 1 + next(500),
    column: 1 + next(80),
    endLine: 1 + next(500),
    endColumn: 1 + next(80),
    message: MESSAGES[next(MESSAGES.length)]!,
    fixable: next(2) === 0,
    ...(next(3) === 0 ? { fix: [{ start: 1, end: 2, text: 'x' }] } : {}),
    ...(next(4) === 0 ? { image: { ref: 'app:1', layer: next(9), path: next(2) ? '/etc/x' : undefined } as unknown as Finding['image'] } : {}),
  });
  const checklist: ChecklistItem[] = Array.from({ length: next(4) }, (_, i) => ({
    id: `item-${i}`,
    title: MESSAGES[next(MESSAGES.length)]!,
    status: 'pass' as ChecklistItem['status'],
    ...(next(2) ? { reason: 'because' } : {}),
    evidence: Array.from({ length: next(3) }, () => ({ file: 'Dockerfile', line: 1 + next(9) })),
  }));
  return {
    result: {
      findings: Array.from({ length: next(4) === 0 ? 0 : 1 + next(30) }, (_, i) => finding(i)),
      errors: Array.from({ length: next(3) === 0 ? 0 : next(3) }, (_, i) => ({ file: `f${i}`, line: 1, column: 2, message: MESSAGES[next(MESSAGES.length)]! })),
    },
    rules: [],
    version: '0',
    color: false,
    cwd: '/',
    ...(next(3) ? { checklist } : {}),
  };
}

test('the pieces joined are the one-string report, on 500 generated reports', () => {
  let findings = 0;
  for (let seed = 1; seed <= 500; seed++) {
    const i = input(seed);
    findings += i.result.findings.length;
    assert.equal(formatJson(i), oneString(i), `seed ${seed}`);
  }
  assert.ok(findings > 3000, `${findings} findings in all`);
});

test('an empty report, with and without a checklist', () => {
  const empty: ReportInput = { result: { findings: [], errors: [] }, rules: [], version: '0', color: false, cwd: '/' };
  assert.equal(formatJson(empty), '{\n  "findings": [],\n  "errors": []\n}\n');
  assert.equal(formatJson({ ...empty, checklist: [] }), oneString({ ...empty, checklist: [] }));
});

test('one piece per finding: the report is never made as one string', () => {
  const i = input(7);
  const pieces = [...jsonReportPieces(i)];
  assert.ok(pieces.length >= i.result.findings.length, `${pieces.length} pieces for ${i.result.findings.length} findings`);
  assert.ok(Math.max(...pieces.map((p) => p.length)) < 1000);
});
