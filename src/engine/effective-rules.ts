// Which rules run, at which severity: rule defaults, then config (by id or alias).

import type { Rule } from '../rules/types.js';
import type { Severity } from '../types.js';

export type RuleLevel = Severity | 'off';

export interface ActiveRule {
  rule: Rule;
  severity: Severity;
}

/** `overrides` keys are rule ids or aliases (case-insensitive). */
export function activeRules(rules: readonly Rule[], overrides: Record<string, RuleLevel>): ActiveRule[] {
  const lowered = new Map(Object.entries(overrides).map(([k, v]) => [k.toLowerCase(), v]));
  const out: ActiveRule[] = [];
  for (const rule of rules) {
    const keys = [rule.meta.id, ...rule.meta.aliases].map((k) => k.toLowerCase());
    const level = keys.map((k) => lowered.get(k)).find((v) => v !== undefined);
    if (level === 'off') continue;
    if (level === undefined && rule.meta.off) continue;
    out.push({ rule, severity: level ?? rule.meta.severity });
  }
  return out;
}

/** Every id and alias a user may name, for validating config and pragmas. */
export function knownRuleNames(rules: readonly Rule[]): Set<string> {
  const names = new Set<string>();
  for (const r of rules) for (const k of [r.meta.id, ...r.meta.aliases]) names.add(k.toLowerCase());
  return names;
}
