import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { formatSarif } from '../../../src/report/sarif.js';
import { input } from './fixture.js';

// The SARIF 2.1.0 (rtm.5) JSON schema as Microsoft's SARIF SDK ships it; it is draft-04, hence ajv-draft-04.
const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));

function validator() {
  // Both packages are CommonJS: under NodeNext the default import is module.exports, whose `.default` is the export.
  // The schema has a pattern that is not valid with the `u` flag, so Ajv must build plain RegExps.
  const ajv = new Ajv04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

test('sarif: output validates against the SARIF 2.1.0 schema', () => {
  const validate = validator();
  const log = JSON.parse(formatSarif(input()));
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  // The empty result too.
  assert.ok(validate(JSON.parse(formatSarif(input({ result: { findings: [], errors: [] } })))), JSON.stringify(validate.errors));
});

test('sarif: the schema check can fail', () => {
  const validate = validator();
  const log = JSON.parse(formatSarif(input()));
  log.runs[0].results[0].level = 'fatal';
  assert.equal(validate(log), false);
  const log2 = JSON.parse(formatSarif(input()));
  log2.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
  assert.equal(validate(log2), false);
});

test('sarif: fields GitHub code scanning needs', () => {
  const log = JSON.parse(formatSarif(input()));
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const { driver } = log.runs[0].tool;
  assert.equal(driver.name, 'slipway');
  assert.equal(driver.version, '1.2.3');
  const ids = driver.rules.map((r: { id: string }) => r.id);
  // Known rules first, then one synthesised for a finding without RuleInfo, then parse-error for file errors.
  assert.deepEqual(ids, ['pin-base-image', 'cmd-exec-form', 'label-style', 'parse-error']);
  assert.equal(driver.rules[0].defaultConfiguration.level, 'error');
  assert.equal(driver.rules[0].properties['security-severity'], '7.5');
  assert.equal(driver.rules[1].properties['security-severity'], undefined);

  const results = log.runs[0].results;
  assert.deepEqual(
    results.map((r: { ruleId: string; ruleIndex: number; level: string }) => [r.ruleId, r.ruleIndex, r.level]),
    [
      ['pin-base-image', 0, 'error'],
      ['cmd-exec-form', 1, 'warning'],
      ['label-style', 2, 'note'],
      ['parse-error', 3, 'error'],
    ],
  );
  for (const r of results) assert.equal(ids[r.ruleIndex], r.ruleId);
  assert.deepEqual(results[1].locations[0].physicalLocation, {
    artifactLocation: { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' },
    region: { startLine: 12, startColumn: 3, endLine: 13, endColumn: 8 },
  });
  // Absolute paths become relative to cwd.
  assert.equal(results[2].locations[0].physicalLocation.artifactLocation.uri, 'api/Dockerfile');
  // A file error without a position points at the file's start.
  assert.deepEqual(results[3].locations[0].physicalLocation.region, { startLine: 1, startColumn: 1 });
});

test('sarif: uri segments are percent-encoded', () => {
  const base = input().result.findings[0]!;
  const log = JSON.parse(formatSarif(input({ result: { findings: [{ ...base, file: '/repo/my app/Dockerfile#1' }], errors: [] } })));
  assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'my%20app/Dockerfile%231');
});
