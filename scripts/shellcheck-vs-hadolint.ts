// Compares slipway's ShellCheck findings with what hadolint would report on the same Dockerfiles, with
// the same shellcheck binary, over real Dockerfiles on disk (nothing is copied into the repository).
// Usage: npx tsx scripts/shellcheck-vs-hadolint.ts DIR...
//
// hadolint cannot run here, so its input to ShellCheck is rebuilt as its source (hadolint 8f936c5:
// src/Hadolint/Rule/Shellcheck.hs, src/Hadolint/Shell.hs; language-docker's RUN parser) describes it:
// - the RUN text is one line: each escaped line break (and the comment lines after it) becomes one space
//   when the next line is indented, nothing otherwise; `RUN <<EOF` is the first heredoc's body, trimmed;
//   `RUN cmd <<EOF` is only the text before the heredoc;
// - the shell is the first word of the last SHELL (or `# hadolint shell=`), else /bin/sh; not run when it
//   names pwsh, powershell or cmd, or when the script's own shebang is not a POSIX shell's;
// - `export NAME=1` for the proxy variables and every ARG and ENV name seen in the stage so far; a FROM
//   resets them, except `FROM <earlier stage>`, which takes that stage's names (ARGs too) and shell;
//   ONBUILD instructions are a separate pass that sees only ONBUILD ARG/ENV/SHELL;
// - ShellCheck excludes 2187, 1090, 1091; every level down to style;
// - a finding is reported at the RUN's line, and findings with the same line, code and message are one;
//   a `# hadolint ignore=SCxxxx` on the line above the instruction drops it.
// slipway's findings are folded the same way (RUN line, code, message) so the two sets compare.
// Prints the findings per code for both, those only one side has, and up to 3 examples of each.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellcheckDockerfiles } from '../src/engine/shellcheck/run.js';
import { parseDockerfilesUnder } from './dockerfiles-on-disk.js';
import type { Dockerfile, Instruction } from '../src/parse/dockerfile/model.js';

const PROXIES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy'];
const POSIX_SHEBANGS = ['#!/bin/sh', '#!/bin/bash', '#!/bin/ksh', '#!/usr/bin/env sh', '#!/usr/bin/env bash', '#!/usr/bin/env ksh'];

interface Opts {
  shell: string;
  vars: Set<string>;
}
const defaults = (): Opts => ({ shell: '/bin/sh -c', vars: new Set(PROXIES) });

