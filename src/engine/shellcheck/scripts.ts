// The shell scripts of a Dockerfile's RUN instructions as ShellCheck should read them (pure: no
// process here, see run.ts), and the way back from a position in a script to the Dockerfile.
//
// Following hadolint (src/Hadolint/Rule/Shellcheck.hs): every shell-form RUN, ONBUILD RUN included;
// the shell is the first word of the SHELL in effect (inherited through FROM <stage>), or of a
// `# hadolint shell=...` pragma, else /bin/sh; the ARG/ENV names visible to the RUN (and the proxy
// variables) are exported in a header so ShellCheck does not call them unassigned; PowerShell/cmd
// and scripts with a shebang of another language are skipped.

import type { Dockerfile, Instruction } from '../../parse/dockerfile/model.js';
import { blankContinuations } from '../../parse/dockerfile/parse.js';
import { roughCommandCount } from '../../parse/dockerfile/shell.js';
import { scopeBefore, type ScopeView } from '../../parse/dockerfile/variables.js';
import { work } from '../../parse/dockerfile/work.js';
import { withTriggers } from '../../rules/dockerfile/helpers.js';
import { isNonPosixShell, shellFor, stageChain } from '../../rules/dockerfile/instructions/util.js';
import { isBusyboxImage } from './busybox.js';

/** ShellCheck codes hadolint leaves out in Dockerfiles. */
export const DROPPED_CODES: readonly number[] = [
  2187, // "Ash scripts will be checked as Dash": busybox sh is the norm in images
  1090, // "Can't follow non-constant source": needs a directive a Dockerfile cannot carry
  1091, // "Not following: file was not specified as input": the image's files are not here
];

/** Codes left out unless config gives them a level (`rules: { SC2046: warning }`). */
export const DEFAULT_OFF_CODES: readonly number[] = [
  // ShellCheck 0.11 — the version hadolint ships — no longer reports these by default; left out with an
  // older shellcheck too, so every version gives hadolint's findings.
  2002, // "Useless cat": optional (useless-use-of-cat) since 0.11
  3013, // "-nt/-ot/-ef in POSIX sh": removed in 0.11, POSIX.1-2024 has them
  // Deliberate in Dockerfiles: hadolint reports them, but 10 of 10 reviewed findings of each on 25 real
  // repositories were intended (test/ecosystem/REVIEW.md, "ShellCheck codes off by default").
  2046, // unquoted $(…): `-j$(nproc)`, an optional `$(… && echo --with-lto)`, `apk add $(cat deps)`
  2043, // a loop over one item: generated key lists that hold one key today
  1007, // `A= B= && …`: empty assignments on purpose
];

/** Is this name a ShellCheck code (`SC2086`)? Config and pragmas accept them as rule names. */
export const isShellcheckCode = (name: string): boolean => /^sc\d{4}$/i.test(name);

const PROXY_VARS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy'];

/** Shebangs ShellCheck is run on (hadolint's list); a script with any other shebang is another language. */
const SHELL_SHEBANGS = ['#!/bin/sh', '#!/bin/bash', '#!/bin/ksh', '#!/usr/bin/env sh', '#!/usr/bin/env bash', '#!/usr/bin/env ksh'];

export interface RunScript {
  inst: Instruction;
  /** What ShellCheck reads: `#!<shell>`, the exports, then the script. */
  text: string;
  /** Lines of the header (shebang and exports; the exports only when the script has its own shebang). */
  headerLines: number;
  /** The script starts with its own shebang, which stays first; the exports follow it. */
  ownShebang: boolean;
  /** The script as it sits in the Dockerfile: script offset i is file offset `base + i`. */
  body: string;
  base: number;
  /** Run by BusyBox ash (sh of an Alpine or busybox base image): see busybox.ts. */
  busybox: boolean;
  /** File offset of the script's first `.`/`source` command, or null (see known-false.ts). */
  sourcedAt: number | null;
}

