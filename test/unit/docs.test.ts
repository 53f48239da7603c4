// Rule docs and the README table are generated; this fails when they are stale (run `npm run docs`).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { rulePage, withRulesTable } from '../../src/docs/rule-docs.js';
import { RULES } from '../../src/rules/index.js';

test('every rule page is up to date', () => {
  for (const rule of RULES) {
    const file = `docs/rules/${rule.meta.id}.md`;
    assert.ok(existsSync(file), `${file} is missing: run npm run docs`);
    assert.equal(readFileSync(file, 'utf8'), rulePage(rule), `${file} is stale: run npm run docs`);
  }
});

test('no page for a rule that no longer exists', () => {
  const ids = new Set(RULES.map((r) => `${r.meta.id}.md`));
  assert.deepEqual(readdirSync('docs/rules').filter((f) => !ids.has(f)), []);
});

test('the README rule table is up to date', () => {
  const readme = readFileSync('README.md', 'utf8');
  assert.equal(readme, withRulesTable(readme, RULES), 'README.md rule table is stale: run npm run docs');
});
