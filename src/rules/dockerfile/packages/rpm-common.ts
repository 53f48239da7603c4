// yum / dnf / tdnf / microdnf / zypper command lines, and the rule factories they share.

import type { Dockerfile, Instruction } from '../../../parse/dockerfile/model.js';
import type { ShellCommand } from '../../../parse/dockerfile/shell.js';
import { scopeBefore, substitute } from '../../../parse/dockerfile/variables.js';
import { valueOptions } from '../argv.js';
import type { DockerfileRule } from '../../types.js';
import { commandsOf, hasOption } from '../helpers.js';
import {
  cacheCovered, commandSpan, earlierRunSays, editable, nextWord, optionValues, parseArgs, removesAfter, rule,
  runs, shipsLayers, wordSpan, type Parsed,
} from './common.js';
import { fileMemo } from '../file-memo.js';

type Meta = Parameters<typeof rule>[0];

export const YUM_FAMILY = ['yum', 'dnf', 'dnf5', 'tdnf', 'microdnf'];

export const YUM_VALUE_OPTIONS: ReadonlySet<string> = valueOptions('yum');

export const ZYPPER_VALUE_OPTIONS: ReadonlySet<string> = valueOptions('zypper');

export interface PmCall {
  inst: Instruction;
  cmd: ShellCommand;
  args: Parsed;
  sub: string | null;
  /** For `group install` / `module enable`: the index of the action word, else the sub-command's. */
  action: number;
  actionName: string | null;
}

export function pmCalls(df: Dockerfile, programs: readonly string[]): readonly PmCall[] {
  return fileMemo(df, `pm ${programs.join(' ')}`, () => derivePmCalls(df, programs));
}

function derivePmCalls(df: Dockerfile, programs: readonly string[]): PmCall[] {
  return runs(df, programs).map(({ inst, cmd }) => {
    const values = cmd.program === 'zypper' ? ZYPPER_VALUE_OPTIONS : YUM_VALUE_OPTIONS;
    const args = parseArgs(cmd, 1, values);
    const sub = args.sub >= 0 ? (cmd.words[args.sub]?.value ?? null) : null;
    let action = args.sub;
    if (sub === 'group' || sub === 'groups' || sub === 'module') {
      const a = args.sub >= 0 ? nextWord(cmd, args.sub + 1, values) : -1;
      if (a >= 0) action = a;
    }
    const actionName = action >= 0 ? (cmd.words[action]?.value ?? null) : null;
    return { inst, cmd, args, sub, action, actionName };
  });
}

/** Sub-commands of yum/dnf that change the installed packages (and so prompt, and fill the cache). */
const YUM_CHANGING = new Set([
  'install', 'groupinstall', 'localinstall', 'reinstall', 'update', 'upgrade', 'remove', 'erase', 'downgrade',
  'autoremove', 'distro-sync', 'distribution-synchronization', 'swap', 'builddep', 'upgrade-minimal', 'update-minimal',
  'groupupdate', 'groupremove', 'groupinstall',
  // dnf's short forms
  'in', 'up', 'up-min', 'rei', 'rm', 'dsync', 'downgr',
]);
const GROUP_ACTIONS = new Set(['install', 'remove', 'erase', 'upgrade', 'update', 'enable', 'disable', 'reset', 'switch-to', 'mark']);

export function yumChanges(call: PmCall): boolean {
  if (call.sub === null) return false;
  if (call.sub === 'group' || call.sub === 'groups' || call.sub === 'module') return call.action !== call.args.sub && GROUP_ACTIONS.has(call.actionName ?? '');
  return YUM_CHANGING.has(call.sub);
}

const ZYPPER_CHANGING = new Set([
  'install', 'in', 'remove', 'rm', 'update', 'up', 'patch', 'dist-upgrade', 'dup', 'source-install', 'si',
  'install-new-recommends', 'inr',
]);
export const zypperChanges = (call: PmCall) => call.sub !== null && ZYPPER_CHANGING.has(call.sub);

/** `-y` missing on yum/dnf/tdnf (DL3030, DL3038). */
export function yesRule(meta: Meta, programs: readonly string[]): DockerfileRule {
  return rule(meta, ({ df, report }) => {
    const earlier = new Map<number, boolean>();
    for (const call of pmCalls(df, programs)) {
      const { inst, cmd } = call;
      if (!yumChanges(call)) continue;
      if (hasOption(cmd, '-y', '--assumeyes', '--assumeno')) continue;
      if (optionValues(cmd, null, '--setopt').some((v) => /^assumeyes=(1|true|yes)$/i.test(v))) continue;
      if (!earlier.has(inst.index)) earlier.set(inst.index, earlierRunSays(df, inst, 'assumeyes', /assumeyes/i, (t) => /(^|\s)assumeyes\s*=\s*(1|true|yes)\b/i.test(t)));
      if (earlier.get(inst.index)) continue;
      const w = cmd.words[call.action];
      const what = `${cmd.program} ${cmd.argv.slice(call.args.sub, call.action + 1).join(' ')}`;
      report({
        ...commandSpan(cmd, call.action),
        message: `\`${what}\` without -y aborts at the "Is this ok [y/N]" prompt: use \`${what} -y\``,
        ...(editable(df, w) ? { fix: [{ start: w.end, end: w.end, text: ' -y' }] } : {}),
      });
    }
  });
}