/** RUN scripts with more commands than this are not given to ShellCheck (slipway's own rules still read them). */
export const MAX_SHELLCHECK_COMMANDS = 1_000;
/**
 * ShellCheck's time grows steeply with shapes no real RUN has (bench/hostile.bench.ts): `${A:-` nested
 * 800 deep took 0.9 s, 4,000 deep 58 s; `$A${B}` 800 times in one word 0.4 s, 4,000 times 8 s. The
 * deepest nesting in the 40 corpus repositories is 2 and the most `$` in one script 51.
 */
export const MAX_SHELLCHECK_NESTING = 16;
export const MAX_SHELLCHECK_EXPANSIONS = 1_000;

/** A RUN script left out of ShellCheck, and why (shown as a note: its findings would be missing). */
export interface SkippedScript {
  line: number;
  why: string;
}

/** Why ShellCheck should not be given this script (its time would run away), or null. */
export function tooHardForShellcheck(body: string): string | null {
  if (roughCommandCount(body) > MAX_SHELLCHECK_COMMANDS) return `more than ${MAX_SHELLCHECK_COMMANDS} commands`;
  let dollars = 0;
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 0x24 /* $ */) {
      if (++dollars > MAX_SHELLCHECK_EXPANSIONS) return `more than ${MAX_SHELLCHECK_EXPANSIONS} '$' expansions`;
      // `${` opens a nesting level; the `}` that closes it may belong to another brace: a rough count is enough.
      if (body.charCodeAt(i + 1) === 0x7b && ++depth > MAX_SHELLCHECK_NESTING) return `'\${' nested more than ${MAX_SHELLCHECK_NESTING} deep`;
    } else if (c === 0x7d /* } */ && depth > 0) depth--;
  }
  return null;
}

/**
 * The RUN scripts of a Dockerfile, in order. Scripts too hard for ShellCheck (tooHardForShellcheck) are
 * left out, and listed in `skipped` when given.
 */
export function runScripts(df: Dockerfile, skipped?: SkippedScript[]): RunScript[] {
  const out: RunScript[] = [];
  for (const inst of withTriggers(df.instructions)) {
    if (inst.keyword !== 'RUN' || inst.json) continue;
    const shell = shellOf(df, inst);
    if (shell === null) continue;
    const ash = /^(\/usr)?(\/bin\/)?(sh|ash)$/.test(shell) && !!inst.stage && isBusyboxImage(stageChain(inst.stage).at(-1)!.image);
    const visible = visibleNames(df, inst, shell);
    for (const { body, base } of bodies(df, inst)) {
      const header = [`#!${shell}`, ...mentionedNames(body, visible).map((n) => `export ${n}=1`)];
      if (body.startsWith('#!') && !SHELL_SHEBANGS.some((s) => body.startsWith(s))) continue;
      // ShellCheck's time and memory grow steeply with one long chain (2,000 `&&` links: 20 s, 1.9 GB), deep nesting, many expansions.
      const why = tooHardForShellcheck(body);
      if (why) {
        skipped?.push({ line: df.lines.positionAt(base).line, why });
        continue;
      }
      // A script with its own shell shebang (`RUN <<EOF` + `#!/bin/bash`) is read with that shell.
      const own = body.startsWith('#!');
      const head = own ? header.slice(1) : header;
      const lines = own ? body.split('\n') : [];
      const text = own ? [lines[0]!, ...head, ...lines.slice(1)].join('\n') : `${head.join('\n')}\n${body}`;
      out.push({ inst, text, headerLines: head.length, ownShebang: own, body, base, busybox: ash && !own, sourcedAt: firstSource(inst, base, body.length) });
    }
  }
  return out;
}

/** The shell program for a RUN, or null when it is not a POSIX shell (PowerShell, cmd, Windows images). */
function shellOf(df: Dockerfile, inst: Instruction): string | null {
  const set = inst.stage ? shellFor(inst) : shellAbove(df, inst);
  if (set) return isNonPosixShell(set) ? null : set[0]!.split(/\s+/)[0]!;
  const pragma = shellPragma(df, inst);
  if (pragma) return /^(pwsh|powershell|cmd)\b/i.test(pragma) ? null : pragma;
  // The base image implies the shell: Windows images run `cmd /S /C` without a SHELL.
  if (inst.stage) {
    const root = stageChain(inst.stage).at(-1)!.image;
    if (/(^|\/)(windows|nanoserver|servercore)|windowsservercore|mcr\.microsoft\.com\/(windows|powershell)/i.test(`${root.registry ?? ''}/${root.name}`)) return null;
  }
  return '/bin/sh';
}

