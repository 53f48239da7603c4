// Checks a whole project: Dockerfile rules per Dockerfile, then the build-context rules on its contexts
// (context-rules.ts), project rules (compose, workflow, env) once, analyzers' parse errors, suppressions; and fixes any file until stable.
// Pure: whatever the disk says is already in project.disk (load-disk.ts runs before, at the edge).

import { dockerfileFacts } from '../project/dockerfile-facts.js';
import { DockerfileEntry } from '../project/dockerfile-entry.js';
import { releaseDockerfile } from '../project/release-dockerfile.js';
import { releaseText } from '../project/released-text.js';
import type { ProjectFacts } from '../project/facts.js';
import { shippedTarget } from '../project/shipped-target.js';
import { composeBuilds } from '../project/compose-uses.js';
import { selectShipped } from '../parse/dockerfile/shipped.js';
import { ANALYZERS } from '../project/analyzers.js';
import type { ProjectModel, SourceFile } from '../project/model.js';
import type { Dockerfile } from '../parse/dockerfile/model.js';
import { forgetShells } from '../parse/dockerfile/parse.js';
import { isContextRule, isDockerfileRule, isImageRule, type DockerfileContext, type DockerfileRule, type ProjectRule, type Report, type RuleMeta, type RuleSettings } from '../rules/types.js';
import type { CheckResult, Finding, Severity, TextEdit } from '../types.js';
import { RuleCrash } from './rule-crash.js';
import { findSuppressions } from './suppressions.js';
import { judgeContexts, projectReport, startContextRules, type LineSuppressionsOf } from './context-rules.js';
import { contextsFor, forgetContexts } from '../parse/context/context.js';
import { forgetSources } from '../parse/context/missing-sources.js';
import type { ActiveRule } from './effective-rules.js';
import { applyEdits, MAX_FIX_PASSES } from './fix.js';
import { toFinding } from './finding.js';
import { compareText } from '../util/compare-text.js';
import { withFileMemo } from '../rules/dockerfile/file-memo.js';

export interface ProjectCheckOptions {
  rules: ActiveRule[];
  settings: RuleSettings;
  /** The stage that ships (`--target`); default: a production compose file's build.target, else the last stage. */
  target?: string;
  /**
   * The Dockerfile rules' facts given as data (tests of Dockerfile rules); default: derived from the
   * project and its disk facts (dockerfile-facts.ts).
   */
  factsFor?: (dockerfile: SourceFile, project: ProjectModel) => ProjectFacts;
  /**
   * Where a Dockerfile's rule findings come from: `run` computes them. The language server answers
   * from its last keystroke's when the parse, the shipped stage, the facts and the rules are the same.
   */
  dockerfileFindings?: (dockerfile: SourceFile, df: Dockerfile, facts: ProjectFacts, run: () => DockerfileFindings) => DockerfileFindings;
  /**
   * Called with each Dockerfile just before its rules run (`check` takes ShellCheck's scripts here). The
   * RUN shells parsed by either are dropped once the rules ran: a check keeps one file's at a time.
   */
  eachDockerfile?: (dockerfile: SourceFile, df: Dockerfile) => void;
  /**
   * Called with each Dockerfile first, before its model is read (`check` loads the disk facts that
   * follow from its COPY/ADD sources here: load-disk.ts's loadDockerfileDiskFacts).
   */
  beforeDockerfile?: (dockerfile: SourceFile) => void;
  /**
   * Drop each Dockerfile's model once its rules ran, keeping what the project rules and the checklist
   * read (release-dockerfile.ts): a check then holds at most PARSE_AHEAD models at a time. A later read
   * of the model parses it again.
   */
  releaseModels?: boolean;
  /**
   * With releaseModels: drop each Dockerfile's text and line index too, once its contexts were judged
   * (released-text.ts). Nothing of a check reads them after that; a model read later cannot be parsed again.
   */
  releaseTexts?: boolean;
  /**
   * With releaseModels: called with each Dockerfile once its contexts were judged (`check` drops the disk facts
   * no later Dockerfile reads: disk-uses.ts).
   */
  afterContexts?: (dockerfile: SourceFile) => void;
  /** Called between windows of PARSE_AHEAD Dockerfiles (`check` keeps its heap near what it holds: heap-pacer.ts). */
  betweenWindows?: () => void;
}