/** The cache is cleaned later in the same RUN: `<pm> clean all`, `zypper clean`, or `rm -rf <cache dir>`. */
function cleanedAfter(inst: Instruction, install: ShellCommand, zypper: boolean, dirs: string[]): boolean {
  if (removesAfter(inst, install.start, ...dirs)) return true;
  for (const c of commandsOf(inst)) {
    if (c.start <= install.start) continue;
    if (zypper) {
      if (c.program !== 'zypper') continue;
      const i = nextWord(c, 1, ZYPPER_VALUE_OPTIONS);
      if (i >= 0 && (c.argv[i] === 'clean' || c.argv[i] === 'cc')) return true;
    } else {
      if (c.program !== install.program) continue; // `microdnf clean all` does not clean dnf's cache
      const i = nextWord(c, 1, YUM_VALUE_OPTIONS);
      if (i >= 0 && c.argv[i] === 'clean' && c.argv.slice(i + 1).includes('all')) return true;
    }
  }
  return false;
}

/** `<pm> clean all` missing after installing (DL3032, DL3040, DS-0027, DL3036). */
export function cleanRule(meta: Meta, programs: readonly string[], dirs: string[], advice: string): DockerfileRule {
  const zypper = programs.includes('zypper');
  return rule(meta, ({ df, report }) => {
    const seen = new Set<number>();
    for (const call of pmCalls(df, programs)) {
      const { inst, cmd } = call;
      if (seen.has(inst.index)) continue;
      if (!(zypper ? zypperChanges(call) : yumChanges(call) || call.sub === 'makecache')) continue;
      if (call.sub === 'remove' || call.sub === 'erase' || call.sub === 'rm' || call.sub === 'autoremove') continue;
      seen.add(inst.index);
      if (!shipsLayers(df, inst)) continue;
      if (cacheCovered(inst, dirs)) continue;
      if (cleanedAfter(inst, cmd, zypper, dirs)) continue;
      report({
        ...commandSpan(cmd, call.action),
        message: `\`${cmd.program} ${call.sub}\` leaves its metadata and package cache in the image: add \`&& ${advice}\` to this RUN`,
      });
    }
  });
}

/** Versions missing in `install` (DL3033, DL3041, DL3037). */
export function pinRule(meta: Meta, programs: readonly string[], pinned: (pkg: string) => boolean, example: (pkg: string) => string): DockerfileRule {
  return rule(meta, ({ df, report }) => {
    for (const call of pmCalls(df, programs)) {
      const { cmd, args } = call;
      const moduleInstall = call.sub === 'module' && call.actionName === 'install';
      if (call.sub !== 'install' && call.sub !== 'in' && !moduleInstall) continue;
      // `zypper in -t pattern devel_basis`: patterns, patches and products have no versions to pin.
      if (optionValues(cmd, '-t', '--type').some((t) => t !== 'package')) continue;
      for (const i of args.operands) {
        if (i <= call.action) continue;
        const w = cmd.words[i];
        if (!w) continue;
        const written = w.value ?? w.text;
        if (w.value === null && !/^[A-Za-z0-9]/.test(written)) continue;
        const text = w.value ?? knownValue(df, call.inst, written);
        if (text === null) continue;
        if (text.startsWith('@') || text.startsWith('.') || text.includes('/') || text.endsWith('.rpm') || text.includes('(')) continue;
        if (moduleInstall ? text.includes(':') : pinned(text)) continue;
        report({ ...wordSpan(w), message: `Pin the version of ${cmd.program} package '${written}' (${example(written)})` });
      }
    }
  });
}

/**
 * A package word with `$VARS` as the builder passes it (`git-core-${version}` with `ENV version=2.51.0`),
 * or null when a variable's value is not known here: an ARG without default, a shell variable, or one the
 * base image's ENV may set (`$NGINX_VERSION` under `FROM nginx`) — those are taken as pins.
 */
function knownValue(df: Dockerfile, inst: Instruction, written: string): string | null {
  const { value, unresolved } = substitute(written.replace(/["']/g, ''), scopeBefore(df, inst));
  return unresolved.length ? null : value;
}
