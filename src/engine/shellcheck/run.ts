// ShellCheck on every RUN (the I/O edge; the rules stay pure and the library works without it).
// Findings carry the SC code as their rule id, so `# hadolint ignore=SC2086`, `.hadolint.yaml` and
// `.slipway.yaml` (`SC2086: off`) apply.
//
// ShellCheck costs more CPU than the rest of a check (~6 ms per script), so: each distinct script is
// checked once per run; results are kept per script text across runs (src/cache/shellcheck-results.ts);
// the shellcheck processes start as soon as the Dockerfiles are parsed and run while slipway's own
// rules do (their output goes to files, so nothing has to read a pipe meanwhile); and a large batch is
// split over two processes, which then use both cores of a small machine.

import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openShellcheckResults, type CachedComment } from '../../cache/shellcheck-results.js';
import type { Dockerfile } from '../../parse/dockerfile/model.js';
import type { LineIndex } from '../../parse/text.js';
import type { Finding, Severity } from '../../types.js';
import type { RuleLevel } from '../effective-rules.js';
import { findSuppressions, isSuppressed, type Suppression } from '../suppressions.js';
import { knownFalse } from './known-false.js';
import { detachedString } from '../../util/detached-string.js';
import { makeScratchDir } from './scratch-dir.js';
import { removeWhenGone } from './remove-when-gone.js';
import { undoOnSignal } from './undo-on-signal.js';
import { DEFAULT_OFF_CODES, DROPPED_CODES, fileOffset, isShellcheckCode, runScripts, type RunScript, type SkippedScript } from './scripts.js';

export interface ShellcheckOptions {
  /** The shellcheck program: a path from config, or null for `shellcheck` on PATH. */
  binary: string | null;
  /** Config levels by rule id or alias (`SC2086`, `shellcheck`), any case. */
  overrides: Record<string, RuleLevel>;
  /** Keep and reuse results per script text in the user's cache folder, found through this environment; absent: no cache. */
  cacheEnv?: NodeJS.ProcessEnv;
  /** What the kept results are grouped by (the checked folder): a run reads one file, that project's. */
  cacheScope?: string;
  /** How long one shellcheck process may run before it is killed (default SHELLCHECK_TIMEOUT_MS; tests shorten it). */
  timeoutMs?: number;
  /** Scripts that start a process while the rules run (default EARLY_BATCH; tests lower it). */
  earlyBatch?: number;
}

export interface ShellcheckOutcome {
  findings: Finding[];
  /** One line to show when ShellCheck could not run (not installed, failed); null when it ran or was not needed. */
  note: string | null;
  /** Scripts checked, answered from the results cache, and shellcheck processes started (for the benchmark and tests). */
  scripts: number;
  cached: number;
  processes: number;
}

/** A script as ShellCheck reads it and where it sits in its Dockerfile (no model: see shellcheckFile). */
export type ScriptText = Omit<RunScript, 'inst'>;

/** What ShellCheck's findings need of one Dockerfile: its texts, suppressions and scripts, not its parse. */
export interface ShellcheckFile {
  path: string;
  text: string;
  lines: LineIndex;
  suppressions: Suppression[];
  scripts: ScriptText[];
  /** RUN scripts too hard for ShellCheck, not given to it (see tooHardForShellcheck). */
  skipped: SkippedScript[];
}

/** The part of a Dockerfile ShellCheck needs, taken once so the model need not be kept for it. */
export function shellcheckFile(df: Dockerfile): ShellcheckFile {
  const skipped: SkippedScript[] = [];
  const scripts = runScripts(df, skipped).map(({ inst: _inst, ...rest }) => rest);
  return { path: df.path, text: df.text, lines: df.lines, suppressions: scripts.length ? findSuppressions(df) : [], scripts, skipped };
}

/** Files per shellcheck process: keeps the command line far below the system's limit. */
const BATCH = 400;
/** From this many scripts to check on, the batch is split over two processes (each costs ~2 ms to start). */
const SPLIT_FROM = 64;
/**
 * Scripts that start a shellcheck process while the rules run, when none is running: each process
 * costs ~10 ms of CPU to start (a 19 MB GHC program) and ~2 ms to fork slipway, against ~3 ms of
 * ShellCheck per script.
 */
