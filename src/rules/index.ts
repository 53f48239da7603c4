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
import { compareText } from '../util/compare-text.js';

export const RULES: readonly Rule[] = [...guideRules, ...imageRules, ...instructionRules, ...packageRules, ...composeRules, ...workflowRules, ...contextRules, ...envRules, ...imageAuditRules].sort((a, b) =>
  compareText(a.meta.id, b.meta.id),
);

export function ruleById(id: string): Rule | undefined {
  const lower = id.toLowerCase();
  return RULES.find((r) => r.meta.id === lower || r.meta.aliases.some((a) => a.toLowerCase() === lower));
}
