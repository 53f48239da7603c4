// Every compose rule's own bad example triggers it and its good example does not (with a Dockerfile
// beside it for the cross-file rules), and ids/aliases follow the anchors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { composeRules } from '../../src/rules/compose/index.js';
import { runProjectRule } from './project-harness.js';

const DOCKERFILE = 'FROM python:3.12-slim AS runtime\nEXPOSE 8000\nCMD ["python", "app.py"]\n';

for (const rule of composeRules) {
  test(`${rule.meta.id}: bad triggers, good does not`, () => {
    const run = (code: string) =>
      // A rule's example settings (deploy.engine: swarm for the Swarm rules) are those its bad example needs.
      runProjectRule(rule, { files: { 'compose.yaml': code, Dockerfile: DOCKERFILE }, ...(rule.meta.example?.settings ? { settings: rule.meta.example.settings } : {}) }).result.findings.map((f) => `${f.line}:${f.column} ${f.message}`);
    assert.ok(run(rule.meta.bad).length > 0, `${rule.meta.id}: its 'bad' example does not trigger it`);
    assert.deepEqual(run(rule.meta.good), [], `${rule.meta.id}: its 'good' example triggers it`);
    assert.equal(rule.meta.target, 'compose');
  });
}

test('every dclint rule is an alias of a compose rule', () => {
  const dclint = readFileSync(new URL('../fixtures/anchors/dclint-rules.tsv', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t')[0]!);
  const aliases = new Set(composeRules.flatMap((r) => r.meta.aliases));
  assert.deepEqual(dclint.filter((d) => !aliases.has(d)), []);
});