const EARLY_BATCH = 48;
const SEVERITIES: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'style' };
/**
 * A shellcheck process that runs longer than this, plus PER_KB_MS for each kB of its scripts, is killed,
 * and no later one starts: a hostile script can make ShellCheck run for minutes (tooHardForShellcheck
 * leaves out the shapes known). Real scripts cost ShellCheck ~10 ms per kB on a quiet machine (400
 * average ones: ~1.5 s), so the allowance is ten times that on top of a minute, for a loaded machine.
 */
export const SHELLCHECK_TIMEOUT_MS = 60_000;
const PER_KB_MS = 100;

/** How long a shellcheck process over scripts of `bytes` in all may run (`base`: SHELLCHECK_TIMEOUT_MS unless a test shortens it). */
export const shellcheckAllowance = (bytes: number, base = SHELLCHECK_TIMEOUT_MS): number => base + (PER_KB_MS * bytes) / 1024;

/** ShellCheck fed one Dockerfile at a time, as each is checked: its processes start early and run beside the rules. */
export interface ShellcheckQueue {
  /** False when config or --ignore turned ShellCheck off: add() takes nothing, so build no scripts for it. */
  readonly wanted: boolean;
  /** A Dockerfile's scripts (taken with shellcheckFile just before its rules, which then read the same parsed shells). */
  add(file: ShellcheckFile): void;
  /** Checks what is left and maps every comment back to its Dockerfile, in the order the files were added. */
  done(): Promise<ShellcheckOutcome>;
}

/**
 * A queue over `expected` Dockerfiles (0: not known). The scripts not yet known go to ShellCheck while
 * the rules run: one process at a time beside them (the rules keep the other core busy), each taking
 * what came in since the last one started, from EARLY_BATCH scripts on; the rest at done(), split over
 * two processes. The rules do not yield to the event loop, so a process can only start inside add(),
 * which learns that the last one ended from its output file (written when it ends), not from an event.
 * One Dockerfile, or the last one: what is pending is sent at once, before its rules. Each distinct
 * script text is checked once per run.
 */
