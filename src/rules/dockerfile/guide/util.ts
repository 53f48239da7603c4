// Queries the guide's rules share: what ships, which base image it stands on, which packages
// the package managers install, who the image runs as.

import type { Dockerfile, ImageRef, Instruction, Stage } from '../../../parse/dockerfile/model.js';
import type { ShellCommand, ShellWord } from '../../../parse/dockerfile/shell.js';
import { fromChain } from '../../../parse/dockerfile/stages.js';
import { scopeBefore, substitute } from '../../../parse/dockerfile/variables.js';
import { commandsOf, subcommand } from '../helpers.js';
import { optValues, parseArgv } from '../argv.js';
import { own } from '../../../util/own.js';
import { fileMemo } from '../file-memo.js';
import { rootStage } from '../root-stage.js';

/** The shipped stage and the stages it is FROM-built upon, root first. */
export function shippedChain(df: Dockerfile): Stage[] {
  return df.shipped ? chainOf(df.shipped) : [];
}

/** The stages a stage is FROM-built upon, itself last. */
export function chainOf(stage: Stage): Stage[] {
  return fromChain(stage).reverse();
}

/** The external image at the root of a stage's FROM chain, and the stage whose FROM names it. */
export function rootImage(stage: Stage): { image: ImageRef; stage: Stage } {
  const root = rootStage(stage);
  return { image: root.image, stage: root };
}


/** Parts of the tag split at `-`, lower-cased (`3.12-slim-bookworm` → ['3.12', 'slim', 'bookworm']). */
export function tagParts(image: ImageRef): string[] {
  return (image.tag ?? '').toLowerCase().split('-').filter(Boolean);
}

/** Docker Hub official image (`python`, `library/python`, `docker.io/python`). */
export function isOfficial(image: ImageRef): boolean {
  return (image.registry === null || image.registry === 'docker.io' || image.registry === 'index.docker.io') && !image.name.includes('/');
}

export function isAlpine(image: ImageRef): boolean {
  const base = image.name.slice(image.name.lastIndexOf('/') + 1).toLowerCase();
  return base === 'alpine' || tagParts(image).some((p) => p.startsWith('alpine'));
}

export function isSlim(image: ImageRef): boolean {
  return tagParts(image).some((p) => p.startsWith('slim'));
}

export function isDistroless(image: ImageRef): boolean {
  return /(^|\/)distroless(\/|$)/.test(image.name.toLowerCase()) || image.name.toLowerCase().startsWith('distroless/');
}

/** The image as written after ARG substitution, for messages. */
export function imageText(image: ImageRef): string {
  return image.resolved || image.raw;
}

const INSTALL: Record<string, { subs: string[]; manager: string }> = {
  'apt-get': { subs: ['install'], manager: 'apt-get' },
  apt: { subs: ['install'], manager: 'apt-get' },
  aptitude: { subs: ['install'], manager: 'apt-get' },
  apk: { subs: ['add'], manager: 'apk' },
  yum: { subs: ['install'], manager: 'yum' },
  dnf: { subs: ['install'], manager: 'yum' },
  microdnf: { subs: ['install'], manager: 'yum' },
  zypper: { subs: ['install', 'in'], manager: 'zypper' },
};
const REMOVE: Record<string, string[]> = {
  'apt-get': ['purge', 'remove', 'autoremove'],
  apt: ['purge', 'remove', 'autoremove'],
  apk: ['del'],
  yum: ['remove', 'erase', 'autoremove'],
  dnf: ['remove', 'erase', 'autoremove'],
  microdnf: ['remove'],
  zypper: ['remove', 'rm'],
};

export interface InstalledPackage {
  inst: Instruction;
  cmd: ShellCommand;
  manager: string;
  /** Package name without version pin (`gcc` of `gcc=4:12`, `gcc~=12`). */
  name: string;
  word: ShellWord;
  /** apk `--virtual NAME` the package was added under. */
  virtual: string | null;
  /** Removed again (purge / del / remove) later in the same RUN. */
  removedInSameRun: boolean;
}

function packageName(raw: string): string {
  return raw.replace(/^[^A-Za-z0-9+._-]+/, '').split(/[=<>~]/)[0]!.replace(/:(amd64|arm64|i386|armhf|all)$/, '');
}

/**
 * The docker-library idiom (`savedAptMark="$(apt-mark showmanual)"; apt-get install …; build; apt-mark
 * auto '.*'; apt-mark manual $savedAptMark; apt-get purge -y --auto-remove`): every package installed
 * before `apt-mark auto '.*'` is removed again, except those a later `apt-mark manual` names literally
 * (runtime libraries found with ldd). Returns those kept names, or null when the RUN does not do this.
 */
function aptMarkAutoRemoved(after: ShellCommand[]): Set<string> | null {
  const markAll = after.findIndex((c) => c.program === 'apt-mark' && c.argv[1] === 'auto' && c.argv.slice(2).some((a) => a === '.*' || a === '*'));
  if (markAll < 0) return null;
  const rest = after.slice(markAll + 1);
  const purges = rest.some(
    (c) => (c.program === 'apt-get' || c.program === 'apt') && (subcommand(c) === 'autoremove' || (subcommand(c) === 'purge' && c.argv.includes('--auto-remove'))),
  );
  if (!purges) return null;
  const kept = new Set<string>();
  for (const c of rest) if (c.program === 'apt-mark' && c.argv[1] === 'manual') for (const a of c.argv.slice(2)) if (!a.startsWith('-')) kept.add(packageName(a));
  return kept;
}

