// Shared queries of the package-manager family: command lines parsed into sub-command and operands,
// which stages ship their layers, environment settings from ENV/ARG/RUN, and small rule factories.

import type { Dockerfile, Instruction, Stage } from '../../../parse/dockerfile/model.js';
import type { ShellCommand, ShellWord } from '../../../parse/dockerfile/shell.js';
import { scopeBefore, substitute } from '../../../parse/dockerfile/variables.js';
import type { DockerfileContext, DockerfileRule, RuleMeta } from '../../types.js';
import { hasOpt, optValues, parseArgv } from '../argv.js';
import { cacheMounted, commandsOf, mounts, withTriggers } from '../helpers.js';
import { fileMemo } from '../file-memo.js';
import { someBefore } from '../some-before.js';

export interface Run {
  inst: Instruction;
  cmd: ShellCommand;
}

/** Every command of every RUN (ONBUILD triggers included), optionally filtered by program. */
export function runs(df: Dockerfile, programs?: readonly string[] | ((program: string) => boolean)): readonly Run[] {
  const all = fileMemo(df, 'runs', () => everyRun(df));
  if (programs === undefined) return all;
  if (typeof programs === 'function') return all.filter((r) => programs(r.cmd.program));
  // Most rules ask for one program: its commands, grouped once per file.
  if (programs.length === 1) return fileMemo(df, 'runs by program', () => byProgram(all)).get(programs[0]!) ?? NO_RUNS;
  // A few lists come back for every file (the apt, yum and option rules' programs): each filtered once.
  return fileMemo(df, `runs of ${programs.join(' ')}`, () => all.filter((r) => programs.includes(r.cmd.program)));
}

const NO_RUNS: readonly Run[] = [];

function byProgram(all: readonly Run[]): Map<string, Run[]> {
  const out = new Map<string, Run[]>();
  for (const r of all) {
    const list = out.get(r.cmd.program);
    if (list) list.push(r);
    else out.set(r.cmd.program, [r]);
  }
  return out;
}

function everyRun(df: Dockerfile): Run[] {
  const out: Run[] = [];
  for (const inst of withTriggers(df.instructions)) {
    if (inst.keyword !== 'RUN') continue;
    for (const cmd of commandsOf(inst)) out.push({ inst, cmd });
  }
  return out;
}

/** A command line split into options, the sub-command and its operands. Indices are into `cmd.argv`. */
export interface Parsed {
  /** Index of the sub-command (first non-option word at or after `from`), -1 when none. */
  sub: number;
  /** Indices of the non-option words after the sub-command. */
  readonly operands: readonly number[];
  /** Indices of the option words (values of options excluded). */
  readonly options: readonly number[];
}

/**
 * Parses `cmd.argv` from `from` (see argv.ts: grouped short options, values of the program's valued
 * options and of `withValue` skipped, `--` ends the options). The first operand is the sub-command unless `noSub`.
 */
export function parseArgs(cmd: ShellCommand, from = 1, withValue: Iterable<string> = EMPTY, noSub = false): Parsed {
  const argv = parseArgv(cmd, from, withValue);
  const options = [...new Set(argv.options.map((o) => o.index))];
  if (noSub) return { sub: from - 1, operands: argv.operands, options };
  return { sub: argv.operands[0] ?? -1, operands: argv.operands.slice(1), options };
}

const EMPTY: ReadonlySet<string> = new Set();

/** Index of the first operand from `from` on (values of valued options skipped), or -1. */
export function nextWord(cmd: ShellCommand, from: number, withValue: Iterable<string> = EMPTY): number {
  return parseArgv(cmd, from, withValue).operands[0] ?? -1;
}

/** The value of argv[i], or null when it is dynamic (`$PKG`, `$(cat list)`). */
export function literal(cmd: ShellCommand, i: number): string | null {
  const w = cmd.words[i];
  return w ? w.value : null;
}

