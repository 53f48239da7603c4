// Benchmark: prints figures, never asserts speed, is not part of `npm test`. Run: `npm run bench`
// (builds dist/ first). See bench/README.md for what each figure means.
//
// Environment: BENCH_FILES (corpus size, default 1000), BENCH_RUNS (timed runs, default 5),
// BENCH_PROC_RUNS (whole-process runs, default 20), BENCH_NO_INSTALL=1 (never apt-get hyperfine).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { checkDockerfileText, runRules, type DockerfileCheckOptions } from '../src/engine/check-dockerfile.js';
import { activeRules, type RuleLevel } from '../src/engine/effective-rules.js';
import { parseDockerfile } from '../src/parse/dockerfile/parse.js';
import type { Dockerfile } from '../src/parse/dockerfile/model.js';
import { NO_FACTS } from '../src/project/facts.js';
import { RULES as ALL_RULES } from '../src/rules/index.js';
import type { RuleSettings } from '../src/rules/types.js';
import { generateCorpus, writeCorpus } from './corpus.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'slipway.js');
const FILES = Number(process.env.BENCH_FILES ?? 1000);
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));
const PROC_RUNS = Math.max(10, Number(process.env.BENCH_PROC_RUNS ?? 20));

/** Mean CPU time (user + system, ms) of each command of the last hyperfine run: steadier than wall time on a busy machine. */
let lastCpu: number[] = [];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(9);
const line = (label: string, value: string, note = '') => console.log(`  ${label.padEnd(58)} ${value}${note ? `  ${note}` : ''}`);

/** Median wall time (ms) of `fn` over RUNS runs after one warm-up run. */
function time(fn: () => void, runs = RUNS): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

// ---------------------------------------------------------------------------------------------
const corpus = generateCorpus(FILES);
const texts = corpus.map((f) => f.text);
const lines = texts.reduce((n, t) => n + t.split('\n').length - 1, 0);
const per1000 = (ms: number) => (ms * 1000) / texts.length;

// Dockerfile rules only (RULES also holds compose/workflow rules, which checkDockerfileText skips).
const RULES = ALL_RULES.filter((r) => r.meta.target === 'dockerfile');
const settings: RuleSettings = { trustedRegistries: [], labelSchema: {}, strictLabels: false };
const defaults: DockerfileCheckOptions = { rules: activeRules(RULES, {}), settings, project: NO_FACTS };
const allOn: DockerfileCheckOptions = {
  rules: activeRules(RULES, Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.severity as RuleLevel]))),
  settings,
  project: NO_FACTS,
};

console.log(`slipway benchmark — node ${process.version}, ${RULES.length} rules (${defaults.rules.length} on by default)`);
console.log(`corpus: ${texts.length} generated Dockerfiles, ${lines} lines (bench/corpus.ts, fixed seed); median of ${RUNS} runs after a warm-up\n`);

console.log('In one process, ms per 1,000 files:');
const a = per1000(time(() => texts.forEach((t) => DockerfileParser.parse(t))));
line('(a) parse only: dockerfile-ast DockerfileParser.parse', fmt(a));
const model = per1000(time(() => texts.forEach((t) => parseDockerfile(t, 'Dockerfile'))));
line('    slipway model, shell not parsed (lazy)', fmt(model));
const b = per1000(
  time(() =>
    texts.forEach((t) => {
      for (const i of parseDockerfile(t, 'Dockerfile').instructions) void i.shell;
    }),
  ),
);
line('(b) slipway model + shell parse of every RUN/CMD/ENTRYPOINT', fmt(b));
let findings = 0;
const c = per1000(
  time(() => {
    findings = 0;
    for (const t of texts) findings += checkDockerfileText(t, 'Dockerfile', defaults).findings.length;
  }),
);
line(`(c) full check, default rule set (${defaults.rules.length} rules)`, fmt(c), `${findings} findings`);
const cAll = per1000(time(() => texts.forEach((t) => checkDockerfileText(t, 'Dockerfile', allOn))));
line(`    full check, every rule on (${allOn.rules.length} rules)`, fmt(cAll));
const d = per1000(time(() => texts.forEach((t) => validate(t))));
line('(d) dockerfile-utils validate', fmt(d));
const ratio = c / a;
line('(c)/(a)', `${fmt(ratio, 2)}x`, `goal <= 3x parse-only: ${ratio <= 3 ? 'met' : 'NOT met'}`);
line('(c)/(b)  (rules on top of slipway parsing)', `${fmt(c / b, 2)}x`);
line('(c)/(d)  (vs dockerfile-utils)', `${fmt(c / d, 2)}x`);

