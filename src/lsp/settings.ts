// The editor's `slipway` settings (workspace/configuration), laid over .slipway.yaml:
//   "slipway": { "failureThreshold": "warning", "rules": { "cmd-exec-form": "off", "DL3008": "error" } }
// A setting the server does not understand is named in a warning and left out, never fatal.

import type { Threshold } from '../config/config.js';
import { knownRuleNames, type RuleLevel } from '../engine/effective-rules.js';
import { RULES } from '../rules/index.js';
import { SEVERITIES } from '../types.js';

export interface EditorSettings {
  failureThreshold?: Threshold;
  /** Rule id or alias → level, over the config's `rules:`. */
  rules: Record<string, RuleLevel>;
}

export const NO_SETTINGS: EditorSettings = { rules: {} };

const THRESHOLDS: readonly string[] = [...SEVERITIES, 'none'];
const LEVELS: readonly string[] = [...SEVERITIES, 'off'];

export function parseSettings(raw: unknown): { settings: EditorSettings; problems: string[] } {
  const problems: string[] = [];
  const settings: EditorSettings = { rules: {} };
  if (raw === null || raw === undefined) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { settings, problems: ['slipway settings: expected an object'] };
  const { failureThreshold, rules, ...rest } = raw as Record<string, unknown>;
  for (const key of Object.keys(rest)) problems.push(`slipway settings: unknown setting '${key}' (use failureThreshold, rules)`);
  if (failureThreshold !== undefined && failureThreshold !== null) {
    if (typeof failureThreshold === 'string' && THRESHOLDS.includes(failureThreshold)) settings.failureThreshold = failureThreshold as Threshold;
    else problems.push(`slipway settings: failureThreshold must be one of ${THRESHOLDS.join(', ')}`);
  }
  if (rules !== undefined && rules !== null) {
    if (typeof rules !== 'object' || Array.isArray(rules)) problems.push('slipway settings: rules must map rule ids to a level');
    else {
      const known = knownRuleNames(RULES);
      for (const [name, level] of Object.entries(rules)) {
        if (!known.has(name.toLowerCase())) problems.push(`slipway settings: unknown rule '${name}'`);
        else if (typeof level !== 'string' || !LEVELS.includes(level)) problems.push(`slipway settings: rule '${name}' must be one of ${LEVELS.join(', ')}`);
        else settings.rules[name] = level as RuleLevel;
      }
    }
  }
  return { settings, problems };
}