/** sudo/doas options that take a value (`-u runner`). */
const SUDO_VALUED = /^(-[ugCDhprTU]|--(user|group|close-from|chdir|host|prompt|role|type|other-user))$/;

/**
 * The command sudo or doas runs (`sudo -E apt-get install …` in CI runner images, which set USER
 * before installing), placed at its own words; any other command as it is.
 */
export function withoutSudo(cmd: ShellCommand): ShellCommand {
  if (cmd.program !== 'sudo' && cmd.program !== 'doas') return cmd;
  let i = 1;
  while (i < cmd.argv.length && cmd.argv[i]!.startsWith('-')) {
    const a = cmd.argv[i]!;
    i += SUDO_VALUED.test(a) ? 2 : 1;
    if (a === '--') break;
  }
  const name = cmd.argv[i];
  if (name === undefined) return cmd;
  return { ...cmd, name, program: name.slice(name.lastIndexOf('/') + 1), words: cmd.words.slice(i), argv: cmd.argv.slice(i) };
}

/** Packages installed by apt-get/apk/yum/dnf/microdnf/zypper in a stage (also through sudo). */
export function installedPackages(stage: Stage): readonly InstalledPackage[] {
  return fileMemo(stage, 'installed', () => deriveInstalledPackages(stage));
}

function deriveInstalledPackages(stage: Stage): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  for (const inst of stage.instructions) {
    if (inst.keyword !== 'RUN') continue;
    const commands = commandsOf(inst).map(withoutSudo);
    commands.forEach((cmd, ci) => {
      const spec = own(INSTALL, cmd.program);
      if (!spec) return;
      const sub = subcommand(cmd);
      if (!sub || !spec.subs.includes(sub)) return;
      const args = parseArgv(cmd);
      const virtual = cmd.program === 'apk' ? (optValues(args, '-t', '--virtual')[0] ?? null) : null;
      const pkgs: { name: string; word: ShellWord }[] = [];
      for (const i of args.operands.slice(1)) {
        const word = cmd.words[i];
        if (!word || word.value === null) continue;
        pkgs.push({ name: packageName(cmd.argv[i]!), word });
      }
      const after = commands.slice(ci + 1);
      const later = after.filter((c) => own(REMOVE, c.program)?.includes(subcommand(c) ?? ''));
      const removedNames = new Set(later.flatMap((c) => parseArgv(c).operands.slice(1).map((i) => packageName(c.argv[i]!))));
      const autoRemoved = spec.manager === 'apt-get' ? aptMarkAutoRemoved(after) : null;
      for (const p of pkgs) {
        out.push({
          inst,
          cmd,
          manager: spec.manager,
          name: p.name,
          word: p.word,
          virtual,
          removedInSameRun: removedNames.has(p.name) || (virtual !== null && removedNames.has(virtual)) || (autoRemoved !== null && !autoRemoved.has(p.name)),
        });
      }
    });
  }
  return out;
}

/** USER values that mean root. */
export function isRootUser(value: string): boolean {
  const user = value.split(':')[0]!.trim().toLowerCase();
  return user === 'root' || user === '0';
}

/** The last USER instruction that applies to the stage (its own, else inherited through FROM <stage>). */
export function lastUser(df: Dockerfile, stage: Stage): { inst: Instruction; value: string | null } | null {
  const chain = chainOf(stage);
  for (let k = chain.length - 1; k >= 0; k--) {
    const users = chain[k]!.instructions.filter((i) => i.keyword === 'USER');
    const inst = users.at(-1);
    if (inst) return { inst, value: userValue(df, inst) };
  }
  return null;
}

/** The USER value after variable substitution, or null when it cannot be known. */
export function userValue(df: Dockerfile, inst: Instruction): string | null {
  const raw = inst.args[0]?.value;
  if (raw === undefined) return null;
  const { value, unresolved } = substitute(raw, scopeBefore(df, inst));
  return unresolved.length ? null : value;
}

/** Masks a secret for a message: its first 4 characters and an ellipsis. */
export function mask(secret: string): string {
  return `${secret.slice(0, 4)}…`;
}

/** A 1-based line number of an instruction, for messages. */
export function lineOf(inst: Instruction): number {
  return inst.line;
}

/** The text span of a shell word, or of a part of it when `part` occurs inside its source text. */
export function spanIn(word: { text: string; start: number; end: number }, part: string): { start: number; end: number } {
  const at = word.text.indexOf(part);
  return at < 0 ? { start: word.start, end: word.end } : { start: word.start + at, end: word.start + at + part.length };
}

/** Every RUN command of the shipped stage and the stages it is FROM-built upon. */
export function runCommandsOfChain(df: Dockerfile): { inst: Instruction; cmd: ShellCommand }[] {
  return shippedChain(df).flatMap((s) =>
    s.instructions.filter((i) => i.keyword === 'RUN').flatMap((inst) => commandsOf(inst).map((cmd) => ({ inst, cmd }))),
  );
}

/**
 * Where a shell word is in the file. Exec-form words (and `["sh", "-c", "..."]` scripts) do not carry
 * exact offsets in the model: then the word's value is looked up inside the instruction.
 */
export function wordSpan(text: string, inst: Instruction, word: ShellWord): { start: number; end: number } {
  if (word.start >= inst.start && word.end <= inst.end && text.slice(word.start, word.end) === word.text) {
    return { start: word.start, end: word.end };
  }
  const value = word.value ?? word.text;
  const at = value ? text.slice(inst.argsStart, inst.end).indexOf(value) : -1;
  if (at >= 0) return { start: inst.argsStart + at, end: inst.argsStart + at + value.length };
  return { start: inst.start, end: inst.keywordEnd };
}