export function shellcheckQueue(options: ShellcheckOptions, expected: number): ShellcheckQueue {
  const levels = new Map(Object.entries(options.overrides).map(([k, v]) => [k.toLowerCase(), v]));
  const none: ShellcheckOutcome = { findings: [], note: null, scripts: 0, cached: 0, processes: 0 };
  const binary = options.binary ?? 'shellcheck';
  const off = [...levels].filter(([k, v]) => v === 'off' && isShellcheckCode(k)).map(([k]) => Number(k.slice(2)));
  const enabled = (code: number) => (levels.get(`sc${code}`) ?? 'off') !== 'off';
  const exclude = [...DROPPED_CODES, ...DEFAULT_OFF_CODES.filter((c) => !enabled(c)), ...off].join(',');
  // --norc: a project's .shellcheckrc is not read; no -x: sourced files are never opened.
  const args = ['--format=json1', '--norc', `--exclude=${exclude}`];

  // In the order added: a file whose scripts all had comments when added is kept as its findings only.
  const files: (ShellcheckFile | { findings: Finding[] })[] = [];
  const skipped: string[] = [];
  const timeoutMs = options.timeoutMs ?? SHELLCHECK_TIMEOUT_MS;
  let count = 0;
  // The same script (variants of one image, a shared install line) is checked once.
  const comments = new Map<string, CachedComment[]>();
  const unanswered = new Set<string>(); // scripts sent to (or waiting for) a shellcheck process
  const findingsOf = (f: ShellcheckFile): Finding[] => {
    const out: Finding[] = [];
    for (const script of f.scripts) {
      for (const c of comments.get(script.text)!) {
        const finding = shellcheckFinding(f, script, c, levels, f.suppressions);
        if (finding) out.push(finding);
      }
    }
    return out;
  };
  let results: ReturnType<typeof openShellcheckResults> | null | undefined; // opened with the first script
  let pending: string[] = [];
  let missing = 0;
  const runs: Promise<Checked & { texts: string[] }>[] = [];
  let busy: (() => boolean) | null = null; // is the last process started still running?
  const live: Live = { children: new Set(), stopped: false };
  const earlyBatch = options.earlyBatch ?? EARLY_BATCH;
  const send = (ways: number, early = false) => {
    if (!pending.length || live.stopped) return; // after a stop, the rest is not checked (the note says so)
    const texts = pending;
    pending = [];
    const run = checkScripts(texts, binary, args, timeoutMs, ways, live, early);
    busy = run.running;
    runs.push(run.checked.then((checked) => ({ ...checked, texts })));
  };
  const wanted = levels.get('shellcheck') !== 'off';
  const queue: ShellcheckQueue = {
    wanted,
    add(file) {
      if (!wanted) return;
      count += file.scripts.length;
      for (const s of file.skipped) skipped.push(`${file.path}:${s.line} (${s.why})`);
      let answered = true; // every script's comments known now (kept results, or a script seen before)
      for (const { text } of file.scripts) {
        if (comments.has(text)) {
          if (unanswered.has(text)) answered = false;
          continue;
        }
        if (results === undefined) results = options.cacheEnv ? openShellcheckResults(binary, args, options.cacheEnv, options.cacheScope) : null;
        const known = results?.get(text);
        // The key is a copy: the script's text is cut from the Dockerfile's, which it would keep alive.
        const key = detachedString(text);
        comments.set(key, known ?? []);
        if (!known) {
          pending.push(key);
          unanswered.add(key);
          answered = false;
          missing++;
        }
      }
      // Answered: its findings now, and nothing of the file is kept (its text, lines, scripts) till done().
      files.push(answered ? { findings: findingsOf(file) } : file);
      if (files.length === expected) send(2);
      else if (expected && pending.length >= earlyBatch && !busy?.()) send(1, true);
    },
    async done() {
      const skipNote = skipped.length
        ? `ShellCheck was not run on ${skipped.length} RUN script(s) too hard for it, so their ShellCheck findings are missing: ${skipped.slice(0, 3).join(', ')}${skipped.length > 3 ? ', …' : ''}`
        : null;
      if (!count) return { ...none, note: skipNote };
      // The rest (none when the last file was announced), over two processes beside the one that may
      // still run: the rules are done, both cores are ShellCheck's. A process stopped for its time
      // limit stops the others (stopAll), so a failure costs no more than before.
      send(2);
      const checked = await Promise.all(runs);
      const outcome = { ...none, scripts: count, cached: comments.size - missing, processes: checked.reduce((n, r) => n + r.processes, 0) };
      const failed = checked.find((r) => 'note' in r);
      if (failed && 'note' in failed) {
        const note = failed.missing
          ? `shellcheck not found${options.binary ? ` at '${binary}'` : ' on PATH'}: the ${count} RUN script(s) were not checked by ShellCheck (install it, e.g. apt-get install shellcheck, or name it in .slipway.yaml: shellcheck: /path/to/shellcheck)`
          : failed.note;
        return { ...outcome, note: skipNote ? `${note}; ${skipNote}` : note };
      }
      for (const run of checked) {
        if ('note' in run) continue;
        run.texts.forEach((text, i) => {
          comments.set(text, run.comments[i]!);
          results?.put(text, run.comments[i]!);
        });
      }
      results?.save();

      const findings: Finding[] = [];
      for (const f of files) for (const finding of 'findings' in f ? f.findings : findingsOf(f)) findings.push(finding);
      return { ...outcome, findings, note: skipNote };
    },
  };
  return queue;
}

/** Runs ShellCheck on the RUN scripts of these Dockerfiles (models or what shellcheckFile took of them). */
export function shellcheckDockerfiles(dockerfiles: readonly (Dockerfile | ShellcheckFile)[], options: ShellcheckOptions): Promise<ShellcheckOutcome> {
  const queue = shellcheckQueue(options, 0);
  const files = dockerfiles.map((d) => ('scripts' in d ? d : shellcheckFile(d)));
  // One send for all: as many processes as one batch of these scripts needs.
  for (const f of files) queue.add(f);
  return queue.done();
}

type Checked = { comments: CachedComment[][]; processes: number } | { note: string; missing: boolean; processes: number };

/**
 * ShellCheck's comments for each script, in order: `ways` processes (more when a part would exceed
 * BATCH; at most two at a time), output to files. `running()` says, without the event loop, whether
 * the last process started still runs: its output file is empty until it ends. `early`: started while
 * the rules run (see below).
 */