/** The RUN text as language-docker hands it to hadolint (see the header). */
function runText(df: Dockerfile, inst: Instruction): string {
  const first = inst.args[0]?.value ?? '';
  if (first.startsWith('<<') && inst.heredocs[0]) return inst.heredocs[0].content.trim();
  const esc = df.escapeChar.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  let raw = df.text.slice(inst.argsStart, inst.end);
  const here = raw.search(/<<-?["']?[A-Za-z_]/);
  if (inst.heredocs.length && here >= 0) raw = raw.slice(0, here);
  const breaks = new RegExp(`(?:${esc}[ \\t]*\\n+(?:[ \\t]*#[^\\n]*\\n+)*([ \\t]*))+`, 'g');
  return raw.replace(breaks, (m) => (/\n[ \t]+$/.test(m) || /\n[ \t]+[^ \t\n#]/.test(m) ? ' ' : '')).replace(/\n[\s\S]*$/, '').trim();
}

interface Job {
  file: string;
  line: number;
  script: string;
  /** Codes a `# hadolint ignore=` on the line above the instruction names. */
  ignored: string[];
}

/** hadolint's ShellCheck inputs for one Dockerfile: one state machine for the instructions, one for ONBUILD. */
function hadolintJobs(df: Dockerfile, file: string): Job[] {
  const jobs: Job[] = [];
  const pragmas = df.comments
    .map((c) => ({ at: c.start, shell: /^\s*#?\s*hadolint\s+shell\s*=\s*(\S+)/i.exec(c.text)?.[1] }))
    .filter((p): p is { at: number; shell: string } => !!p.shell);
  for (const onbuild of [false, true]) {
    let opts = defaults();
    let base = defaults();
    const stageOpts: Opts[] = [];
    const aliases: (string | null)[] = [];
    let p = 0;
    const seq = df.instructions.map((i) => (onbuild ? i.trigger : i.keyword === 'ONBUILD' ? null : i));
    df.instructions.forEach((outer, k) => {
      while (p < pragmas.length && pragmas[p]!.at < outer.start) {
        opts = { ...opts, shell: pragmas[p]!.shell };
        if (!stageOpts.length) base = opts;
        p++;
      }
      const inst = seq[k];
      if (!inst) return;
      if (inst.keyword === 'FROM') {
        const image = inst.args[0]?.value ?? '';
        const name = image.replace(/[:@].*$/, '');
        const parent = aliases.findIndex((a) => a !== null && a === name);
        opts = parent >= 0 ? stageOpts[parent]! : base;
        stageOpts.push(opts);
        const as = inst.args.findIndex((a) => a.value.toLowerCase() === 'as');
        aliases.push(as > 0 ? (inst.args[as + 1]?.value ?? null) : null);
        return;
      }
      const set = (o: Opts) => {
        opts = o;
        if (stageOpts.length) stageOpts[stageOpts.length - 1] = o;
      };
      if (inst.keyword === 'ARG' || inst.keyword === 'ENV') set({ ...opts, vars: new Set([...opts.vars, ...inst.properties.map((q) => q.name)]) });
      else if (inst.keyword === 'SHELL') set({ ...opts, shell: inst.json ? inst.json.join(' ') : inst.argsText });
      else if (inst.keyword === 'RUN' && !inst.json) {
        const text = runText(df, inst);
        if (['pwsh', 'powershell', 'cmd'].some((s) => opts.shell.includes(s))) return;
        if (text.startsWith('#!') && !POSIX_SHEBANGS.some((s) => text.startsWith(s))) return;
        const exports = [...opts.vars].sort().map((v) => `export ${v}=1\n`).join('');
        const above = df.comments.find((c) => c.line === outer.line - 1)?.text ?? '';
        const ignored = /hadolint\s+ignore\s*=\s*([\w,\s]+)/i.exec(above)?.[1]?.split(/[\s,]+/).filter(Boolean) ?? [];
        jobs.push({ file, line: outer.line, script: `#!${opts.shell.split(/\s+/)[0] ?? ''}\n${exports}${text}`, ignored });
      }
    });
  }
  return jobs;
}

type Comment = { file: string; line: number; code: number; message: string };

function runShellcheck(jobs: Job[], tmp: string): Set<string> {
  const keys = new Set<string>();
  for (let from = 0; from < jobs.length; from += 300) {
    const batch = jobs.slice(from, from + 300);
    const files = batch.map((j, k) => {
      const f = join(tmp, `${from + k}.sh`);
      writeFileSync(f, j.script);
      return f;
    });
    const res = spawnSync('shellcheck', ['--format=json1', '--norc', '--exclude=2187,1090,1091', ...files], { encoding: 'utf8', maxBuffer: 1 << 28 });
    for (const c of (JSON.parse(res.stdout) as { comments: Comment[] }).comments) {
      const job = batch[files.indexOf(c.file)]!;
      if (job.ignored.includes(`SC${c.code}`)) continue;
      keys.add(`${job.file}:${job.line}\tSC${c.code}\t${c.message}`);
    }
  }
  return keys;
}

const tmp = mkdtempSync(join(tmpdir(), 'slipway-sc-hadolint-'));
try {
  const ours = new Set<string>();
  const jobs: Job[] = [];
  const roots = process.argv.slice(2);
  for (const dir of roots) {
    const dfs = parseDockerfilesUnder(dir);
    for (const df of dfs) jobs.push(...hadolintJobs(df, df.path));
    const byPath = new Map(dfs.map((df) => [df.path, df]));
    for (const f of (await shellcheckDockerfiles(dfs, { binary: null, overrides: {} })).findings) {
      const df = byPath.get(f.file)!;
      // The instruction that holds the finding (ONBUILD RUN: the ONBUILD line).
      const inst = [...df.instructions].reverse().find((i) => i.line <= f.line)!;
      ours.add(`${df.path}:${inst.line}\t${f.rule}\t${f.message}`);
    }
  }
  const theirs = runShellcheck(jobs, tmp);
  const codes = new Map<string, { ours: number; theirs: number; onlyOurs: string[]; onlyTheirs: string[] }>();
  const row = (code: string) => codes.get(code) ?? codes.set(code, { ours: 0, theirs: 0, onlyOurs: [], onlyTheirs: [] }).get(code)!;
  for (const k of ours) {
    const r = row(k.split('\t')[1]!);
    r.ours++;
    if (!theirs.has(k)) r.onlyOurs.push(k);
  }
  for (const k of theirs) {
    const r = row(k.split('\t')[1]!);
    r.theirs++;
    if (!ours.has(k)) r.onlyTheirs.push(k);
  }
  console.log(`${jobs.length} RUN scripts as hadolint reads them; findings folded by (RUN line, code, message)`);
  console.log('code\tslipway\thadolint-model\tonly slipway\tonly hadolint');
  const sorted = [...codes].sort((a, b) => b[1].ours + b[1].theirs - a[1].ours - a[1].theirs);
  for (const [code, r] of sorted) console.log(`${code}\t${r.ours}\t${r.theirs}\t${r.onlyOurs.length}\t${r.onlyTheirs.length}`);
  const total = (f: (r: { ours: number; theirs: number; onlyOurs: string[]; onlyTheirs: string[] }) => number) => sorted.reduce((s, [, r]) => s + f(r), 0);
  console.log(`total\t${total((r) => r.ours)}\t${total((r) => r.theirs)}\t${total((r) => r.onlyOurs.length)}\t${total((r) => r.onlyTheirs.length)}`);
  for (const [code, r] of sorted) {
    for (const k of r.onlyOurs.slice(0, 3)) console.log(`  only slipway  ${code}: ${k.split('\t')[0]} ${k.split('\t')[2]}`);
    for (const k of r.onlyTheirs.slice(0, 3)) console.log(`  only hadolint ${code}: ${k.split('\t')[0]} ${k.split('\t')[2]}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
