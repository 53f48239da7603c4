// Rule metadata as the formatters need it (SARIF rule descriptors, help links).

import type { Rule } from '../rules/types.js';
import type { RuleInfo } from './types.js';

export const DOCS_BASE = 'https://github.com/slipway-dev/slipway/blob/main/docs/rules/';

export function ruleInfos(rules: readonly Rule[]): RuleInfo[] {
  return rules.map((r) => ({
    id: r.meta.id,
    aliases: r.meta.aliases,
    severity: r.meta.severity,
    title: r.meta.title,
    description: r.meta.description,
    helpUri: `${DOCS_BASE}${r.meta.id}.md`,
    fixable: r.meta.fixable,
    category: r.meta.category,
  }));
}
