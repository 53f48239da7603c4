import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatGitlab } from '../../../src/report/gitlab.js';
import { input } from './fixture.js';

test('gitlab: code quality issues with severities and relative paths', () => {
  const issues = JSON.parse(formatGitlab(input()));
  assert.deepEqual(
    issues.map((i: { check_name: string; severity: string; location: unknown }) => [i.check_name, i.severity, i.location]),
    [
      ['pin-base-image', 'major', { path: 'Dockerfile', lines: { begin: 1 } }],
      ['cmd-exec-form', 'minor', { path: 'Dockerfile', lines: { begin: 12 } }],
      ['label-style', 'info', { path: 'api/Dockerfile', lines: { begin: 2 } }],
      ['parse-error', 'major', { path: 'worker/Dockerfile', lines: { begin: 1 } }],
    ],
  );
  assert.deepEqual(Object.keys(issues[0]), ['description', 'check_name', 'fingerprint', 'severity', 'location']);
});

test('gitlab: fingerprints are sha1, stable across runs, distinct per issue', () => {
  const a = JSON.parse(formatGitlab(input())).map((i: { fingerprint: string }) => i.fingerprint);
  const b = JSON.parse(formatGitlab(input())).map((i: { fingerprint: string }) => i.fingerprint);
  assert.deepEqual(a, b);
  for (const f of a) assert.match(f, /^[0-9a-f]{40}$/);
  assert.equal(new Set(a).size, a.length);
  // Moving a finding to another line changes its fingerprint.
  const base = input().result.findings[0]!;
  const moved = JSON.parse(formatGitlab(input({ result: { findings: [{ ...base, line: 2 }], errors: [] } })));
  assert.notEqual(moved[0].fingerprint, a[0]);
});
