// Every format is made in pieces (check writes them as they come); joined, they must be byte for byte
// what the one-string formatters printed before (one-string.ts), on generated reports with the awkward
// cases: no findings, file errors without a position, rules missing from the table, ShellCheck codes,
// quotes, line breaks, control characters, U+2028, XML specials, paths inside and outside cwd, colour.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prng } from '../../../bench/prng.js';
import type { ChecklistItem } from '../../../src/checklist/index.js';
import { FORMAT_NAMES, formatters, reportPieces, type FormatName } from '../../../src/report/index.js';
import type { ReportInput, RuleInfo } from '../../../src/report/types.js';
import type { Finding } from '../../../src/types.js';
import { checkstyleOld, githubOld, gitlabOld, sarifOld, textOld } from './one-string.js';

const OLD: Partial<Record<FormatName, (i: ReportInput) => string>> = { sarif: sarifOld, gitlab: gitlabOld, github: githubOld, checkstyle: checkstyleOld, text: textOld };

const TEXTS = ['plain', 'with "quotes", \'single\' & <xml> \\ backslash', 'line\nbreak\r\nand\ttab', 'unicode é ü 漢 \u2028 \u2029 \u0000 \u001b[31m', '', '100% : , {"json": [1, 2]}', 'x'.repeat(300)];
const FILES = ['Dockerfile', 'svc/a b/Dockerfile', '/repo/api/Dockerfile', '/elsewhere/Dockerfile', 'we\u001bird\nname/compose.yml', 'ü/%20/.env'];
const RULE_IDS = ['pin-base-image', 'cmd-exec-form', 'SC2086', 'SC1091', 'unknown-rule', 'parse-error'];

function input(seed: number): ReportInput {
  // mulberry32 (bench/prng.ts): every bit varies (a plain LCG's low bits cycle: 500 seeds made 3 findings in all)
  const random = prng(seed);
  const next = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[next(xs.length)]!;
  const severity = () => pick(['error', 'warning', 'info', 'style'] as const);
  const rules: RuleInfo[] = RULE_IDS.slice(0, next(3) + (next(2) ? 0 : 2)).map((id) => ({
    id,
    aliases: next(2) ? [] : ['DL3008', 'X'].slice(0, 1 + next(2)),
    severity: severity(),
    title: pick(TEXTS),
    description: pick(TEXTS),
    helpUri: `https://example.com/${id}`,
    fixable: next(2) === 0,
    ...(next(2) ? { category: pick(['security', 'correctness', 'style']) } : {}),
  }));
  const finding = (): Finding => ({
    rule: pick(RULE_IDS),
    aliases: next(2) ? [] : ['DL3008', 'X'].slice(0, 1 + next(2)),
    severity: severity(),
    file: pick(FILES),
    line: 1 + next(500),
    column: 1 + next(80),
    endLine: 1 + next(500),
    endColumn: 1 + next(80),
    message: pick(TEXTS),
    fixable: next(2) === 0,
    ...(next(4) === 0 ? { image: { ref: 'app:1', layer: next(9), path: next(2) ? '/etc/x' : undefined } as unknown as Finding['image'] } : {}),
  });
  const checklist: ChecklistItem[] = Array.from({ length: next(4) }, (_, i) => ({
    id: `item-${i}`,
    title: pick(TEXTS),
    status: pick(['pass', 'fail', 'accepted', 'unverified', 'n/a'] as const),
    ...(next(2) ? { reason: pick(TEXTS) } : {}),
    evidence: Array.from({ length: next(5) }, () => ({ file: pick(FILES), line: 1 + next(9) })),
  }));
  return {
    result: {
      findings: Array.from({ length: next(4) === 0 ? 0 : 1 + next(40) }, finding),
      errors: Array.from({ length: next(3) === 0 ? 0 : next(3) }, () => ({ file: pick(FILES), line: next(3), column: next(3), message: pick(TEXTS) })),
    },
    rules,
    version: pick(['0', '1.2.3']),
    color: next(2) === 0,
    cwd: '/repo',
    ...(next(3) ? { checklist } : {}),
  };
}

test('every format: the pieces joined are the one-string report, on 500 generated reports', () => {
  let findings = 0;
  for (let seed = 1; seed <= 500; seed++) {
    const i = input(seed);
    findings += i.result.findings.length;
    for (const [name, old] of Object.entries(OLD)) {
      const pieces = [...reportPieces[name as FormatName](i)];
      assert.equal(pieces.join(''), old(i), `${name}, seed ${seed}`);
      assert.equal(formatters[name as FormatName](i), old(i), `${name} formatter, seed ${seed}`);
    }
  }
  assert.ok(findings > 5000, `${findings} findings in all`);
});

test('every format is in pieces: no piece grows with the number of findings', () => {
  const many = input(11);
  const some = Array.from({ length: 50 }, (_, n) => input(n + 1).result.findings).flat();
  many.result.findings = Array.from({ length: 2000 }, (_, n) => ({ ...some[n % some.length]!, line: n + 1 }));
  for (const name of FORMAT_NAMES) {
    const pieces = [...reportPieces[name](many)];
    const biggest = Math.max(...pieces.map((p) => p.length));
    assert.ok(pieces.length >= 2000, `${name}: ${pieces.length} pieces for 2,000 findings`);
    assert.ok(biggest < 20_000, `${name}: a piece of ${biggest} characters`);
  }
});