/**
 * How many Dockerfiles a check that drops the models parses at a time, before their rules. Parsing each one
 * just before its rules cost ~10% more CPU than parsing all of them first (481 real Dockerfiles, alternated
 * runs); in windows of 32 the cost is gone (measured, not explained: docs/sessions: memory.md), and 32
 * models are a few hundred kB.
 */
const PARSE_AHEAD = 32;

/** Loads what a Dockerfile's rules will need of the disk, then parses it. */
function prepare(entry: ProjectModel['dockerfiles'][number], options: ProjectCheckOptions): void {
  options.beforeDockerfile?.(entry.file);
  void entry.df;
}

/** A Dockerfile's rule findings, and those its suppressions hid. */
export interface DockerfileFindings {
  findings: Finding[];
  suppressed: Finding[];
}

export function checkProject(project: ProjectModel, options: ProjectCheckOptions): CheckResult {
  for (const analyze of ANALYZERS) analyze(project);
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const dockerfileRules = options.rules.filter((r) => isDockerfileRule(r.rule));
  const dockerfiles = project.dockerfiles;
  const suppressionsOf: LineSuppressionsOf = new Map();
  const contextRuns = startContextRules(
    options.rules.filter((r) => isContextRule(r.rule)),
    project,
    options.settings,
    suppressionsOf,
  );
  for (let i = 0; i < dockerfiles.length; i++) {
    const entry = dockerfiles[i]!;
    const file = entry.file;
    // A check that drops each model after its rules parses the next few ahead, in one go, and holds those only.
    if (!options.releaseModels) options.beforeDockerfile?.(file);
    else if (i % PARSE_AHEAD === 0) {
      options.betweenWindows?.();
      for (const next of dockerfiles.slice(i, i + PARSE_AHEAD)) prepare(next, options);
    }
    const df = entry.df;
    const target = shippedTarget(project, file.absPath, options.target);
    if (target) selectShipped(df, target); // an unknown target is compose-build-target-missing's finding
    const facts = options.factsFor ? options.factsFor(file, project) : dockerfileFacts(project, file);
    // Reads the model from the entry, not from `df`: a compile job holding this closure past the release holds no model.
    const run = (): DockerfileFindings => findingsOf(entry, dockerfileRules, options.settings, facts);
    options.eachDockerfile?.(file, df);
    const found = options.dockerfileFindings ? options.dockerfileFindings(file, df, facts, run) : run();
    findings.push(...found.findings);
    suppressed.push(...found.suppressed);
    if (options.releaseModels && entry instanceof DockerfileEntry) releaseDockerfile(project, entry);
    // Its contexts are judged now, after the release: the context rules read what it kept, as they would at the end.
    judgeContexts(contextRuns, contextsFor(project, file), project.root);
    suppressionsOf.delete(file); // only its own contexts report on a Dockerfile
    if (options.releaseModels && entry instanceof DockerfileEntry) {
      // Nothing asks for these after its contexts were judged: the project rules read the kept outline.
      forgetContexts(project, file);
      forgetSources(file);
      entry.contextsJudged(composeBuilds(project, file.absPath));
      if (options.releaseTexts) releaseText(file);
      options.afterContexts?.(file);
    }
    forgetShells(df);
  }
  let started = 0;
  for (const { rule, severity } of options.rules) {
    if (isDockerfileRule(rule) || isImageRule(rule)) continue; // image rules run on images (check-image.ts)
    if (isContextRule(rule)) {
      // Judged Dockerfile by Dockerfile above; their findings join here, in the order they always had.
      const run = contextRuns[started++]!;
      for (const f of run.findings) findings.push(f);
      for (const f of run.suppressed) suppressed.push(f);
      continue;
    }
    const report = projectReport(rule.meta, severity, suppressionsOf, findings, suppressed);
    try {
      (rule as ProjectRule).check({ project, settings: options.settings, report });
    } catch (e) {
      throw new RuleCrash(rule.meta.id, project.root, e);
    }
  }
  findings.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.rule, b.rule));
  return { findings, errors: [...project.errors], suppressed };
}