/** Is the short option `-<letter>` given among argv[from..], also inside a group (`-fsSLk`)? `valueLetters` take a value (`-ukey` is `-u key`). */
export function hasShort(cmd: ShellCommand, letter: string, valueLetters: string, from = 1): boolean {
  return hasOpt(parseArgv(cmd, from, [...valueLetters].map((c) => `-${c}`)), `-${letter}`);
}

/** Index of the argv word of the first of the options `names` (long options also as `--name=value`), or -1. */
export function optionIndex(cmd: ShellCommand, names: readonly string[], from = 1): number {
  return parseArgv(cmd, from).options.find((o) => names.includes(o.name))?.index ?? -1;
}

/** Values given to an option: `-o X`, `-oX`, `--option X`, `--option=X`. */
export function optionValues(cmd: ShellCommand, short: string | null, long: string | null): string[] {
  const names = [short, long].filter((n): n is string => n !== null);
  return optValues(parseArgv(cmd, 1, names), ...names);
}

/** The range of a word. */
export function wordSpan(w: ShellWord): { start: number; end: number } {
  return { start: w.start, end: Math.max(w.start, w.end) };
}

/** The range from the program to argv[last] (`apt-get install`). */
export function commandSpan(cmd: ShellCommand, last = 0): { start: number; end: number } {
  const first = cmd.words[0];
  const end = cmd.words[Math.min(Math.max(last, 0), cmd.words.length - 1)];
  if (!first || !end) return { start: cmd.start, end: Math.max(cmd.start, cmd.end) };
  return { start: first.start, end: Math.max(first.start, end.end) };
}

/** The word sits in the file exactly as parsed (not exec form, not a re-quoted nested script): safe to edit. */
export function editable(df: Dockerfile, w: ShellWord | undefined): w is ShellWord {
  return w !== undefined && w.value !== null && w.end > w.start && df.text.slice(w.start, w.end) === w.text;
}

/**
 * Does the instruction's layer end up in a shipped image (its stage is shipped, or a shipped stage is
 * built FROM it)? An ONBUILD trigger always does: it runs in every image built FROM this one.
 */
export function shipsLayers(df: Dockerfile, inst: Instruction): boolean {
  const stage = inst.stage;
  if (!stage || df.instructions[inst.index] !== inst) return true;
  for (const s of df.stages) {
    if (!s.shipped) continue;
    for (let c: Stage | null = s, n = 0; c && n <= df.stages.length; c = c.image.stage, n++) if (c === stage) return true;
  }
  return false;
}

/** Does any `rm` in the RUN remove one of `dirs` (or something inside it)? `rm -rf /var/lib/apt/lists/*`. */
export function removes(inst: Instruction, ...dirs: string[]): boolean {
  return removesAfter(inst, -1, ...dirs);
}

/** `removes`, counting only `rm` commands that start after offset `after` (a clean-up before the install cleans nothing). */
export function removesAfter(inst: Instruction, after: number, ...dirs: string[]): boolean {
  return commandsOf(inst, 'rm').some((c) =>
    c.start > after &&
    c.argv.slice(1).some((a) => {
      const path = a.replace(/\/?\*$/, '').replace(/\/+$/, '');
      return dirs.some((d) => path === d || path.startsWith(`${d}/`));
    }),
  );
}

/** Is a cache or tmpfs mount over one of `dirs`, or over a directory ending in one of `suffixes`? */
export function cacheCovered(inst: Instruction, dirs: string[], suffixes: string[] = []): boolean {
  if (cacheMounted(inst, ...dirs)) return true;
  if (!suffixes.length) return false;
  return [...mounts(inst, 'cache'), ...mounts(inst, 'tmpfs')]
    .map((o) => (o.get('target') ?? o.get('dst') ?? o.get('destination') ?? '').replace(/\/+$/, ''))
    .some((t) => t !== '' && suffixes.some((s) => t.endsWith(s)));
}

