// Peak RSS of `slipway check` on growing shares of a folder of Dockerfiles, then on 2 and 4 copies of it:
// memory should grow with the findings, not with the files (issue 15). Each Dockerfile's model is dropped
// after its rules (the default); the "models kept" columns (SLIPWAY_RELEASE_MODELS=0) show what that saves.
// Beside each peak, from a second run with a full collection when the report began (bench/heap-at-report.cjs):
// V8's young generation then, the heap still in use, and what the findings take of it (bench/findings-heap.ts),
// so that the growth can be read against the findings' own.
// Then the same shares with ShellCheck on: its results kept (a first run keeps them) and cold (--no-shellcheck-cache),
// whose files wait for their shellcheck processes till the end of the rules.
// Then the report behind a pipe whose reader lags, against stdout to a file (4 copies; json, sarif, text).
// Printed by bench/check.bench.ts; alone: `npx tsx bench/rss-curve.ts DIR [CLI]` (builds nothing: run `npm run build`
// first; CLI: another build to compare, e.g. a worktree of main; RSS_LAG_ONLY=1 prints only the lagging-pipe rows,
// RSS_SHELLCHECK_ONLY=1 only the ShellCheck rows).

import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { findingsHeap } from './findings-heap.js';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Peak {
  /** Peak RSS of the whole run, MB. */
  peak: number;
  /** Peak RSS when the JSON report began, MB: what the check held, without the report's own strings. */
  beforeReport: number;
  findings: number;
  /** Size of the JSON report, MB. */
  reportMb: number;
  /** What the check said of ShellCheck on stderr (not installed, failed), if anything: its rows are then not ShellCheck's. */
  note?: string;
}

/** Prints the curve for the Dockerfiles under `dir`, making its shares and copies under `work`. */
export function printRssCurve(cli: string, dir: string, work: string): void {
  const sizes = sizesOf(dir, work);
  console.log('\n  Peak RSS of slipway check --ignore shellcheck -f json, MB, one run each ("before report": when the JSON report began);');
  console.log('  then, from another run, at the report: young generation committed, heap in use after a full GC, findings in that heap:');
  console.log(`  ${'files'.padStart(7)} ${'findings'.padStart(9)} ${'report MB'.padStart(10)} ${'peak'.padStart(7)} ${'before report'.padStart(14)}   ${'models kept: peak'.padStart(17)} ${'before report'.padStart(14)}   ${'young'.padStart(6)} ${'live heap'.padStart(9)} ${'findings in it'.padStart(14)}`);
  const rows: { files: number; streamed: Peak; heap: HeapAtReport }[] = [];
  for (const d of sizes) {
    const streamed = peakRss(cli, d, {});
    const kept = peakRss(cli, d, { SLIPWAY_RELEASE_MODELS: '0' });
    const heap = heapAtReport(cli, d, work);
    const files = listFiles(d).length;
    rows.push({ files, streamed, heap });
    const n = (x: number, w: number) => (Number.isFinite(x) ? x.toFixed(1) : 'crashed').padStart(w);
    console.log(
      `  ${String(files).padStart(7)} ${String(streamed.findings).padStart(9)} ${n(streamed.reportMb, 10)} ${n(streamed.peak, 7)} ${n(streamed.beforeReport, 14)}   ${n(kept.peak, 17)} ${n(kept.beforeReport, 14)}   ${n(heap.youngMb, 6)} ${n(heap.liveMb, 9)} ${n(heap.findingsMb, 14)}`,
    );
  }
  const [first, last] = [rows[0]!, rows[rows.length - 1]!];
  const [a, b] = [first.streamed, last.streamed];
  const grew = (x: number, y: number) => `${(y - x).toFixed(1)} MB`;
  console.log(
    `  from ${first.files} to ${last.files} files: peak +${grew(a.peak, b.peak)}, before the report +${grew(a.beforeReport, b.beforeReport)}; ` +
      `findings +${b.findings - a.findings}, their JSON report +${grew(a.reportMb, b.reportMb)}`,
  );
  const live = last.heap.liveMb - first.heap.liveMb;
  const found = last.heap.findingsMb - first.heap.findingsMb;
  console.log(
    `  the findings in the heap +${found.toFixed(1)} MB; the heap in use +${live.toFixed(1)} MB, of which beyond the findings +${(live - found).toFixed(1)} MB ` +
      `(${(((live - found) * 1048576) / (last.files - first.files) / 1024).toFixed(2)} kB per added file); young generation ${first.heap.youngMb.toFixed(0)} → ${last.heap.youngMb.toFixed(0)} MB committed`,
  );
  printShellcheckCurve(cli, sizes, rows.map((r) => r.streamed), work);
  printLaggingPipe(cli, sizes[sizes.length - 1]!, work);
}

