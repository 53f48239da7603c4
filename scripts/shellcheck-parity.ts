// Compares slipway's batched ShellCheck run with shellcheck run by hand on each extracted RUN script (with
// every visible ARG/ENV name exported, where slipway exports only those the script uses), over real Dockerfiles on
// disk (they stay where they are; nothing is copied into the repository).
// Usage: npx tsx scripts/shellcheck-parity.ts DIR...
// Prints, per folder: Dockerfiles, RUN scripts, SC findings, findings that differ, the mapped text that
// differs from the script text, and the time of the batched run against the per-script runs.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellcheckDockerfiles } from '../src/engine/shellcheck/run.js';
import { parseDockerfilesUnder } from './dockerfiles-on-disk.js';
import { knownFalse } from '../src/engine/shellcheck/known-false.js';
import { DEFAULT_OFF_CODES, DROPPED_CODES, fileOffset, runScripts, type RunScript } from '../src/engine/shellcheck/scripts.js';
import type { Dockerfile } from '../src/parse/dockerfile/model.js';
import { scopeBefore } from '../src/parse/dockerfile/variables.js';
import { findSuppressions, isSuppressed } from '../src/engine/suppressions.js';

const PROXY_VARS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy'];

/** The script as ShellCheck would read it with every visible name exported (those of its own header too). */
function everyNameExported(df: Dockerfile, s: RunScript): RunScript {
  const lines = s.text.split('\n');
  const own = s.ownShebang;
  const shebang = own ? [] : [lines[0]!];
  const mine = lines.slice(own ? 1 : 1, own ? 1 + s.headerLines : s.headerLines);
  let visible: string[] = [];
  try {
    visible = [...scopeBefore(df, s.inst).keys()].filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
  } catch {
    // a broken ARG/ENV: none, as scripts.ts does
  }
  const exports = [...new Set([...PROXY_VARS.map((n) => `export ${n}=1`), ...visible.map((n) => `export ${n}=1`), ...mine])];
  const head = [...shebang, ...exports];
  const bodyLines = s.body.split('\n');
  const text = own ? [bodyLines[0]!, ...head, ...bodyLines.slice(1)].join('\n') : `${head.join('\n')}\n${s.body}`;
  return { ...s, text, headerLines: head.length };
}

const tmp = mkdtempSync(join(tmpdir(), 'slipway-sc-parity-'));
let failed = false;
try {
  for (const dir of process.argv.slice(2)) {
    const dfs = parseDockerfilesUnder(dir);
    let t = performance.now();
    const batched = await shellcheckDockerfiles(dfs, { binary: null, overrides: {} });
    const batchMs = performance.now() - t;
    const byHand: string[] = [];
    let textMismatch = 0;
    t = performance.now();
    for (const df of dfs) {
      const sups = findSuppressions(df);
      for (const trimmed of runScripts(df)) {
        // By hand with every ARG/ENV name visible to the RUN and every proxy variable exported: the
        // batched run exports only the names the script uses (scripts.ts mentionedNames); the findings must agree.
        const script = everyNameExported(df, trimmed);
        const file = join(tmp, 'one.sh');
        writeFileSync(file, script.text);
        const res = spawnSync('shellcheck', ['--format=json1', '--norc', `--exclude=${[...DROPPED_CODES, ...DEFAULT_OFF_CODES].join(',')}`, file], { encoding: 'utf8' });
        for (const c of JSON.parse(res.stdout).comments as { line: number; column: number; endLine: number; endColumn: number; code: number }[]) {
          const start = fileOffset(script, c.line, c.column);
          const end = fileOffset(script, c.endLine, c.endColumn);
          if (start === null || end === null) continue;
          const line = script.text.split('\n')[c.line - 1]!;
          const want = c.line === c.endLine ? [...line].slice(c.column - 1, c.endColumn - 1).join('') : [...line].slice(c.column - 1).join('');
          const got = df.text.slice(start, c.line === c.endLine ? end : df.text.indexOf('\n', start));
          if (want !== got) {
            textMismatch++;
            console.log(`  text differs: ${df.path} SC${c.code}: script '${want}' vs file '${got}'`);
          }
          const a = df.lines.positionAt(start);
          const b = df.lines.positionAt(end);
          if (isSuppressed(sups, [`SC${c.code}`], a.line)) continue;
          if (knownFalse(c.code, script, df.text, start, end)) continue; // as the batched run drops them
          byHand.push(`${df.path}:${a.line}:${a.column}-${b.line}:${b.column} SC${c.code}`);
        }
      }
    }
    const handMs = performance.now() - t;
    const got = batched.findings.map((f) => `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.rule}`);
    const missing = byHand.filter((k) => !got.includes(k));
    const extra = got.filter((k) => !byHand.includes(k));
    for (const k of [...missing.map((m) => `only by hand: ${m}`), ...extra.map((e) => `only batched: ${e}`)].slice(0, 10)) console.log(`  ${k}`);
    if (missing.length || extra.length || textMismatch || batched.note) failed = true;
    const codes = new Map<string, number>();
    for (const f of batched.findings) codes.set(f.rule, (codes.get(f.rule) ?? 0) + 1);
    const top = [...codes].sort((x, y) => y[1] - x[1]).slice(0, 5).map(([k, n]) => `${k} ${n}`).join(', ');
    console.log(
      `${dir}: ${dfs.length} Dockerfiles, ${batched.scripts} RUN scripts, ${batched.findings.length} SC findings (${top}); ` +
        `differ: ${missing.length + extra.length}, text mismatches: ${textMismatch}; ` +
        `batched ${batched.processes} process(es) ${batchMs.toFixed(0)} ms vs ${batched.scripts} by hand ${handMs.toFixed(0)} ms` +
        (batched.note ? `; note: ${batched.note}` : ''),
    );
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
