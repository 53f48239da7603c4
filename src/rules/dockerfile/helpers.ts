// Small queries that many Dockerfile rules share.

import type { Dockerfile, Instruction, Stage } from '../../parse/dockerfile/model.js';
import type { ShellCommand } from '../../parse/dockerfile/shell.js';
import { hasOpt, parseArgv } from './argv.js';
import { work } from '../../parse/dockerfile/work.js';

/** The range to underline for an instruction: its first line. */
export function firstLine(df: Dockerfile, inst: Instruction): { start: number; end: number } {
  const newline = df.text.indexOf('\n', inst.start);
  const lineEnd = newline < 0 || newline > inst.end ? inst.end : newline;
  return { start: inst.start, end: df.text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd };
}

/** The range to underline for a finding about a whole instruction: every continued line of it (not a heredoc body). */
export function wholeInstruction(df: Dockerfile, inst: Instruction): { start: number; end: number } {
  let end = inst.heredocs.length ? df.text.indexOf('\n', inst.argsStart) : inst.end;
  if (end < 0 || end > inst.end) end = inst.end;
  while (end > inst.start && /\s/.test(df.text[end - 1]!)) end--;
  return { start: inst.start, end };
}

/**
 * The instructions with each ONBUILD's trigger right after it. A trigger runs in every image built
 * FROM this one, so a rule about RUN (or COPY, ADD ...) judges `ONBUILD RUN x` like `RUN x` (as hadolint does).
 */
export function withTriggers(list: readonly Instruction[]): readonly Instruction[] {
  // Rules ask for every RUN many times per file and ONBUILD is rare: no copy when there is none.
  return list.some((i) => i.trigger) ? list.flatMap((i) => (i.trigger ? [i, i.trigger] : [i])) : list;
}

/**
 * The instruction lists a rule judges one at a time: the instructions before the first FROM (a
 * snippet, or global ARGs), then each stage's. A rule about instructions judges them wherever they
 * stand; the missing FROM is its own finding.
 */
export function scopes(df: Dockerfile): Instruction[][] {
  const before = df.instructions.filter((i) => i.stage === null);
  return [...(before.length ? [before] : []), ...df.stages.map((s) => s.instructions)];
}

/** Instructions of a keyword, in the whole file or one stage (ONBUILD triggers excluded: they run downstream). */
export function instructionsOf(scope: Dockerfile | Stage, ...keywords: string[]): Instruction[] {
  return scope.instructions.filter((i) => keywords.includes(i.keyword));
}

/** Simple commands run by the instruction, optionally only those of the given programs. */
export function commandsOf(inst: Instruction, ...programs: string[]): ShellCommand[] {
  work.steps++; // counted: a rule reading every earlier RUN's commands per RUN is quadratic (hostile-work.test.ts)
  const commands = inst.shell?.commands ?? [];
  return programs.length ? commands.filter((c) => programs.includes(c.program)) : commands;
}

/** Every RUN's commands in the file or stage (ONBUILD RUN included), with their instruction. */
export function runCommands(scope: Dockerfile | Stage, ...programs: string[]): { inst: Instruction; cmd: ShellCommand }[] {
  return withTriggers(scope.instructions).filter((i) => i.keyword === 'RUN').flatMap((inst) => commandsOf(inst, ...programs).map((cmd) => ({ inst, cmd })));
}

/** Does the command carry an option? `-y` also inside a group (`-qy`), `--yes` also as `--yes=...` (argv.ts). */
export function hasOption(cmd: ShellCommand, ...names: string[]): boolean {
  return hasOpt(parseArgv(cmd), ...names);
}

/** The sub-command: the first operand (`install` of `apt-get -o X=1 -q install`). */
export function subcommand(cmd: ShellCommand): string | null {
  const i = parseArgv(cmd).operands[0];
  return i === undefined ? null : cmd.argv[i]!;
}

/** The operands after the sub-command (package names); `optionsWithValue` adds to the program's valued options. */
export function operands(cmd: ShellCommand, optionsWithValue: string[] = []): { value: string; index: number }[] {
  return parseArgv(cmd, 1, optionsWithValue)
    .operands.slice(1)
    .map((index) => ({ value: cmd.argv[index]!, index }));
}

/** The stage's RUN --mount flags of a type (`cache`, `secret`, `tmpfs`, `bind`). */
export function mounts(inst: Instruction, type: string): Map<string, string>[] {
  return inst.flags
    .filter((f) => f.name === 'mount')
    .map((f) => f.options)
    .filter((o) => (o.get('type') ?? 'bind') === type);
}

/** Does a cache or tmpfs mount cover `dir` (or a parent of it)? Then cache clean-up advice is moot. */
export function cacheMounted(inst: Instruction, ...dirs: string[]): boolean {
  const targets = [...mounts(inst, 'cache'), ...mounts(inst, 'tmpfs')]
    .map((o) => o.get('target') ?? o.get('dst') ?? o.get('destination') ?? '')
    .filter(Boolean)
    .map((t) => t.replace(/\/+$/, ''));
  return dirs.some((d) => targets.some((t) => d === t || d.startsWith(`${t}/`) || t.startsWith(`${d}/`)));
}

/** A text edit inserting `text` right after the word at `wordEnd`. */
export function insertAfter(wordEnd: number, text: string) {
  return [{ start: wordEnd, end: wordEnd, text }];
}