/** The folders of the curve: a quarter and half of `dir`'s files, `dir`, and 2 and 4 copies of it (made under `work`). */
function sizesOf(dir: string, work: string): string[] {
  return [
    subsetOf(dir, join(work, 'share-0.25'), 0.25),
    subsetOf(dir, join(work, 'share-0.5'), 0.5),
    dir,
    copiesOf(dir, join(work, 'copies-2'), 2),
    copiesOf(dir, join(work, 'copies-4'), 4),
  ];
}

/**
 * The curve with ShellCheck on, against the --ignore shellcheck peaks just measured (`ignored`): results kept
 * (read from the results cache a first run of the same folder filled, in a cache folder of its own) and cold
 * (--no-shellcheck-cache: a cold check holds each Dockerfile with a script not yet answered till its processes end).
 */
export function printShellcheckCurve(cli: string, sizes: string[], ignored: Peak[] | null, work: string): void {
  console.log('\n  Peak RSS of slipway check -f json with ShellCheck on, MB, one run each ("before report" as above): its results kept, and cold (--no-shellcheck-cache):');
  console.log(`  ${'files'.padStart(7)} ${'findings'.padStart(9)}   ${'kept: peak'.padStart(10)} ${'before report'.padStart(14)}   ${'cold: peak'.padStart(10)} ${'before report'.padStart(14)}   ${'--ignore shellcheck: peak'.padStart(25)}`);
  const n = (x: number, w: number) => (Number.isFinite(x) ? x.toFixed(1) : 'crashed').padStart(w);
  const rows: { files: number; kept: Peak; cold: Peak; ignored: number }[] = [];
  sizes.forEach((d, i) => {
    const env = { XDG_CACHE_HOME: join(work, `xdg-shellcheck-${i}`) };
    peakRss(cli, d, env, []); // fills the results cache: the next run reads every script's comments from it
    const kept = peakRss(cli, d, env, []);
    const cold = peakRss(cli, d, env, ['--no-shellcheck-cache']);
    const files = listFiles(d).length;
    const ignoredPeak = ignored?.[i]?.peak ?? peakRss(cli, d, {}).peak;
    rows.push({ files, kept, cold, ignored: ignoredPeak });
    console.log(`  ${String(files).padStart(7)} ${String(kept.findings).padStart(9)}   ${n(kept.peak, 10)} ${n(kept.beforeReport, 14)}   ${n(cold.peak, 10)} ${n(cold.beforeReport, 14)}   ${n(ignoredPeak, 25)}`);
    const note = kept.note ?? cold.note;
    if (note) console.log(`          (ShellCheck said: ${note})`);
  });
  const [first, last] = [rows[0]!, rows[rows.length - 1]!];
  const grew = (x: number, y: number) => `+${(y - x).toFixed(1)} MB`;
  console.log(
    `  from ${first.files} to ${last.files} files: peak with results kept ${grew(first.kept.peak, last.kept.peak)}, cold ${grew(first.cold.peak, last.cold.peak)}, ` +
      `--ignore shellcheck ${grew(first.ignored, last.ignored)}`,
  );
}

/**
 * The report behind a reader that lags (`| (sleep 3; cat >/dev/null)`): Node queues what a pipe cannot
 * take, so without waiting for the reader the whole report sat in memory (+40–50 MB at 1,924 files).
 * Against stdout to a file, which never queues: the two peaks should match.
 */
