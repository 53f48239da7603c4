// Benchmark: the per-Dockerfile rule phase of `slipway check` on real files, rule by rule. Prints
// figures, never asserts. Run: `node --expose-gc --import tsx bench/rules-real.bench.ts [DIR...]` (default: $BENCH_REAL,
// /tmp/slipway-ecosystem-real). Each DIR is one project, read, parsed and given its disk facts as
// `check DIR` does. BENCH_RUNS (default 5) timed runs per figure; BENCH_ALL_RULES=1 turns every rule on; BENCH_TOP=0 prints the totals only.
//
// The models are parsed once, with their RUN shells (that cost is the shell parse's, not the first
// rule's that reads it). Every timed run gets fresh copies of the facts objects, so what is memoized
// per Dockerfile and facts (imagePurpose) is paid once per file as in a real check, not hidden by the
// warm-up; with --expose-gc a GC runs before each timed run, so one rule
// does not pay for another's garbage. Each rule's figure is its run alone minus a run of no rule
// (suppressions and bookkeeping); "all rules together" against the sum shows what shared work saves.

import { existsSync } from 'node:fs';
import { checkProject, runRules } from '../src/engine/check-project.js';
import { activeRules, type ActiveRule, type RuleLevel } from '../src/engine/effective-rules.js';
import { parseDockerfile } from '../src/parse/dockerfile/parse.js';
import { selectShipped } from '../src/parse/dockerfile/shipped.js';
import type { Dockerfile } from '../src/parse/dockerfile/model.js';
import { ANALYZERS } from '../src/project/analyzers.js';
import { buildProject, type FileText } from '../src/project/build.js';
import { discover } from '../src/project/discover.js';
import { dockerfileFacts } from '../src/project/dockerfile-facts.js';
import type { ProjectFacts } from '../src/project/facts.js';
import { loadDiskFacts } from '../src/project/load-disk.js';
import type { ProjectModel, SourceFile } from '../src/project/model.js';
import { readProjectFile } from '../src/project/read-file.js';
import { shippedTarget } from '../src/project/shipped-target.js';
import { RULES } from '../src/rules/index.js';
import type { RuleSettings } from '../src/rules/types.js';

const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 5));
const dirs = process.argv.slice(2).length ? process.argv.slice(2) : [process.env.BENCH_REAL ?? '/tmp/slipway-ecosystem-real'];
const settings: RuleSettings = { trustedRegistries: [], labelSchema: {}, strictLabels: false };
const DOCKERFILE_RULES = RULES.filter((r) => r.meta.target === 'dockerfile');
const rules: ActiveRule[] = process.env.BENCH_ALL_RULES
  ? activeRules(DOCKERFILE_RULES, Object.fromEntries(DOCKERFILE_RULES.map((r) => [r.meta.id, r.meta.severity as RuleLevel])))
  : activeRules(DOCKERFILE_RULES, {});

/** One Dockerfile as the engine sees it before its rules: its text, the stage that ships, its facts. */
interface Subject {
  file: SourceFile;
  target: string | null;
  facts: ProjectFacts;
}

function loadProject(dir: string): ProjectModel {
  const files: FileText[] = [];
  for (const f of discover([dir], []).files) {
    const r = readProjectFile(f.path, { within: dir });
    if (r.ok) files.push({ kind: f.kind, path: f.path.slice(dir.length + 1), absPath: f.path, text: r.text });
  }
  return loadDiskFacts(buildProject(dir, files));
}

const subjects: Subject[] = [];
const projects: ProjectModel[] = [];
for (const dir of dirs) {
  if (!existsSync(dir)) {
    console.log(`${dir} is missing (the real corpus: bash scripts/ecosystem-real.sh)`);
    process.exit(0);
  }
  const project = loadProject(dir);
  projects.push(project);
  for (const analyze of ANALYZERS) analyze(project);
  for (const { file } of project.dockerfiles) {
    subjects.push({ file, target: shippedTarget(project, file.absPath), facts: dockerfileFacts(project, file) });
  }
}

/** The models with the shipped stage chosen and RUN shells parsed, as when the rules start. */
const models: Dockerfile[] = subjects.map((s) => {
  const df = parseDockerfile(s.file.text, s.file.path);
  if (s.target) selectShipped(df, s.target);
  for (const i of df.instructions) {
    void i.shell;
    if (i.trigger) void i.trigger.shell;
  }
  return df;
});
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Median CPU ms of running `list` over the models, with the number of findings. */
function timeRules(list: ActiveRule[]): { ms: number; findings: number } {
  const samples: number[] = [];
  let findings = 0;
  for (let run = 0; run <= RUNS; run++) {
    const facts = subjects.map((s) => ({ ...s.facts }));
    gc();
    const t = process.cpuUsage();
    findings = 0;
    for (let k = 0; k < models.length; k++) findings += runRules(models[k]!, { rules: list, settings, project: facts[k]! }).length;
    const used = process.cpuUsage(t);
    if (run > 0) samples.push((used.user + used.system) / 1000); // run 0 warms the code up
  }
  return { ms: median(samples), findings };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(8);
console.log(`slipway rule phase on real files — node ${process.version}, ${subjects.length} Dockerfiles from ${dirs.join(', ')}`);
console.log(`${rules.length} Dockerfile rules${process.env.BENCH_ALL_RULES ? ' (all on)' : ' (default set)'}; median of ${RUNS} runs, CPU ms (user+sys: steadier than wall on a shared machine) for all files\n`);

const t0 = process.cpuUsage();
for (const p of projects) checkProject(p, { rules: activeRules(RULES, {}), settings });
const once = process.cpuUsage(t0);
console.log(`  whole checkProject once, cold (its rules parse the shells; project rules) ${fmt((once.user + once.system) / 1000)}`);
const none = timeRules([]);
const all = timeRules(rules);
console.log(`  no rule (suppressions, bookkeeping)                                       ${fmt(none.ms)}`);
console.log(`  all rules together, minus no rule                                         ${fmt(all.ms - none.ms)}   ${all.findings} findings`);

// BENCH_TOP=0: the totals only (a quick A/B of two trees).
const top = Number(process.env.BENCH_TOP ?? 30);
if (top === 0) process.exit(0);
const perRule = rules.map((r) => {
  const t = timeRules([r]);
  return { id: r.rule.meta.id, ms: t.ms - none.ms, findings: t.findings };
});
perRule.sort((x, y) => y.ms - x.ms);
const sum = perRule.reduce((s, r) => s + r.ms, 0);
console.log(`  sum of each rule alone, minus no rule                                     ${fmt(sum)}\n`);
console.log(`  ${'rule'.padEnd(36)} ${'ms'.padStart(8)} ${'share'.padStart(7)} ${'findings'.padStart(9)}`);
for (const r of perRule.slice(0, top)) {
  console.log(`  ${r.id.padEnd(36)} ${fmt(r.ms, 2)} ${`${((100 * r.ms) / sum).toFixed(1)}%`.padStart(7)} ${String(r.findings).padStart(9)}`);
}
if (perRule.length > top) console.log(`  … ${perRule.length - top} more rules: ${fmt(perRule.slice(top).reduce((s, r) => s + r.ms, 0), 2).trim()} ms together`);