/** A snippet without FROM (or a template whose FROM is `{{ … }}`): the last SHELL written above. */
function shellAbove(df: Dockerfile, inst: Instruction): string[] | null {
  return df.instructions.filter((i) => i.index < inst.index && i.keyword === 'SHELL' && i.json).at(-1)?.json ?? null;
}

/** The last `# hadolint shell=<name>` before the instruction. */
function shellPragma(df: Dockerfile, inst: Instruction): string | null {
  const pragmas = shellPragmas(df);
  // The last pragma at or before the instruction (comments are in file order): a binary search, as
  // scanning every comment for every RUN was quadratic (6,000 commented stages: 360 ms).
  let lo = 0;
  let hi = pragmas.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pragmas[mid]!.start <= inst.start) lo = mid + 1;
    else hi = mid;
  }
  return lo ? pragmas[lo - 1]!.shell : null;
}

const pragmasOf = new WeakMap<Dockerfile, { start: number; shell: string }[]>();

/** The file's `# hadolint shell=` pragmas, in order, found once per file. */
function shellPragmas(df: Dockerfile): { start: number; shell: string }[] {
  let found = pragmasOf.get(df);
  if (!found) {
    found = [];
    for (const c of df.comments) {
      const m = /^\s*#?\s*hadolint\s+shell\s*=\s*(\S+)/i.exec(c.text);
      if (m) found.push({ start: c.start, shell: m[1]! });
    }
    pragmasOf.set(df, found);
  }
  return found;
}

/**
 * The names set for this RUN: an ARG/ENV before it, a proxy variable, or assigned before a special
 * built-in. A list when there are few (the usual case: each is looked for in the script), else a lookup
 * (each word of the script is looked up: listing thousands of names for every RUN was quadratic).
 */
function visibleNames(df: Dockerfile, inst: Instruction, shell: string): string[] | ((name: string) => boolean) {
  let scope: ScopeView | null = null;
  try {
    scope = scopeBefore(df, inst);
  } catch {
    // a broken ARG/ENV never stops the check
  }
  const extra = new Set([...PROXY_VARS, ...setBeforeSpecialBuiltin(inst, shell)]);
  const few = [...extra];
  for (const name of scope?.keys() ?? []) {
    work.steps++;
    if (few.length > FEW_NAMES) return (n) => extra.has(n) || (scope?.has(n) ?? false);
    if (!extra.has(name) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) few.push(name); // a shell can export no other
  }
  return few;
}

/** Up to this many visible names, each is searched for in the script; above, the script's words are looked up. */
const FEW_NAMES = 64;

/**
 * The names to export in the script's header: the words of the script (runs of [A-Za-z0-9_] that do
 * not start with a digit) that are set for the RUN, in order of first use. A shell variable is always
 * written as such a whole word (`$NAME`, `${NAME:-x}`, `NAME=`, `$((NAME+1))`), so ShellCheck's findings
 * are those with every visible name exported; it reads less, and equal RUNs under other ARGs are one
 * script. Looked up word by word, not name by name: every name visible to every RUN was quadratic
 * (8,000 ARG/RUN pairs: 16 s).
 */
