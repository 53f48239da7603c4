// A finding's edits (`fix`) never leave slipway: `check` hands the reports its findings as they are, edits
// included (a copy of every finding without them cost memory, issue 15), so each format must write a
// finding's fields one by one. Every format, on a finding whose edit text and offsets are unmistakable.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FORMAT_NAMES, reportPieces } from '../../../src/report/index.js';
import { input } from './fixture.js';

const EDIT = 'slipway-edit-text-never-shown';

for (const format of FORMAT_NAMES) {
  test(`the ${format} report shows no finding's edits`, () => {
    const report = input();
    const fixable = report.result.findings[0]!;
    fixable.fix = [{ start: 987_654_321, end: 987_654_329, text: EDIT }];
    const text = [...reportPieces[format](report)].join('');
    assert.ok(text.includes('pin-base-image'), 'the finding is in the report');
    assert.ok(!text.includes(EDIT), `${format}: the edit's text is in the report`);
    assert.ok(!text.includes('987654321'), `${format}: the edit's offset is in the report`);
  });
}