/** A Dockerfile's rule findings, and those its suppressions hid. */
function findingsOf(entry: { readonly df: Dockerfile }, rules: ActiveRule[], settings: RuleSettings, facts: ProjectFacts): DockerfileFindings {
  const hidden: Finding[] = [];
  return { findings: runRules(entry.df, { rules, settings, project: facts, suppressed: hidden }), suppressed: hidden };
}

/** Runs the Dockerfile rules over one parsed Dockerfile with its facts; findings sorted by position. */
export function runRules(
  df: Dockerfile,
  options: { rules: ActiveRule[]; settings: RuleSettings; project: ProjectFacts; /** Receives the findings a suppression covers. */ suppressed?: Finding[] },
): Finding[] {
  // No closure made here reads `df` or `ctx`: V8 optimizes a hot closure on another thread, and the job
  // holds that closure, its context and so this file's model until it ends (the loop over the rules,
  // an arrow here before, held a whole model past its release: engine-release.test.ts).
  const { path, lines } = df;
  const suppressions = findSuppressions(df);
  const findings: Finding[] = [];
  const hidden = options.suppressed;
  // One report function per file, told which rule is running (rules report synchronously): a closure
  // per rule and file cost ~7% of the rule phase, most of it the bundle naming each one (keepNames).
  const running: RunningRule = { meta: null, severity: 'error' };
  const report = (r: Report) => {
    const finding = toFinding(running.meta!, running.severity, path, lines, suppressions, r);
    if (finding) findings.push(finding);
    else hidden?.push(toFinding(running.meta!, running.severity, path, lines, [], r)!);
  };
  // One context for all of the file's rules (they read it, none keeps or changes it).
  const ctx: DockerfileContext = { df, settings: options.settings, project: options.project, report };
  // What several rules derive from the file (RUN commands, package-manager calls) is derived once.
  withFileMemo(eachRule, options.rules, ctx, running);
  return findings.sort((a, b) => a.line - b.line || a.column - b.column || compareText(a.rule, b.rule));
}

/** The rule whose check runs now, for its findings. */
interface RunningRule {
  meta: RuleMeta | null;
  severity: Severity;
}

function eachRule(rules: ActiveRule[], ctx: DockerfileContext, running: RunningRule): void {
  for (const active of rules) {
    const rule = active.rule;
    if (rule.meta.target !== 'dockerfile') continue;
    running.meta = rule.meta;
    running.severity = active.severity;
    try {
      (rule as DockerfileRule).check(ctx);
    } catch (e) {
      throw new RuleCrash(rule.meta.id, ctx.df.path, e);
    }
  }
}

/**
 * Fixes until stable. `rebuild` makes a new project from changed texts (absolute path → text).
 * Returns the final text of every file that changed.
 */
export function fixProject(
  project: ProjectModel,
  options: ProjectCheckOptions,
  rebuild: (texts: Map<string, string>) => ProjectModel,
): Map<string, string> {
  const texts = new Map(project.files.map((f) => [f.absPath, f.text]));
  const original = new Map(texts);
  let current = project;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const { findings } = checkProject(current, options);
    const byFile = new Map<string, TextEdit[][]>();
    for (const f of findings) {
      if (!f.fix) continue;
      const abs = current.files.find((s) => s.path === f.file)?.absPath;
      if (!abs) continue;
      byFile.set(abs, [...(byFile.get(abs) ?? []), f.fix]);
    }
    let changed = false;
    for (const [abs, fixes] of byFile) {
      const { text, applied } = applyEdits(texts.get(abs)!, fixes);
      if (applied > 0 && text !== texts.get(abs)) {
        texts.set(abs, text);
        changed = true;
      }
    }
    if (!changed) break;
    current = rebuild(texts);
  }
  return new Map([...texts].filter(([abs, text]) => original.get(abs) !== text));
}
