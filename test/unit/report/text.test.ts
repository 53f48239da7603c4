import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatText } from '../../../src/report/text.js';
import { input } from './fixture.js';

const ANSI = /\u001B\[/;

test('text: without color, no ANSI escapes; grouped, aligned, summarised', () => {
  const out = formatText(input({ color: false }));
  assert.doesNotMatch(out, ANSI);
  const [, first, second] = out.split('\n');
  assert.equal(first!.indexOf('pin-base-image'), second!.indexOf('cmd-exec-form'), 'rule column aligned');
  assert.equal(
    out,
    [
      'Dockerfile',
      '  1:1   error    Pin the base image: "node:latest" moves              pin-base-image (DL3006, DL3007)',
      '  12:3  warning  Use exec form: 100% of <signals>, & more, see: docs  cmd-exec-form',
      '',
      'api/Dockerfile',
      '  2:1  style  Label keys should be lower-case  label-style',
      '',
      'worker/Dockerfile',
      "  0:0  error  Unterminated heredoc 'EOF'  parse-error",
      '',
      '✖ 4 problems (2 errors, 1 warning, 0 info, 1 style), 1 fixable with --fix',
      '',
    ].join('\n'),
  );
});

test('text: with color, ANSI escapes present and the plain text unchanged', () => {
  const out = formatText(input({ color: true }));
  assert.match(out, ANSI);
  assert.match(out, /\u001B\[31merror/); // errors in red
  assert.equal(out.replace(/\u001B\[\d+m/g, ''), formatText(input({ color: false })));
});

test('text: terminal control characters in messages are neutralised', () => {
  const base = input().result.findings[0]!;
  const out = formatText(input({ result: { findings: [{ ...base, message: 'evil \u001B[2J' }], errors: [] } }));
  assert.doesNotMatch(out, ANSI);
});

test('text: nothing found', () => {
  assert.equal(formatText(input({ result: { findings: [], errors: [] } })), 'No problems found.\n');
  assert.equal(formatText(input({ color: true, result: { findings: [], errors: [] } })), 'No problems found.\n');
});

test('text: no fixable part when nothing is fixable', () => {
  const findings = input().result.findings.filter((f) => !f.fixable);
  const out = formatText(input({ result: { findings, errors: [] } }));
  assert.match(out, /✖ 2 problems \(0 errors, 1 warning, 0 info, 1 style\)\n$/);
});

test('text: the checklist after the findings, with marks and evidence', () => {
  const checklist = [
    { id: 'non-root-user', title: 'Running as non-root user', status: 'pass' as const, evidence: [{ file: '/repo/Dockerfile', line: 14 }] },
    { id: 'cmd-exec-form', title: 'CMD uses array syntax', status: 'fail' as const, evidence: [1, 2, 3, 4].map((line) => ({ file: 'Dockerfile', line })) },
    { id: 'server-contents', title: 'Server only contains compose file, .env, and data volumes', status: 'n/a' as const, evidence: [] },
  ];
  const out = formatText(input({ checklist }));
  const tail = out.slice(out.indexOf('\nBefore deploying'));
  assert.ok(out.indexOf('✖') < out.indexOf('Before deploying'), 'after the summary');
  assert.match(tail, /^  ✓ Running as non-root user +Dockerfile:14$/m);
  assert.match(tail, /^  ✗ CMD uses array syntax +Dockerfile:1, Dockerfile:2, Dockerfile:3, \+1 more$/m);
  assert.match(tail, /^  – Server only contains compose file, \.env, and data volumes +n\/a$/m);
  assert.match(tail, /1 of 2 applicable items pass\n$/);
  const clean = formatText(input({ result: { findings: [], errors: [] }, checklist }));
  assert.ok(clean.startsWith('No problems found.\n\nBefore deploying'));
  assert.doesNotMatch(formatText(input({ checklist, color: false })), ANSI);
  assert.match(formatText(input({ checklist, color: true })), /\u001B\[32m✓/);
});

test('text: accepted and unverified items say so and why, and are not counted as passing', () => {
  const checklist = [
    { id: 'non-root-user', title: 'Running as non-root user', status: 'accepted' as const, reason: 'a finding is suppressed', evidence: [{ file: 'Dockerfile', line: 5 }] },
    { id: 'healthcheck', title: 'HEALTHCHECK defined', status: 'unverified' as const, reason: 'Dockerfile has errors', evidence: [{ file: 'Dockerfile', line: 1 }] },
    { id: 'slim-base-image', title: 'Using `-slim` base image', status: 'pass' as const, evidence: [{ file: 'Dockerfile', line: 1 }] },
  ];
  const tail = formatText(input({ checklist }));
  assert.match(tail, /^  ~ Running as non-root user +accepted: a finding is suppressed \(Dockerfile:5\)$/m);
  assert.match(tail, /^  \? HEALTHCHECK defined +unverified: Dockerfile has errors \(Dockerfile:1\)$/m);
  assert.match(tail, /1 of 3 applicable items pass \(1 accepted, 1 unverified\)\n$/);
});