function checkScripts(texts: string[], binary: string, args: string[], timeoutMs: number, ways: number, live: Live, early: boolean): { checked: Promise<Checked>; running: () => boolean } {
  const made: string[] = []; // what this run wrote in dir, removed by name (see removeMade)
  let last = '';
  let ended = false;
  // Ctrl-C or a kill mid-run: the processes are stopped and the folder goes, as the finally below would.
  // Listening before the folder is made: a signal in between would leave it. A listener holds a signal
  // until the event loop turns: made while the rules run (which never yield), the folder is left to a
  // watcher process instead, and the listener starts once the loop turns.
  let dir = '';
  let forget = (): void => {};
  const listen = () => {
    if (ended) return;
    forget = undoOnSignal(() => {
      for (const child of live.children) child.kill('SIGKILL'); // (one left would fail on the missing scripts)
      if (dir) rmSync(dir, { recursive: true, force: true });
    });
  };
  if (!early) listen();
  dir = makeScratchDir('slipway-shellcheck-');
  if (early) {
    removeWhenGone(dir);
    queueMicrotask(listen); // microtasks run once the current synchronous work (the rules) ends
  }
  const running = () => {
    if (ended) return false;
    try {
      return statSync(last).size === 0;
    } catch {
      return false;
    }
  };
  const checked = (async (): Promise<Checked> => {
    try {
      try {
        texts.forEach((text, i) => {
          made.push(`${i}.sh`);
          writeFileSync(join(dir, `${i}.sh`), text);
        });
      } catch (e) {
        // A full or read-only temporary folder (a small /dev/shm in a container) costs ShellCheck's
        // findings, said in one line, never the rest of the check.
        return { missing: false, processes: 0, note: `shellcheck could not run (its scripts could not be written in ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): the RUN scripts were not checked by ShellCheck` };
      }
      const chunks = split(texts, texts.length >= SPLIT_FROM ? ways : 1);
      const byScript: CachedComment[][] = texts.map(() => []);
      let processes = 0;
      // Two at a time: the chunks of the first round run side by side, the rest (over BATCH each) after them.
      for (let i = 0; i < chunks.length; i += 2) {
        const round = chunks.slice(i, i + 2);
        processes += round.length;
        const allowance = (c: number[]) => shellcheckAllowance(c.reduce((n, j) => n + texts[j]!.length, 0), timeoutMs);
        const started = round.map((c, k) => shellcheckProcess(binary, args, c, dir, `out-${i + k}`, made, allowance(c), live));
        last = join(dir, `out-${i + round.length - 1}.json`);
        const outs = await Promise.all(started);
        for (const out of outs) {
          if ('note' in out) return { ...out, processes };
          for (const c of out.comments) byScript[Number(c.file.replace(/\.sh$/, ''))]?.push(c);
        }
      }
      return { comments: byScript, processes };
    } finally {
      ended = true;
      removeMade(dir, made);
      forget();
    }
  })();
  return { checked, running };
}

/**
 * Removes the files this run wrote, then the folder. Not rmSync(recursive) first: it walks the folder
 * in JavaScript (Node's rimraf, whose module is compiled on first use) and cost ~1.5 ms of a
 * one-Dockerfile check's ~100; the names are known, and ShellCheck writes nothing there. A wrapper
 * named as shellcheck might: then the folder is not empty and goes the long way.
 */
