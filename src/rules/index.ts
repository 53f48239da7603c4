// The table of all rules: the engine, the docs generator and the tests read it.

import { composeRules } from './compose/index.js';
import { contextRules } from './context/index.js';
import { guideRules } from './dockerfile/guide/index.js';
import { imageRules } from './dockerfile/image/index.js';
import { instructionRules } from './dockerfile/instructions/index.js';
import { packageRules } from './dockerfile/packages/index.js';
import { envRules } from './env/index.js';
import { imageAuditRules } from './image/index.js';
import type { Rule } from './types.js';
import { workflowRules } from './workflow/index.js';

const ALL: readonly Rule[] = [...guideRules, ...imageRules, ...instructionRules, ...packageRules, ...composeRules, ...workflowRules, ...contextRules, ...envRules, ...imageAuditRules];
// Sorted by id, in compareText's order. Ids are kebab-case (test/unit/rule-meta.test.ts), and for those
// that order is plain code-unit order ('-' < digits < letters), which the native sort gives without a
// comparator: a JavaScript comparator, ~1,000 calls in a still-cold interpreter, cost ~2 ms at every start.
const byId = new Map(ALL.map((r) => [r.meta.id, r]));
export const RULES: readonly Rule[] = ALL.map((r) => r.meta.id)
  .sort()
  .map((id) => byId.get(id)!);

export function ruleById(id: string): Rule | undefined {
  const lower = id.toLowerCase();
  return RULES.find((r) => r.meta.id === lower || r.meta.aliases.some((a) => a.toLowerCase() === lower));
}
