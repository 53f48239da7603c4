// Every rule's metadata is complete, its ids are unique, and its own bad/good examples behave.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDockerfileText } from '../../src/engine/check-dockerfile.js';
import { NO_FACTS } from '../../src/project/facts.js';
import { RULES } from '../../src/rules/index.js';
import { isDockerfileRule, type ProjectRule } from '../../src/rules/types.js';
import { compareText } from '../../src/util/compare-text.js';
import { runProjectRule } from '../rules/project-harness.js';

/** Project rules whose examples are one file: the file name to give it. */
const EXAMPLE_FILE: Record<string, string> = { compose: 'docker-compose.yml', workflow: '.github/workflows/docker.yml' };

const settings = { trustedRegistries: [], labelSchema: {}, strictLabels: false };

test('ids and aliases are unique across rules', () => {
  const seen = new Map<string, string>();
  for (const r of RULES) {
    assert.match(r.meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${r.meta.id} is not kebab-case`);
    assert.ok(!seen.has(r.meta.id), `duplicate id ${r.meta.id}`);
    seen.set(r.meta.id, r.meta.id);
  }
});

test('the table is in compareText order of ids (docs, --help and reports list rules in it)', () => {
  const ids = RULES.map((r) => r.meta.id);
  assert.deepEqual(ids, [...ids].sort(compareText));
});

for (const rule of RULES) {
  test(`${rule.meta.id}: metadata is complete and examples behave`, () => {
    const m = rule.meta;
    for (const key of ['title', 'description', 'bad', 'good'] as const) assert.ok(m[key].trim(), `${m.id}.${key} is empty`);
    if (!isDockerfileRule(rule)) {
      const name = EXAMPLE_FILE[m.target];
      if (!name) return; // context and env examples need a real folder: their rule tests cover them
      const run = (code: string) => runProjectRule(rule as ProjectRule, { files: { [name]: code }, settings: m.example?.settings }).result.findings;
      assert.ok(run(m.bad).length > 0, `${m.id}: its 'bad' example does not trigger it`);
      assert.deepEqual(run(m.good).map((f) => f.message), [], `${m.id}: its 'good' example triggers it`);
      return;
    }
    const run = (code: string) =>
      checkDockerfileText(code, 'Dockerfile', {
        rules: [{ rule, severity: m.severity }],
        settings: { ...settings, ...m.example?.settings },
        project: { ...NO_FACTS, ...m.example?.project },
      }).findings;
    assert.ok(run(m.bad).length > 0, `${m.id}: its 'bad' example does not trigger it`);
    assert.deepEqual(run(m.good).map((f) => f.message), [], `${m.id}: its 'good' example triggers it`);
  });
}
