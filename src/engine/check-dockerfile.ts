// Runs the Dockerfile rules over one file's text: parse, check, suppress, and (on request) fix.

import { parseDockerfile } from '../parse/dockerfile/parse.js';
import type { Dockerfile } from '../parse/dockerfile/model.js';
import type { ProjectFacts } from '../project/facts.js';
import type { DockerfileRule, Report, RuleSettings } from '../rules/types.js';
import type { FileError, Finding } from '../types.js';
import type { ActiveRule } from './effective-rules.js';
import { applyEdits, MAX_FIX_PASSES } from './fix.js';
import { toFinding } from './finding.js';
import { findSuppressions } from './suppressions.js';

export interface DockerfileCheckOptions {
  rules: ActiveRule[];
  settings: RuleSettings;
  project: ProjectFacts;
}

export interface FileCheck {
  findings: Finding[];
  errors: FileError[];
}

/** Thrown when a rule itself fails: a bug in slipway, exit 2 (never reported as a finding). */
export class RuleCrash extends Error {
  override name = 'RuleCrash';
  constructor(readonly ruleId: string, readonly file: string, readonly cause: unknown) {
    super(`internal error in rule ${ruleId} on ${file}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export function checkDockerfileText(text: string, file: string, options: DockerfileCheckOptions): FileCheck {
  let df: Dockerfile;
  try {
    df = parseDockerfile(text, file);
  } catch (e) {
    // dockerfile-ast is error-tolerant; this is a last line of defence, never a stack trace.
    return { findings: [], errors: [{ file, line: 1, column: 1, message: `cannot parse: ${(e as Error).message}` }] };
  }
  return { findings: runRules(df, options), errors: [] };
}

export function runRules(df: Dockerfile, options: DockerfileCheckOptions): Finding[] {
  const suppressions = findSuppressions(df);
  const findings: Finding[] = [];
  for (const { rule, severity } of options.rules) {
    if (rule.meta.target !== 'dockerfile') continue;
    const report = (r: Report) => {
      const finding = toFinding(rule.meta, severity, df.path, df.lines, suppressions, r);
      if (finding) findings.push(finding);
    };
    try {
      (rule as DockerfileRule).check({ df, settings: options.settings, project: options.project, report });
    } catch (e) {
      throw new RuleCrash(rule.meta.id, df.path, e);
    }
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

/** Fixes until stable; returns the final text (unchanged when nothing was fixable). */
export function fixDockerfileText(text: string, file: string, options: DockerfileCheckOptions): string {
  let current = text;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const { findings, errors } = checkDockerfileText(current, file, options);
    if (errors.length) break;
    const fixes = findings.flatMap((f) => (f.fix ? [f.fix] : []));
    if (!fixes.length) break;
    const { text: next, applied } = applyEdits(current, fixes);
    if (applied === 0 || next === current) break;
    current = next;
  }
  return current;
}
