// ShellCheck on every RUN: one shellcheck process for all the RUN scripts of a check (the I/O edge;
// the rules stay pure and the library works without it). Findings carry the SC code as their rule
// id, so `# hadolint ignore=SC2086`, `.hadolint.yaml` and `.slipway.yaml` (`SC2086: off`) apply.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dockerfile } from '../../parse/dockerfile/model.js';
import type { Finding, Severity } from '../../types.js';
import type { RuleLevel } from '../effective-rules.js';
import { findSuppressions, isSuppressed } from '../suppressions.js';
import { busyboxSupports } from './busybox.js';
import { DEFAULT_OFF_CODES, DROPPED_CODES, fileOffset, isShellcheckCode, runScripts, type RunScript } from './scripts.js';

export interface ShellcheckOptions {
  /** The shellcheck program: a path from config, or null for `shellcheck` on PATH. */
  binary: string | null;
  /** Config levels by rule id or alias (`SC2086`, `shellcheck`), any case. */
  overrides: Record<string, RuleLevel>;
}

export interface ShellcheckOutcome {
  findings: Finding[];
  /** One line to show when ShellCheck could not run (not installed, failed); null when it ran or was not needed. */
  note: string | null;
  /** Scripts checked and shellcheck processes started (for the benchmark and tests). */
  scripts: number;
  processes: number;
}

/** Files per shellcheck process: keeps the command line far below the system's limit. */
const BATCH = 400;
const SEVERITIES: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'style' };

export function shellcheckDockerfiles(dockerfiles: readonly Dockerfile[], options: ShellcheckOptions): ShellcheckOutcome {
  const levels = new Map(Object.entries(options.overrides).map(([k, v]) => [k.toLowerCase(), v]));
  const none: ShellcheckOutcome = { findings: [], note: null, scripts: 0, processes: 0 };
  if (levels.get('shellcheck') === 'off') return none;
  const scripts = dockerfiles.flatMap((df) => runScripts(df).map((script) => ({ df, script })));
  if (!scripts.length) return none;

  const binary = options.binary ?? 'shellcheck';
  const off = [...levels].filter(([k, v]) => v === 'off' && isShellcheckCode(k)).map(([k]) => Number(k.slice(2)));
  const enabled = (code: number) => (levels.get(`sc${code}`) ?? 'off') !== 'off';
  const exclude = [...DROPPED_CODES, ...DEFAULT_OFF_CODES.filter((c) => !enabled(c)), ...off].join(',');
  const dir = mkdtempSync(join(tmpdir(), 'slipway-shellcheck-'));
  const comments: ShellcheckComment[] = [];
  let processes = 0;
  // The same script (variants of one image, a shared install line) is checked once.
  const unique = new Map<string, number>();
  for (const { script } of scripts) if (!unique.has(script.text)) unique.set(script.text, unique.size);
  try {
    for (const [text, i] of unique) writeFileSync(join(dir, `${i}.sh`), text);
    for (let from = 0; from < unique.size; from += BATCH) {
      const files = Array.from({ length: Math.min(BATCH, unique.size - from) }, (_, k) => `${from + k}.sh`);
      // --norc: a project's .shellcheckrc is not read; no -x: sourced files are never opened.
      const res = spawnSync(binary, ['--format=json1', '--norc', `--exclude=${exclude}`, ...files], {
        cwd: dir,
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      processes++;
      if (res.error) {
        const missing = (res.error as NodeJS.ErrnoException).code === 'ENOENT';
        const note = missing
          ? `shellcheck not found${options.binary ? ` at '${binary}'` : ' on PATH'}: the ${scripts.length} RUN script(s) were not checked by ShellCheck (install it, e.g. apt-get install shellcheck, or name it in .slipway.yaml: shellcheck: /path/to/shellcheck)`
          : `shellcheck could not run (${res.error.message}): the RUN scripts were not checked by ShellCheck`;
        return { ...none, note, scripts: scripts.length, processes };
      }
      let parsed: { comments?: typeof comments };
      try {
        parsed = JSON.parse(res.stdout);
      } catch {
        const why = (res.stderr || res.stdout || `exit status ${res.status}`).trim().split('\n')[0];
        return { ...none, note: `shellcheck failed (${why}): the RUN scripts were not checked by ShellCheck`, scripts: scripts.length, processes };
      }
      comments.push(...(parsed.comments ?? []));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const findings: Finding[] = [];
  const suppressions = new Map<Dockerfile, ReturnType<typeof findSuppressions>>();
  const byFile = new Map<number, typeof comments>();
  for (const c of comments) {
    const i = Number(c.file.replace(/\.sh$/, ''));
    byFile.set(i, [...(byFile.get(i) ?? []), c]);
  }
  for (const { df, script } of scripts) {
    for (const c of byFile.get(unique.get(script.text)!) ?? []) {
      const finding = shellcheckFinding(df, script, c, levels, suppressions);
      if (finding) findings.push(finding);
    }
  }
  return { findings, note: null, scripts: scripts.length, processes };
}

/** One comment of shellcheck's json1 output (its file is the script's name in the batch). */
export interface ShellcheckComment {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
}

/** A comment as a finding in the Dockerfile (null: turned off, suppressed, or in slipway's header); the editor's cache uses it too. */
export function shellcheckFinding(
  df: Dockerfile,
  script: RunScript,
  c: ShellcheckComment,
  levels: Map<string, RuleLevel>,
  suppressions: Map<Dockerfile, ReturnType<typeof findSuppressions>>,
): Finding | null {
  const rule = `SC${c.code}`;
  const level = levels.get(rule.toLowerCase());
  if (level === 'off') return null;
  const start = fileOffset(script, c.line, c.column);
  if (start === null) return null; // in the header slipway wrote
  const end = fileOffset(script, c.endLine, c.endColumn) ?? start;
  if (script.busybox && busyboxSupports(c.code, df.text.slice(start, end))) return null;
  const from = df.lines.positionAt(start);
  const to = df.lines.positionAt(Math.max(end, start));
  if (!suppressions.has(df)) suppressions.set(df, findSuppressions(df));
  if (isSuppressed(suppressions.get(df)!, [rule, 'shellcheck'], from.line)) return null;
  return {
    rule,
    aliases: ['shellcheck'],
    severity: level ?? SEVERITIES[c.level] ?? 'warning',
    file: df.path,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    message: c.message,
    fixable: false,
  };
}