export function mentionedNames(body: string, visible: string[] | ((name: string) => boolean)): string[] {
  if (Array.isArray(visible)) {
    // Each name where it first stands as a whole word, in that order: what the scan below gives.
    const found = visible.map((name) => ({ name, at: wholeWordAt(body, name) })).filter((f) => f.at >= 0);
    return found.sort((a, b) => a.at - b.at).map((f) => f.name);
  }
  const seen = new Set<string>();
  const out: string[] = [];
  // A scan by character codes, not a global regex: this runs on every RUN of a cold process, where
  // matchAll's iterator and match arrays cost ~1.5× more.
  for (let i = 0; i < body.length; ) {
    if (!isWordChar(body.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < body.length && isWordChar(body.charCodeAt(i))) i++;
    const first = body.charCodeAt(start);
    if (first >= 0x30 && first <= 0x39) continue; // starts with a digit: not a name
    const word = body.slice(start, i);
    if (seen.has(word)) continue;
    seen.add(word);
    work.steps++;
    if (visible(word)) out.push(word);
  }
  return out;
}

/** Where `name` first stands in `body` as a whole word (no [A-Za-z0-9_] on either side), or -1. */
function wholeWordAt(body: string, name: string): number {
  for (let at = body.indexOf(name); at >= 0; at = body.indexOf(name, at + 1)) {
    work.steps++;
    if ((at === 0 || !isWordChar(body.charCodeAt(at - 1))) && !isWordChar(body.charCodeAt(at + name.length))) return at;
  }
  return -1;
}

/** [A-Za-z0-9_] */
const isWordChar = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

/** POSIX special built-ins: an assignment in front of one stays set afterwards (XCU 2.14). */
const SPECIAL_BUILTINS = new Set(['set', ':', '.', 'eval', 'exec', 'export', 'readonly', 'shift', 'times', 'trap', 'unset']);

/**
 * `buildDeps='gcc make' set -x && apk add $buildDeps` (a jessfraz idiom): in a POSIX sh the
 * assignment persists, ShellCheck does not model it (SC2154). bash outside POSIX mode does not keep
 * it, so only sh-family shells count.
 */
function setBeforeSpecialBuiltin(inst: Instruction, shell: string): string[] {
  if (!/(^|\/)(sh|dash|ash|busybox)$/.test(shell)) return [];
  return (inst.shell?.commands ?? []).filter((c) => SPECIAL_BUILTINS.has(c.program) && !c.inSubshell).flatMap((c) => c.assigns.map((a) => a.name));
}

/** Where the RUN first sources a file (`. ./env`, `source /etc/profile`) within this body, or null. */
function firstSource(inst: Instruction, base: number, length: number): number | null {
  const cmd = (inst.shell?.commands ?? []).find((c) => (c.program === '.' || c.program === 'source') && c.start >= base && c.start < base + length);
  return cmd ? cmd.start : null;
}

/**
 * The text the shell runs, with its place in the file. `RUN <<EOF` alone runs each heredoc body;
 * otherwise the instruction's text from its first argument on (heredoc bodies included), with line
 * continuations and the comment lines inside them blanked (as Docker drops them), offsets unchanged.
 */
function bodies(df: Dockerfile, inst: Instruction): { body: string; base: number }[] {
  const first = inst.args[0]?.value ?? '';
  if (inst.heredocs.length && first.startsWith('<<')) {
    return inst.heredocs.map((h) => ({ body: h.content, base: h.contentStart }));
  }
  const text = df.text.slice(inst.argsStart, inst.end);
  return text.trim() ? [{ body: blankContinuations(text, df.escapeChar), base: inst.argsStart }] : [];
}

/**
 * A ShellCheck position (1-based line and column, counted in characters, tabs as one) in `script.text`
 * to an offset in the Dockerfile, or null when it falls in the header.
 */
export function fileOffset(script: Pick<RunScript, 'ownShebang' | 'headerLines' | 'body' | 'base'>, line: number, column: number): number | null {
  // With the script's own shebang first, the header sits after line 1 of the body.
  let bodyLine: number;
  if (script.ownShebang) {
    if (line === 1) bodyLine = 0;
    else if (line <= 1 + script.headerLines) return null;
    else bodyLine = line - 1 - script.headerLines;
  } else {
    if (line <= script.headerLines) return null;
    bodyLine = line - 1 - script.headerLines;
  }
  let offset = 0;
  for (let l = 0; l < bodyLine; l++) {
    const nl = script.body.indexOf('\n', offset);
    if (nl < 0) return script.base + script.body.length;
    offset = nl + 1;
  }
  // Columns count code points; the file's offsets are UTF-16 units.
  for (let c = 1; c < column && offset < script.body.length && script.body[offset] !== '\n'; c++) {
    offset += (script.body.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
  }
  return script.base + offset;
}