export function printLaggingPipe(cli: string, dir: string, work: string): void {
  const files = listFiles(dir).length;
  console.log(`\n  Peak RSS, MB, of check --ignore shellcheck on ${files} files, stdout to a file / to a pipe read after 3 s, one run each:`);
  for (const format of ['json', 'sarif', 'text']) {
    const peak = (to: string) => {
      const script = `"$0" --require "$1" "$2" check --ignore shellcheck -f "$3" "$4" ${to}`;
      const r = spawnSync('sh', ['-c', script, process.execPath, join(ROOT, 'bench', 'print-rss.cjs'), cli, format, dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
      return Number(/slipway-bench-max-rss-kb (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
    };
    const toFile = peak(`> "${join(work, 'report')}"`);
    const lagging = peak('| (sleep 3; cat >/dev/null)');
    console.log(`  ${format.padStart(7)}  file ${toFile.toFixed(1).padStart(7)}  lagging pipe ${lagging.toFixed(1).padStart(7)}`);
  }
}

interface HeapAtReport {
  /** V8's new space (both semi-spaces) committed when the report began, MB. */
  youngMb: number;
  /** Heap in use after a full collection then, MB. */
  liveMb: number;
  /** What the findings take of it (bench/findings-heap.ts), MB. */
  findingsMb: number;
}

/** A run with a full collection and a heap snapshot when the report began; its own code cache folder (other V8 flags). */
function heapAtReport(cli: string, dir: string, work: string): HeapAtReport {
  const snapshot = join(work, 'at-report.heapsnapshot');
  const r = spawnSync(process.execPath, ['--expose-gc', '--require', join(ROOT, 'bench', 'heap-at-report.cjs'), cli, 'check', '--ignore', 'shellcheck', '-f', 'json', dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, SLIPWAY_BENCH_SNAPSHOT: snapshot, XDG_CACHE_HOME: join(work, 'xdg-heap-at-report') },
  });
  const mb = (name: string) => Number(new RegExp(`slipway-bench-${name}-bytes (\\d+)`).exec(r.stderr)?.[1] ?? NaN) / 1048576;
  let findingsMb = NaN;
  try {
    findingsMb = findingsHeap(snapshot).bytes / 1048576;
  } catch {
    // no snapshot: a crash, shown as NaN
  } finally {
    rmSync(snapshot, { force: true });
  }
  return { youngMb: mb('young'), liveMb: mb('live'), findingsMb };
}

/** One run of `check -f json` (by default with `--ignore shellcheck`), its peaks read from bench/print-rss.cjs. */
function peakRss(cli: string, dir: string, env: NodeJS.ProcessEnv, args = ['--ignore', 'shellcheck']): Peak {
  const r = spawnSync(process.execPath, ['--require', join(ROOT, 'bench', 'print-rss.cjs'), cli, 'check', ...args, '-f', 'json', dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, ...env },
  });
  const mb = (name: string) => Number(new RegExp(`slipway-bench-${name}-kb (\\d+)`).exec(r.stderr)?.[1] ?? NaN) / 1024;
  let findings = NaN;
  try {
    findings = (JSON.parse(r.stdout) as { findings: unknown[] }).findings.length;
  } catch {
    // a crash: shown as NaN
  }
  const note = /slipway: info: (.*shellcheck.*)/i.exec(r.stderr)?.[1];
  return { peak: mb('max-rss'), beforeReport: mb('before-report-rss'), findings, reportMb: Buffer.byteLength(r.stdout) / 1048576, ...(note ? { note } : {}) };
}

/** The first `share` of the files under `from` (sorted paths), copied under `to`. */
export function subsetOf(from: string, to: string, share: number): string {
  const files = listFiles(from).sort();
  for (const f of files.slice(0, Math.ceil(files.length * share))) {
    const dest = join(to, relative(from, f));
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(f, dest);
  }
  return to;
}

/** `n` copies of the folder `from` under `to` (c1 … cn): the same files again, as more projects. */
function copiesOf(from: string, to: string, n: number): string {
  for (let i = 1; i <= n; i++) cpSync(from, join(to, `c${i}`), { recursive: true });
  return to;
}

export function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npx tsx bench/rss-curve.ts DIR [CLI]  (a folder of Dockerfiles, e.g. /tmp/s6/many; CLI: another build\'s dist/slipway.js)');
    process.exit(2);
  }
  const work = mkdtempSync(join(tmpdir(), 'slipway-rss-'));
  try {
    const cli = process.argv[3] ?? join(ROOT, 'dist', 'slipway.js');
    if (process.env.RSS_LAG_ONLY) printLaggingPipe(cli, copiesOf(dir, join(work, 'copies-4'), 4), work);
    else if (process.env.RSS_SHELLCHECK_ONLY) printShellcheckCurve(cli, sizesOf(dir, work), null, work);
    else printRssCurve(cli, dir, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
