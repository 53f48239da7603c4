// Benchmark: prints figures, never asserts speed, is not part of `npm test`. Run: `npm run bench`
// (builds dist/ first). See bench/README.md for what each figure means.
//
// Environment: BENCH_FILES (corpus size, default 1000), BENCH_RUNS (timed runs, default 5),
// BENCH_PROC_RUNS (one-project runs, default 20), BENCH_MANY_RUNS (many-file runs, default 5),
// BENCH_REAL (the real corpus folder, default /tmp/slipway-ecosystem-real), BENCH_NO_INSTALL=1 (never apt-get hyperfine).
// BENCH_CHECK_VARIANTS="name=/path/to/dist/slipway.js,…": other builds in the same whole-process tables, alternated.
// BENCH_CLI (the build timed as this one, default dist/slipway.js), BENCH_RSS=0 (no peak-RSS rows).

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { checkDockerfileText, type DockerfileCheckOptions } from '../src/engine/check-dockerfile.js';
import { runRules } from '../src/engine/check-project.js';
import { activeRules, type RuleLevel } from '../src/engine/effective-rules.js';
import { parseDockerfile } from '../src/parse/dockerfile/parse.js';
import type { Dockerfile } from '../src/parse/dockerfile/model.js';
import { discover } from '../src/project/discover.js';
import { NO_FACTS } from '../src/project/facts.js';
import { RULES as ALL_RULES } from '../src/rules/index.js';
import type { RuleSettings } from '../src/rules/types.js';
import { SHORT_RUN_INTERRUPT_BUDGET } from '../src/cli/short-run-tiering.js';
import { measureAlternated, median, type Command, type Measured } from './alternate.js';
import { generateCorpus, writeCorpus } from './corpus.js';
import { printRssCurve } from './rss-curve.js';
import { shellcheckAlone } from './shellcheck-alone.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// BENCH_CLI: time another build as "this one" (a sequential A/B: one bench run per build).
const CLI = process.env.BENCH_CLI || join(ROOT, 'dist', 'slipway.js');
const FILES = Number(process.env.BENCH_FILES ?? 1000);
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));
const PROC_RUNS = Math.max(10, Number(process.env.BENCH_PROC_RUNS ?? 20));
const MANY_RUNS = Math.max(3, Number(process.env.BENCH_MANY_RUNS ?? 5));
// Read first: a mistake in it is said before the in-process part's minute.
const builds = [{ name: '', cli: CLI }, ...checkVariants(process.env.BENCH_CHECK_VARIANTS)];
let hyperfinePath: string | null | undefined;

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
// Whole processes, as a user runs them: the commands of a table alternated round by round
// (bench/alternate.ts), so that the load on a shared machine weighs on every command alike. Wall time
// (min and median) and CPU time (user + system, mean; steadier than wall time on a busy machine).
//
// Each row (of each build: this one and BENCH_CHECK_VARIANTS) has its own XDG_CACHE_HOME. slipway
// writes V8's code cache once, from the run that finds none, and keeps ShellCheck's results there:
// with one folder, the one-project run that came first wrote the cache every many-files run then
// used (~1.6% more CPU there, bench/README.md), and one row's warm-up filled caches for the next.
// So every row runs on caches its own warm-ups made, whatever ran before it.
console.log('\nWhole processes:');
if (!existsSync(CLI)) {
  console.log(`  ${CLI} is missing: run \`npm run build\` (npm run bench does).`);
  process.exit(0);
}
if (builds.length > 1) console.log(`  builds: this one (${CLI}), ${builds.slice(1).map((b) => `${b.name} (${b.cli})`).join(', ')}`);
const work = mkdtempSync(join(tmpdir(), 'slipway-bench-'));
const shm = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'slipway-bench-'));
try {
  const small = join(work, 'small');
  writeCorpus(small, [corpus.find((f) => f.style === 'python')!]);
  const smallDir = join(small, corpus.find((f) => f.style === 'python')!.name);
  writeFileSync(join(smallDir, 'requirements.txt'), 'flask==3.0.0\ngunicorn==22.0.0\n');
  const many = manyFilesCorpus(join(work, 'many'));

  // slipway exits 1 when it finds something; 2 is a crash, worth saying. (Own cache folder: the tables' start empty.)
  for (const b of builds) {
    for (const dir of [smallDir, many.dir]) {
      const env = { ...process.env, XDG_CACHE_HOME: join(work, 'xdg-probe') };
      const r = spawnSync(process.execPath, [b.cli, 'check', dir], { encoding: 'utf8', maxBuffer: 1 << 28, env });
      if (r.status !== 0 && r.status !== 1) console.log(`  warning: ${b.cli} check ${dir} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
    }
  }
  const hyperfine = findHyperfine();
  if (!hyperfine) console.log('  (no hyperfine: spawnSync in a loop, wall time only; install hyperfine for CPU figures)');
  const node: Command = { label: 'node -e 0', argv: [process.execPath, '-e', '0'] };
  /** A build's row, with a cache folder of its own; variants' labels say the build. */
  const row = (b: Build, table: string, label: string, args: string[], env: Record<string, string> = {}): Command => ({
    label: b.name ? `${label} [${b.name}]` : label,
    argv: [process.execPath, b.cli, ...args],
    env: { XDG_CACHE_HOME: join(work, 'xdg', `${table}-${b.name || 'this'}-${label.replace(/[^a-z0-9]+/gi, '-')}`), ...env },
  });

  // ShellCheck's own cost on what this build gives it in the cold rows (bench/shellcheck-alone.ts),
  // its scripts read from /dev/shm as slipway's are (src/engine/shellcheck/run.ts).
  const alone = (dir: string, table: string): Command[] => {
    const row = shellcheckAlone(CLI, dir, join(shm, `shellcheck-alone-${table}`), 'ShellCheck alone');
    if ('skipped' in row) console.log(`  (no "ShellCheck alone" row: ${row.skipped})`);
    return 'skipped' in row ? [] : [row];
  };

  console.log(`\n  One project (one Dockerfile + requirements.txt), ${PROC_RUNS} runs, 3 warm-ups, alternated (load ${load()}):`);
  const oneAlone = alone(smallDir, 'one');
  const one = measureAlternated(
    [
      node,
      ...builds.flatMap((b) => [
        row(b, 'one', 'slipway check --no-shellcheck-cache', ['check', '--no-shellcheck-cache', smallDir]),
        row(b, 'one', 'slipway check (ShellCheck results kept)', ['check', smallDir]),
        row(b, 'one', 'slipway check --ignore shellcheck', ['check', '--ignore', 'shellcheck', smallDir]),
        // --cache, unchanged project: the warm-ups fill the cache (its own folder, removed afterwards).
        row(b, 'one', 'slipway check --cache (unchanged project)', ['check', '--cache', '--cache-location', join(work, `check-cache-${b.name || 'this'}`), smallDir]),
      ]),
      ...oneAlone,
    ],
    PROC_RUNS,
    3,
    hyperfine,
  );
  table(one, 0);
  console.log(`  (load after: ${load()})`);
  builds.forEach((b, k) => {
    const r = (i: number) => one[1 + 4 * k + i]!;
    const of = b.name ? ` [${b.name}]` : '';
    goal(`check --no-shellcheck-cache${of} / node -e 0`, r(0), one[0]!, 2);
    goal(`check, ShellCheck results kept${of} / node -e 0`, r(1), one[0]!, 2);
    goal(`check --ignore shellcheck${of} / node -e 0`, r(2), one[0]!, 2);
    goal(`check --cache, unchanged${of} / node -e 0`, r(3), one[0]!, 1.2);
  });
  if (oneAlone.length) cold('one project', one, 1, one.at(-1)!, one[0]!, 'node -e 0');

  console.log(`\n  Many files: ${many.label}, ${MANY_RUNS} runs, 1 warm-up, alternated (load ${load()}):`);
  const bare: Command = { label: 'bare parse (node bench/bare-parse.mjs)', argv: [process.execPath, join(ROOT, 'bench', 'bare-parse.mjs'), many.dir] };
  const manyAlone = alone(many.dir, 'many');
  const lots = measureAlternated(
    [
      node,
      bare,
      // The bare parse with slipway's short-run tiering (src/cli/short-run-tiering.ts), and below each
      // build's check with V8's default one: how much of the ratio that choice makes.
      { label: `bare parse, --interrupt-budget=${SHORT_RUN_INTERRUPT_BUDGET}`, argv: [process.execPath, `--interrupt-budget=${SHORT_RUN_INTERRUPT_BUDGET}`, join(ROOT, 'bench', 'bare-parse.mjs'), many.dir] },
      ...manyAlone,
      ...builds.flatMap((b) => [
        row(b, 'many', 'slipway check --no-shellcheck-cache', ['check', '--no-shellcheck-cache', many.dir]),
        row(b, 'many', 'slipway check (ShellCheck results kept)', ['check', many.dir]),
        row(b, 'many', 'slipway check --ignore shellcheck', ['check', '--ignore', 'shellcheck', many.dir]),
        row(b, 'many', 'check, results kept, V8 default tiering', ['check', many.dir], { SLIPWAY_V8_DEFAULT_TIERING: '1' }),
      ]),
    ],
    MANY_RUNS,
    1,
    hyperfine,
  );
  table(lots, 1);
  console.log(`  (load after: ${load()})`);
  builds.forEach((b, k) => {
    const r = (i: number) => lots[3 + manyAlone.length + 4 * k + i]!;
    const of = b.name ? ` [${b.name}]` : '';
    goal(`check --no-shellcheck-cache${of} / bare parse`, r(0), lots[1]!, 3);
    goal(`check, ShellCheck results kept${of} / bare parse`, r(1), lots[1]!, 3);
    goal(`check --ignore shellcheck${of} / bare parse`, r(2), lots[1]!, 3);
    goal(`check, results kept${of} / bare parse, both short-run tiering`, r(1), lots[2]!, 3);
    goal(`check, results kept${of}, both V8 default tiering`, r(3), lots[1]!, 3);
  });
  if (manyAlone.length) cold('many files', lots, 3 + manyAlone.length, lots[3]!, lots[1]!, 'bare parse');

  if (process.env.BENCH_RSS !== '0') printRssCurve(CLI, many.dir, work);
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(shm, { recursive: true, force: true });
}

/**
 * The cold rows beside ShellCheck alone on the same calls: what slipway adds to ShellCheck's own cost,
 * in CPU ms and as a ratio to the table's base (ShellCheck's part of a cold row is not slipway's to cut).
 */
function cold(what: string, rows: Measured[], first: number, alone: Measured, base: Measured, baseName: string): void {
  builds.forEach((b, k) => {
    const c = rows[first + 4 * k]!;
    const of = b.name ? ` [${b.name}]` : '';
    line(
      `  ${what}: check --no-shellcheck-cache${of} minus ShellCheck alone`,
      `${fmt(c.cpu - alone.cpu)} ms CPU`,
      `(${((c.cpu - alone.cpu) / base.cpu).toFixed(2)}x ${baseName}; ShellCheck alone ${(alone.cpu / base.cpu).toFixed(2)}x)`,
    );
  });
}

interface Build {
  /** '' for this build; the variant's name otherwise. */
  name: string;
  cli: string;
}

/** BENCH_CHECK_VARIANTS="name=/path/to/dist/slipway.js,…": other builds timed in the same run, alternated with this one. */
function checkVariants(spec: string | undefined): Build[] {
  if (!spec?.trim()) return [];
  return spec.split(',').map((part) => {
    const m = /^\s*([\w.-]+)=(.+?)\s*$/.exec(part);
    if (!m || !existsSync(m[2]!)) {
      console.error(`bench: BENCH_CHECK_VARIANTS: '${part}' is not name=/path/to/dist/slipway.js of an existing build`);
      process.exit(2);
    }
    return { name: m[1]!, cli: m[2]! };
  });
}

function load(): string {
  return loadavg().map((x) => x.toFixed(2)).join(' ');
}

function table(rows: Measured[], base: number): void {
  // ± is the CPU mean's standard error: two rows closer than ~2 of it are not told apart by this run.
  console.log(`  ${''.padEnd(52)} ${'min ms'.padStart(9)} ${'median ms'.padStart(10)} ${'CPU ms'.padStart(9)} ${'±'.padStart(6)}   ${`÷ ${rows[base]!.label.split(' (')[0]}: min / median / CPU`}`);
  for (const r of rows) {
    const b = rows[base]!;
    const ratios = r === b ? '' : `${(r.min / b.min).toFixed(2)}x / ${(r.median / b.median).toFixed(2)}x / ${(r.cpu / b.cpu).toFixed(2)}x`;
    console.log(`  ${r.label.padEnd(52)} ${fmt(r.min)} ${fmt(r.median).padStart(10)} ${fmt(r.cpu)} ${fmt(r.cpuSem).slice(3)}   ${ratios}`);
  }
}

function goal(label: string, a: Measured, b: Measured, limit: number): void {
  const ratios = [a.min / b.min, a.median / b.median, a.cpu / b.cpu];
  const said = ratios.map((x) => (Number.isNaN(x) ? '-' : `${x.toFixed(2)}x`)).join(' / ');
  const met = ratios.filter((x) => !Number.isNaN(x)).every((x) => x <= limit);
  line(`  goal: ${label} <= ${limit}x (min / median / CPU)`, said, met ? 'met' : 'NOT met');
}

/**
 * The many-files corpus: the Dockerfiles of the real 25-repository corpus (scripts/ecosystem-real.sh
 * lays it out; BENCH_REAL names the folder, default /tmp/slipway-ecosystem-real) copied with their paths
 * into a folder of their own, so the bare parse and slipway read the same files; else the generated corpus.
 */
function manyFilesCorpus(dir: string): { dir: string; label: string } {
  const real = process.env.BENCH_REAL ?? '/tmp/slipway-ecosystem-real';
  if (existsSync(real)) {
    const found = discover([real]).files.filter((f) => f.kind === 'dockerfile');
    for (const f of found) {
      const to = join(dir, relative(real, f.path));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(f.path, to);
    }
    return { dir, label: `${found.length} real Dockerfiles (${real}, Dockerfiles only)` };
  }
  writeCorpus(dir, corpus);
  return { dir, label: `${corpus.length} generated Dockerfiles (set BENCH_REAL to the real corpus: scripts/ecosystem-real.sh)` };
}

/** hyperfine's path; installs it with apt-get when missing and allowed (root, BENCH_NO_INSTALL unset). */
function findHyperfine(): string | null {
  if (hyperfinePath !== undefined) return hyperfinePath;
  const which = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim() || null;
  hyperfinePath = which('hyperfine');
  if (hyperfinePath || process.env.BENCH_NO_INSTALL || process.getuid?.() !== 0 || !which('apt-get')) return hyperfinePath;
  console.log('  hyperfine is missing: apt-get install -y hyperfine');
  const install = () => spawnSync('apt-get', ['install', '-y', '-qq', 'hyperfine'], { stdio: 'ignore', timeout: 120_000 }).status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', timeout: 120_000 });
    install();
  }
  hyperfinePath = which('hyperfine');
  if (!hyperfinePath) console.log('  could not install hyperfine; timing with spawnSync instead');
  return hyperfinePath;
}
