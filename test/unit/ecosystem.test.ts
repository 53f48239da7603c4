// The ecosystem check: the findings on test/ecosystem/corpus must equal the reviewed snapshot.
// A change in any rule's behaviour on these projects fails here with a diff; if it is intended,
// `npm run ecosystem -- --update` rewrites the snapshot and the diff goes into the same commit.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkCorpus, compareCounts, DEFAULT_CORPUS, DEFAULT_SNAPSHOT, formatCounts, formatSnapshot, snapshotDiff } from '../../scripts/ecosystem.js';

test('findings on the ecosystem corpus equal test/ecosystem/snapshot.txt', async () => {
  const actual = formatSnapshot(await checkCorpus(DEFAULT_CORPUS));
  const diff = snapshotDiff(readFileSync(DEFAULT_SNAPSHOT, 'utf8'), actual);
  if (diff) {
    assert.fail(
      `the findings on test/ecosystem/corpus changed (- snapshot, + now):\n\n${diff}\n` +
        'If this is intended, run `npm run ecosystem -- --update`, review the diff and commit the snapshot.',
    );
  }
});

test('the snapshot diff names the finding that changed', () => {
  const before = formatSnapshot([{ project: 'p', file: 'Dockerfile', line: 3, severity: 'warning', rule: 'run-cd', message: '' }]);
  const after = formatSnapshot([{ project: 'p', file: 'Dockerfile', line: 4, severity: 'warning', rule: 'run-cd', message: '' }]);
  const diff = snapshotDiff(before, after)!;
  assert.match(diff, /^-p\/Dockerfile:3 {2}warning {2}run-cd$/m);
  assert.match(diff, /^\+p\/Dockerfile:4 {2}warning {2}run-cd$/m);
  assert.equal(snapshotDiff(before, before), null);
});

test('counts per rule, and before/after side by side', () => {
  const f = (rule: string, line: number) => ({ project: 'p', file: 'Dockerfile', line, severity: 'warning', rule, message: '' });
  const before = formatCounts([f('run-cd', 1), f('run-cd', 2), f('shell-syntax', 3)]);
  assert.match(before, /^run-cd\twarning\t2\t1\t1$/m);
  const after = formatCounts([f('run-cd', 1), f('copy-from-root', 4)]);
  const table = compareCounts(before, after);
  assert.match(table, /^run-cd\twarning\t2\t1\t-1$/m);
  assert.match(table, /^shell-syntax\twarning\t1\t0\t-1$/m);
  assert.match(table, /^copy-from-root\twarning\t0\t1\t\+1$/m);
  assert.match(table, /^TOTAL\t\t3\t2\t-1$/m);
});