// ---------------------------------------------------------------------------------------------
// Per rule: each rule alone over the pre-parsed corpus (shell already parsed, so parsing is not
// charged to the first rule that reads it), minus the cost of running no rule at all.
console.log('\nSlowest rules (each alone over the pre-parsed corpus, ms per 1,000 files):');
const parsed: Dockerfile[] = texts.map((t) => {
  const df = parseDockerfile(t, 'Dockerfile');
  for (const i of df.instructions) void i.shell;
  return df;
});
const none = per1000(time(() => parsed.forEach((df) => runRules(df, { ...allOn, rules: [] })), 5));
const perRule = allOn.rules.map((r) => {
  const opts = { ...allOn, rules: [r] };
  return { id: r.rule.meta.id, ms: Math.max(0, per1000(time(() => parsed.forEach((df) => runRules(df, opts)), 5)) - none) };
});
perRule.sort((x, y) => y.ms - x.ms);
for (const r of perRule.slice(0, 5)) line(`  ${r.id}`, fmt(r.ms, 2));
const rulesTotal = perRule.reduce((s, r) => s + r.ms, 0);
line(`  sum over all ${perRule.length} rules`, fmt(rulesTotal, 2), `(+ ${fmt(none, 2).trim()} for suppressions and bookkeeping)`);