function removeMade(dir: string, made: string[]): void {
  for (const name of made) {
    try {
      unlinkSync(join(dir, name));
    } catch {
      // already gone: nothing to remove
    }
  }
  try {
    rmdirSync(dir);
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Script indices in about `ways` runs of similar text length (more when a run would exceed BATCH). */
function split(texts: string[], ways: number): number[][] {
  const total = texts.reduce((n, t) => n + t.length, 0);
  const target = total / Math.max(ways, Math.ceil(texts.length / BATCH));
  const chunks: number[][] = [];
  let chunk: number[] = [];
  let size = 0;
  texts.forEach((t, i) => {
    chunk.push(i);
    size += t.length;
    if (size >= target || chunk.length >= BATCH) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
  });
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

/** One comment of shellcheck's json1 output. */
export interface ShellcheckComment extends CachedComment {
  /** The script's name in the batch (`12.sh`). */
  file: string;
}

/** One shellcheck process over the scripts `indices` of `dir`; its output goes to a file there. */
function shellcheckProcess(
  binary: string,
  args: string[],
  indices: number[],
  dir: string,
  name: string,
  made: string[],
  timeoutMs: number,
  live: Live,
): Promise<{ comments: ShellcheckComment[] } | { note: string; missing: boolean }> {
  const outFile = join(dir, `${name}.json`);
  const errFile = join(dir, `${name}.err`);
  made.push(`${name}.json`, `${name}.err`);
  const out = openSync(outFile, 'w');
  const err = openSync(errFile, 'w');
  return new Promise((resolve) => {
    const child = spawn(binary, [...args, ...indices.map((i) => `${i}.sh`)], { cwd: dir, stdio: ['ignore', out, err], timeout: Math.ceil(timeoutMs), killSignal: 'SIGKILL' });
    live.children.add(child);
    // 'close' can follow 'error' (a spawn that failed; the time limit's kill of a process that had just
    // ended): by then the run may have ended and removed the folder, so only the first event counts.
    let settled = false;
    child.on('error', (e: NodeJS.ErrnoException) => {
      live.children.delete(child);
      if (settled) return;
      settled = true;
      resolve({ missing: e.code === 'ENOENT', note: `shellcheck could not run (${e.message}): the RUN scripts were not checked by ShellCheck` });
    });
    child.on('close', (status, signal) => {
      live.children.delete(child);
      if (settled) return;
      settled = true;
      // Stopped by spawn's timeout or by stopAll after another one's. Not `killed` alone: the timeout's timer runs
      // when the loop turns, so a process that ended while the rules held it is "killed" too, already gone.
      if (child.killed && signal !== null) {
        live.note ??= `shellcheck did not finish in ${Math.round(timeoutMs) / 1000} s and was stopped: the RUN scripts were not checked by ShellCheck`;
        stopAll(live);
        resolve({ missing: false, note: live.note });
        return;
      }
      let stdout = '';
      try {
        stdout = readFileSync(outFile, 'utf8');
        resolve({ comments: (JSON.parse(stdout) as { comments?: ShellcheckComment[] }).comments ?? [] });
      } catch {
        const why = (readOr(errFile) || stdout || `exit status ${status}`).trim().split('\n')[0];
        resolve({ missing: false, note: `shellcheck failed (${why}): the RUN scripts were not checked by ShellCheck` });
      }
    });
  }).finally(() => {
    closeSync(out);
    closeSync(err);
  }) as Promise<{ comments: ShellcheckComment[] } | { note: string; missing: boolean }>;
}

/** A file's text, or '' when it cannot be read. */
function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The running shellcheck processes of one queue; `stopped` once one was stopped for its time limit. */
interface Live {
  children: Set<ChildProcess>;
  stopped: boolean;
  /** What the first one stopped says (the others were stopped with it). */
  note?: string;
}

/** One process was stopped for its time limit: the others go too and none starts after, so a hostile project costs one allowance. */
function stopAll(live: Live): void {
  live.stopped = true;
  for (const child of live.children) child.kill('SIGKILL');
  live.children.clear();
}

/** A comment as a finding in the Dockerfile (null: turned off, suppressed, or in slipway's header); the editor's cache uses it too. */
export function shellcheckFinding(
  file: Pick<ShellcheckFile, 'path' | 'text' | 'lines'>,
  script: ScriptText,
  c: CachedComment,
  levels: Map<string, RuleLevel>,
  suppressions: Suppression[],
): Finding | null {
  const rule = `SC${c.code}`;
  const level = levels.get(rule.toLowerCase());
  if (level === 'off') return null;
  const start = fileOffset(script, c.line, c.column);
  if (start === null) return null; // in the header slipway wrote
  const end = fileOffset(script, c.endLine, c.endColumn) ?? start;
  if (knownFalse(c.code, script, file.text, start, end)) return null;
  const from = file.lines.positionAt(start);
  const to = file.lines.positionAt(Math.max(end, start));
  if (isSuppressed(suppressions, [rule, 'shellcheck'], from.line)) return null;
  return {
    rule,
    aliases: ['shellcheck'],
    severity: level ?? SEVERITIES[c.level] ?? 'warning',
    file: file.path,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    message: c.message,
    fixable: false,
  };
}
