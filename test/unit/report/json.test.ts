import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { formatJson } from '../../../src/report/json.js';
import { input } from './fixture.js';

const schema = JSON.parse(readFileSync(new URL('../../../schema/slipway-report.schema.json', import.meta.url), 'utf8'));

test('json: exact output, keys in order, no fix', () => {
  const expected = {
    findings: [
      { rule: 'pin-base-image', aliases: ['DL3006', 'DL3007'], severity: 'error', file: 'Dockerfile', line: 1, column: 1, endLine: 1, endColumn: 19, message: 'Pin the base image: "node:latest" moves', fixable: true },
      { rule: 'cmd-exec-form', aliases: [], severity: 'warning', file: 'Dockerfile', line: 12, column: 3, endLine: 13, endColumn: 8, message: 'Use exec form: 100% of <signals>, & more,\nsee: docs', fixable: false },
      { rule: 'label-style', aliases: [], severity: 'style', file: '/repo/api/Dockerfile', line: 2, column: 1, endLine: 2, endColumn: 5, message: 'Label keys should be lower-case', fixable: false },
    ],
    errors: [{ file: 'worker/Dockerfile', line: 0, column: 0, message: "Unterminated heredoc 'EOF'" }],
  };
  // Comparing strings (not parsed objects) checks key order, indent and the trailing newline too.
  assert.equal(formatJson(input()), JSON.stringify(expected, null, 2) + '\n');
  assert.ok(!formatJson(input()).includes('"fix"'));
});

test('json: empty result', () => {
  assert.equal(formatJson(input({ result: { findings: [], errors: [] } })), '{\n  "findings": [],\n  "errors": []\n}\n');
});

test('json: output validates against schema/slipway-report.schema.json', () => {
  const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);
  const ok = validate(JSON.parse(formatJson(input())));
  assert.ok(ok, JSON.stringify(validate.errors));
});

test('json schema: rejects extra keys and bad severities (it can fail)', () => {
  const validate = new Ajv({ strict: true }).compile(schema);
  const doc = JSON.parse(formatJson(input()));
  assert.equal(validate({ ...doc, extra: 1 }), false);
  assert.equal(validate({ ...doc, findings: [{ ...doc.findings[0], fix: [] }] }), false);
  assert.equal(validate({ ...doc, findings: [{ ...doc.findings[0], severity: 'fatal' }] }), false);
  assert.equal(validate({ findings: [] }), false);
});

const CHECKLIST = [
  { id: 'non-root-user', title: 'Running as non-root user', status: 'pass' as const, evidence: [{ file: 'Dockerfile', line: 14 }] },
  { id: 'cmd-exec-form', title: 'CMD uses array syntax', status: 'fail' as const, evidence: [{ file: 'Dockerfile', line: 4 }] },
  { id: 'server-contents', title: 'Server only contains compose file, .env, and data volumes', status: 'n/a' as const, evidence: [] },
];

test('json: the checklist comes after findings and errors, and validates', () => {
  const out = JSON.parse(formatJson(input({ checklist: CHECKLIST }))) as Record<string, unknown>;
  assert.deepEqual(Object.keys(out), ['findings', 'errors', 'checklist']);
  assert.deepEqual(out.checklist, CHECKLIST);
  assert.deepEqual(Object.keys(out.checklist[0]), ['id', 'title', 'status', 'evidence']);
  const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);
  assert.ok(validate(out), JSON.stringify(validate.errors));
  assert.equal(validate({ ...out, checklist: [{ ...CHECKLIST[0]!, status: 'ok' }] }), false);
  assert.equal(validate({ ...out, checklist: [{ ...CHECKLIST[0]!, evidence: [{ file: 'x', line: 0 }] }] }), false);
});
