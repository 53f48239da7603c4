// ShellCheck in the editor: `check` runs one shellcheck process per run; the editor would start one per
// keystroke. Here each RUN script's comments are kept by its text, so only new or edited scripts go to
// shellcheck, in one batch, started without waiting (async spawn, one at a time); the documents are
// published again once their scripts are all known.

import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RuleLevel } from '../engine/effective-rules.js';
import { shellcheckAllowance, shellcheckFinding, type ShellcheckComment } from '../engine/shellcheck/run.js';
import { DROPPED_CODES, runScripts } from '../engine/shellcheck/scripts.js';
import type { Dockerfile } from '../parse/dockerfile/model.js';
import { findSuppressions } from '../engine/suppressions.js';
import type { Finding } from '../types.js';

/** Scripts remembered (a few per Dockerfile, and the texts of recent edits). */
const MAX_SCRIPTS = 5_000;
/** Scripts per shellcheck process, as check does. */
const BATCH = 400;

export interface ShellcheckSetup {
  /** A path from config, or null for `shellcheck` on PATH. */
  binary: string | null;
  overrides: Record<string, RuleLevel>;
  /** How long one shellcheck process may run before it is stopped (default: check's; tests shorten it). */
  timeoutMs?: number;
}

export class ShellcheckCache {
  private readonly comments = new Map<string, ShellcheckComment[]>();
  /**
   * Each parse's findings under the rule levels they were taken with: an unchanged Dockerfile keeps its
   * parse between keystrokes, so its scripts are not built and looked up again (with every file open,
   * a keystroke asks this for every Dockerfile of the workspace).
   */
  private readonly found = new WeakMap<Dockerfile, { levels: string; findings: Finding[] }>();
  private running: Promise<void> | null = null;
  /** Why shellcheck cannot run (not installed …): said once, then nothing more is tried. */
  note: string | null = null;

  /** The findings of these Dockerfiles' scripts, or null when some script is not checked yet. */
  findings(dfs: readonly Dockerfile[], setup: ShellcheckSetup): Finding[] | null {
    const levels = new Map(Object.entries(setup.overrides).map(([k, v]) => [k.toLowerCase(), v]));
    if (levels.get('shellcheck') === 'off' || this.note) return [];
    const levelsKey = JSON.stringify([...levels]);
    const out: Finding[] = [];
    for (const df of dfs) {
      const kept = this.found.get(df);
      if (kept?.levels === levelsKey) {
        out.push(...kept.findings);
        continue;
      }
      const suppressions = findSuppressions(df);
      const findings: Finding[] = [];
      for (const script of runScripts(df)) {
        const cs = this.comments.get(script.text);
        if (!cs) return null;
        for (const c of cs) {
          const f = shellcheckFinding(df, script, c, levels, suppressions);
          if (f) findings.push(f);
        }
      }
      this.found.set(df, { levels: levelsKey, findings });
      out.push(...findings);
    }
    return out;
  }

  /** Checks the scripts not known yet; resolves when they are (one run at a time). */
  async learn(dfs: readonly Dockerfile[], setup: ShellcheckSetup): Promise<void> {
    while (this.running) await this.running;
    const missing = [...new Set(dfs.flatMap((df) => runScripts(df).map((s) => s.text)))].filter((t) => !this.comments.has(t));
    if (!missing.length || this.note) return;
    this.running = this.run(missing, setup.binary ?? 'shellcheck', setup.timeoutMs).finally(() => (this.running = null));
    await this.running;
  }

  private async run(texts: string[], binary: string, timeoutMs?: number): Promise<void> {
    // The usual temp folder, not /dev/shm: a server that exits while shellcheck runs (the worker's
    // `finally` never runs) leaves this folder behind, and on tmpfs that would be memory.
    const dir = await mkdtemp(join(tmpdir(), 'slipway-lsp-shellcheck-'));
    try {
      for (let from = 0; from < texts.length; from += BATCH) {
        const batch = texts.slice(from, from + BATCH);
        await Promise.all(batch.map((t, i) => writeFile(join(dir, `${i}.sh`), t)));
        const allowance = shellcheckAllowance(batch.reduce((n, t) => n + t.length, 0), timeoutMs);
        const r = await shellcheck(binary, batch.map((_, i) => `${i}.sh`), dir, allowance);
        if ('note' in r) {
          this.note = r.note;
          return;
        }
        const byFile = new Map<string, ShellcheckComment[]>(batch.map((_, i) => [`${i}.sh`, []]));
        for (const c of r.comments) byFile.get(c.file)?.push(c);
        batch.forEach((t, i) => this.comments.set(t, byFile.get(`${i}.sh`)!));
      }
      // Oldest first out: a Map keeps insertion order.
      for (const key of this.comments.keys()) {
        if (this.comments.size <= MAX_SCRIPTS) break;
        this.comments.delete(key);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/** One shellcheck process; stopped after `timeoutMs` (a hostile script can make it run for minutes), and then not run again this session. */
function shellcheck(binary: string, files: string[], cwd: string, timeoutMs: number): Promise<{ comments: ShellcheckComment[] } | { note: string }> {
  return new Promise((resolve) => {
    // --norc: a project's .shellcheckrc is not read; no -x: sourced files are never opened.
    const child = spawn(binary, ['--format=json1', '--norc', `--exclude=${DROPPED_CODES.join(',')}`, ...files], { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: Math.ceil(timeoutMs), killSignal: 'SIGKILL' });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', (e: NodeJS.ErrnoException) => {
      resolve({ note: e.code === 'ENOENT' ? `shellcheck not found (${binary}): RUN scripts are not checked by ShellCheck in the editor` : `shellcheck could not run: ${e.message}` });
    });
    child.on('close', (status) => {
      if (child.killed) { // only spawn's timeout kills it
        resolve({ note: `shellcheck did not finish in ${Math.round(timeoutMs) / 1000} s and was stopped: RUN scripts are not checked by ShellCheck in the editor` });
        return;
      }
      try {
        resolve({ comments: (JSON.parse(Buffer.concat(out).toString('utf8')) as { comments?: ShellcheckComment[] }).comments ?? [] });
      } catch {
        resolve({ note: `shellcheck failed (${(err || `exit status ${status}`).trim().split('\n')[0]})` });
      }
    });
  });
}
