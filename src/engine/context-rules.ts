// The build-context rules, run a Dockerfile at a time: each is started once per check, then judges the
// contexts of each Dockerfile as soon as the check is done with it, so a check need not hold every context
// and Dockerfile text to the end for them (issue 15). What they find is kept per rule and joins the report
// where the project phase puts the rule: the report is the same as when they ran after every Dockerfile.

import type { BuildContext } from '../parse/context/context.js';
import type { ProjectModel, SourceFile } from '../project/model.js';
import type { ContextRule, FileReport, RuleMeta, RuleSettings } from '../rules/types.js';
import type { Finding, Severity } from '../types.js';
import type { ActiveRule } from './effective-rules.js';
import { toFinding } from './finding.js';
import { findLineSuppressions } from './line-suppressions.js';
import { RuleCrash } from './rule-crash.js';
import type { Suppression } from './suppressions.js';

/** One context rule in one check: its judge, and what it found so far. */
export interface ContextRun {
  rule: ContextRule;
  judge: (c: BuildContext) => void;
  findings: Finding[];
  suppressed: Finding[];
}

/** The `#` pragmas of each file a project rule reported on, found once per file. */
export type LineSuppressionsOf = Map<SourceFile, Suppression[]>;

/** A project rule's report function: a finding, or a suppressed one, into the lists given. */
export function projectReport(
  meta: RuleMeta,
  severity: Severity,
  suppressionsOf: LineSuppressionsOf,
  findings: Finding[],
  suppressed: Finding[],
): (r: FileReport) => void {
  return (r) => {
    let pragmas = suppressionsOf.get(r.file);
    if (!pragmas) suppressionsOf.set(r.file, (pragmas = findLineSuppressions(r.file.lines)));
    const finding = toFinding(meta, severity, r.file.path, r.file.lines, pragmas, r);
    if (finding) findings.push(finding);
    else suppressed.push(toFinding(meta, severity, r.file.path, r.file.lines, [], r)!);
  };
}

/** Starts each context rule for a check of `project`. */
export function startContextRules(active: readonly ActiveRule[], project: ProjectModel, settings: RuleSettings, suppressionsOf: LineSuppressionsOf): ContextRun[] {
  const runs: ContextRun[] = [];
  for (const { rule, severity } of active) {
    const findings: Finding[] = [];
    const suppressed: Finding[] = [];
    const report = projectReport(rule.meta, severity, suppressionsOf, findings, suppressed);
    try {
      runs.push({ rule: rule as ContextRule, judge: (rule as ContextRule).start({ project, settings, report }), findings, suppressed });
    } catch (e) {
      throw new RuleCrash(rule.meta.id, project.root, e);
    }
  }
  return runs;
}

/** Every started rule judges these contexts (one Dockerfile's, in contextsOf's order). */
export function judgeContexts(runs: readonly ContextRun[], contexts: readonly BuildContext[], root: string): void {
  for (const run of runs) {
    for (const c of contexts) {
      try {
        run.judge(c);
      } catch (e) {
        throw new RuleCrash(run.rule.meta.id, root, e);
      }
    }
  }
}
