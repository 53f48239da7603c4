// Writes docs/rules/<id>.md for every rule and the rule table in README.md, from rule metadata.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rulePage, withRulesTable } from '../src/docs/rule-docs.js';
import { RULES } from '../src/rules/index.js';

mkdirSync('docs/rules', { recursive: true });
const keep = new Set(RULES.map((r) => `${r.meta.id}.md`));
for (const f of readdirSync('docs/rules')) if (!keep.has(f)) rmSync(`docs/rules/${f}`);
for (const rule of RULES) writeFileSync(`docs/rules/${rule.meta.id}.md`, rulePage(rule));
writeFileSync('README.md', withRulesTable(readFileSync('README.md', 'utf8'), RULES));
console.log(`wrote ${RULES.length} rule pages and the README table`);