/** The value of a variable for `inst` (ENV/ARG seen so far in the stage), or undefined when not set. */
export function variable(df: Dockerfile, inst: Instruction, name: string): string | null | undefined {
  try {
    return scopeBefore(df, inst).get(name);
  } catch {
    return undefined;
  }
}

/** An environment variable set in the Dockerfile: by ENV, ARG (visible to RUN), `NAME=v cmd`, `export`, `env`. */
export interface EnvSetting {
  name: string;
  /** The value after substitution; null when not known. */
  value: string | null;
  start: number;
  end: number;
  via: 'ENV' | 'ARG' | 'RUN';
}

export function envSettings(df: Dockerfile): readonly EnvSetting[] {
  return fileMemo(df, 'env', () => deriveEnvSettings(df));
}

function deriveEnvSettings(df: Dockerfile): EnvSetting[] {
  const out: EnvSetting[] = [];
  for (const inst of withTriggers(df.instructions)) {
    if (inst.keyword === 'ENV' || inst.keyword === 'ARG') {
      for (const p of inst.properties) {
        let value = p.value;
        if (value !== null && value.includes('$')) {
          const s = substitute(value, scopeBeforeSafe(df, inst));
          value = s.unresolved.length ? null : s.value;
        }
        // `ARG NAME` without a default sets nothing unless --build-arg is given.
        if (inst.keyword === 'ARG' && p.value === null) continue;
        out.push({ name: p.name, value, start: p.start, end: Math.max(p.start, p.end), via: inst.keyword });
      }
    } else if (inst.keyword === 'RUN') {
      for (const cmd of commandsOf(inst)) {
        if (cmd.assigns.length) {
          const first = cmd.words[0];
          let end = first ? first.start : cmd.end;
          while (end > cmd.start && /\s/.test(df.text[end - 1] ?? '')) end--;
          for (const a of cmd.assigns) out.push({ name: a.name, value: a.value, start: cmd.start, end: Math.max(cmd.start, end), via: 'RUN' });
        }
        if (cmd.program === 'export' || cmd.program === 'env' || cmd.program === 'declare') {
          for (const w of cmd.words.slice(1)) {
            const text = w.value ?? w.text;
            const eq = text.indexOf('=');
            if (eq <= 0 || text.startsWith('-')) continue;
            out.push({
              name: text.slice(0, eq),
              value: w.value === null ? null : text.slice(eq + 1),
              ...wordSpan(w),
              via: 'RUN',
            });
          }
        }
      }
    }
  }
  return out;
}

function scopeBeforeSafe(df: Dockerfile, inst: Instruction) {
  try {
    return scopeBefore(df, inst);
  } catch {
    return new Map<string, string | null>();
  }
}

/** Is the environment variable set (to a value other than a falsy one) for commands of `inst`? */
export function envEnabled(df: Dockerfile, inst: Instruction, cmd: ShellCommand, name: string): boolean {
  const falsy = (v: string | null | undefined) => v !== null && v !== undefined && /^(|0|false|no|off)$/i.test(v.trim());
  const assigned = cmd.assigns.find((a) => a.name === name);
  if (assigned) return !falsy(assigned.value);
  // `export NAME=1 && ...` earlier in the same RUN.
  for (const c of commandsOf(inst)) {
    if (c.start >= cmd.start) break;
    if (c.program !== 'export') continue;
    for (const a of c.argv.slice(1)) if (a.startsWith(`${name}=`)) return !falsy(a.slice(name.length + 1));
  }
  const v = variable(df, inst, name);
  return v !== undefined && !falsy(v);
}

/** Words of earlier RUNs of the stage (and the stages it is built FROM; ONBUILD RUN too), heredoc bodies included. */
function mentionedIn(df: Dockerfile, pattern: RegExp): boolean {
  if (pattern.global || pattern.sticky) return pattern.test(df.text);
  return fileMemo(df, `mentions /${pattern.source}/${pattern.flags}`, () => pattern.test(df.text));
}