// ---------------------------------------------------------------------------------------------
// Whole processes.
console.log('\nWhole processes (wall time):');
if (!existsSync(CLI)) {
  console.log(`  ${CLI} is missing: run \`npm run build\` (npm run bench does).`);
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), 'slipway-bench-'));
try {
  const small = join(work, 'small');
  writeCorpus(small, [corpus.find((f) => f.style === 'python')!]);
  const smallDir = join(small, corpus.find((f) => f.style === 'python')!.name);
  writeFileSync(join(smallDir, 'requirements.txt'), 'flask==3.0.0\ngunicorn==22.0.0\n');
  const corpusDir = join(work, 'corpus');
  writeCorpus(corpusDir, corpus);

  // slipway exits 1 when it finds something; 2 is a crash, worth saying.
  for (const dir of [smallDir, corpusDir]) {
    const r = spawnSync(process.execPath, [CLI, 'check', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0 && r.status !== 1) console.log(`  warning: slipway check ${dir} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  }

  const hyperfine = findHyperfine();
  const node = [process.execPath, '-e', '0'];
  const small1 = [process.execPath, CLI, 'check', smallDir];
  // The same run without ShellCheck (`--ignore shellcheck`): what the shellcheck process costs.
  const smallNoSc = [process.execPath, CLI, 'check', '--ignore', 'shellcheck', smallDir];
  const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
  let nodeMs: number;
  let smallMs: number;
  let smallNoScMs: number;
  if (hyperfine) {
    [nodeMs, smallMs, smallNoScMs] = hyperfineMedians(hyperfine, [node, small1, smallNoSc], work);
    console.log(`  (hyperfine, ${PROC_RUNS} runs, 3 warm-ups, median)`);
  } else {
    nodeMs = spawnMedian(node, PROC_RUNS);
    smallMs = spawnMedian(small1, PROC_RUNS);
    smallNoScMs = spawnMedian(smallNoSc, PROC_RUNS);
    console.log(`  (spawnSync, ${PROC_RUNS} runs, 2 warm-ups, median; install hyperfine for steadier figures)`);
  }
  line('node -e 0', `${fmt(nodeMs)} ms`);
  line('slipway check <project with one Dockerfile>', `${fmt(smallMs)} ms`);
  line('ratio', `${fmt(smallMs / nodeMs, 2)}x`, `goal <= 2x node -e 0: ${smallMs / nodeMs <= 2 ? 'met' : 'NOT met'}`);
  line('  the same without ShellCheck (--ignore shellcheck)', `${fmt(smallNoScMs)} ms`, `ShellCheck costs ${fmt(smallMs - smallNoScMs).trim()} ms`);
  if (hyperfine && lastCpu.length === 3) {
    line('  CPU time (user+sys) with / without ShellCheck', `${fmt(lastCpu[1]!)} / ${fmt(lastCpu[2]!).trim()} ms`, `ShellCheck costs ${fmt(lastCpu[1]! - lastCpu[2]!).trim()} ms of CPU`);
  }
  const corpusMs = spawnMedian([process.execPath, CLI, 'check', corpusDir], 3, 1);
  line(`slipway check <corpus dir, ${texts.length} Dockerfiles>`, `${fmt(corpusMs)} ms`, `${fmt((corpusMs * 1000) / texts.length).trim()} ms per 1,000 files, median of 3`);
  const corpusNoScMs = spawnMedian([process.execPath, CLI, 'check', '--ignore', 'shellcheck', corpusDir], 3, 1);
  const runs = corpus.reduce((n, f) => n + (f.text.match(/^(ONBUILD )?RUN /gm)?.length ?? 0), 0);
  line('  the same without ShellCheck (--ignore shellcheck)', `${fmt(corpusNoScMs)} ms`, `ShellCheck costs ${fmt(corpusMs - corpusNoScMs).trim()} ms for ${runs} RUNs (identical scripts once, 400 per shellcheck process)`);
  if (!hasShellcheck) console.log('  shellcheck is not installed: both figures are without it (apt-get install shellcheck)');
} finally {
  rmSync(work, { recursive: true, force: true });
}

function spawnMedian(argv: string[], runs: number, warmups = 2): number {
  const samples: number[] = [];
  for (let i = 0; i < warmups + runs; i++) {
    const t = performance.now();
    spawnSync(argv[0]!, argv.slice(1), { stdio: 'ignore' });
    if (i >= warmups) samples.push(performance.now() - t);
  }
  return median(samples);
}

/** hyperfine's path; installs it with apt-get when missing and allowed (root, BENCH_NO_INSTALL unset). */
function findHyperfine(): string | null {
  const which = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim() || null;
  let path = which('hyperfine');
  if (path || process.env.BENCH_NO_INSTALL || process.getuid?.() !== 0 || !which('apt-get')) return path;
  console.log('  hyperfine is missing: apt-get install -y hyperfine');
  const install = () => spawnSync('apt-get', ['install', '-y', '-qq', 'hyperfine'], { stdio: 'ignore', timeout: 120_000 }).status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', timeout: 120_000 });
    install();
  }
  path = which('hyperfine');
  if (!path) console.log('  could not install hyperfine; timing with spawnSync instead');
  return path;
}

function hyperfineMedians(bin: string, commands: string[][], dir: string): number[] {
  const out = join(dir, 'hyperfine.json');
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  execFileSync(
    bin,
    ['-N', '-i', '--style', 'none', '--warmup', '3', '--runs', String(PROC_RUNS), '--export-json', out, ...commands.map((c) => c.map(quote).join(' '))],
    { stdio: 'ignore' },
  );
  const json = JSON.parse(readFileSync(out, 'utf8')) as { results: { median: number; user: number; system: number }[] };
  lastCpu = json.results.map((r) => (r.user + r.system) * 1000);
  return json.results.map((r) => r.median * 1000);
}