/**
 * Does an earlier RUN say something: a word of its commands or a heredoc's content passing `test`? Earlier
 * RUNs are those before `inst` in its stage and in the stages it is built FROM (ONBUILD triggers included),
 * or before it in a snippet without FROM. `question` names `test` (one test per name and file).
 * Each RUN is tested once per file and question (someBefore's walk): listing every earlier RUN's words per
 * RUN was quadratic (a file naming `Assume-Yes` once and 9,600 installs: 48 s).
 */
export function earlierRunSays(df: Dockerfile, inst: Instruction, question: string, mentions: RegExp, test: (text: string) => boolean): boolean {
  // Nothing earlier can say what the text nowhere says: a cheap test that keeps a file of 100 RUNs linear.
  // Its answer is kept per file and pattern. Patterns with state (g, y) are tested each time.
  if (!mentionedIn(df, mentions)) return false;
  // An ONBUILD RUN counts where the ONBUILD stands (its trigger has the ONBUILD's index).
  const says = (i: Instruction) => runSays(i, test) || (i.trigger !== null && runSays(i.trigger, test));
  if (inst.stage) return someBefore(inst, `earlierRunSays:${question}`, says);
  const first = fileMemo(df, `earlierRunSays:${question}:before FROM`, () => df.instructions.find((i) => i.stage === null && says(i))?.index ?? Infinity);
  return first < inst.index;
}

/** Is `i` a RUN with a word of its commands or a heredoc's content passing `test`? */
function runSays(i: Instruction, test: (text: string) => boolean): boolean {
  if (i.keyword !== 'RUN') return false;
  return commandsOf(i).some((c) => c.argv.some(test)) || i.heredocs.some((h) => test(h.content));
}

// ---- factories --------------------------------------------------------------------------------

type Meta = Omit<RuleMeta, 'target' | 'category'> & { category?: RuleMeta['category'] };

export function rule(meta: Meta, check: (ctx: DockerfileContext) => void): DockerfileRule {
  return { meta: { target: 'dockerfile', category: 'packages', ...meta }, check };
}

/** A rule reporting environment variables that turn a safety check off. */
export function envRule(
  meta: Meta,
  match: (name: string) => boolean,
  bad: (value: string | null) => boolean,
  message: (name: string, value: string | null) => string,
): DockerfileRule {
  return rule(meta, ({ df, report }) => {
    for (const e of envSettings(df)) {
      if (!match(e.name) || !bad(e.value)) continue;
      report({ start: e.start, end: e.end, message: message(e.name, e.value) });
    }
  });
}

/** A rule reporting an option of some programs (`--allow-untrusted`, `--nogpgcheck`). */
export function optionRule(
  meta: Meta,
  programs: readonly string[],
  options: readonly string[],
  message: (program: string, option: string) => string,
): DockerfileRule {
  return rule(meta, ({ df, report }) => {
    for (const { cmd } of runs(df, programs)) {
      for (let i = 1; i < cmd.argv.length; i++) {
        const a = cmd.argv[i]!;
        if (a === '--') break;
        const opt = options.find((o) => a === o || (o.startsWith('--') && a.startsWith(`${o}=`)));
        if (!opt || cmd.words[i] === undefined) continue;
        report({ ...wordSpan(cmd.words[i]!), message: message(cmd.program, a) });
      }
    }
  });
}

/** A sub-command is one of these (aliases included). */
export function isOneOf(value: string | null | undefined, set: ReadonlySet<string>): boolean {
  return value !== null && value !== undefined && set.has(value);
}

/**
 * Is the command fed answers through a pipe (`yes | apt-get install ...`)? `inPipe` is used when the
 * shell model sets it; otherwise a `yes`/`echo`/`printf` before it in a RUN with pipes counts.
 */
export function answeredByPipe(inst: Instruction, cmd: ShellCommand): boolean {
  if (cmd.inPipe) return true;
  const shell = inst.shell;
  if (!shell || shell.pipes === 0) return false;
  return shell.commands.some((c) => c.end <= cmd.start && ['yes', 'echo', 'printf'].includes(c.program));
}
