// apt-get / apt / aptitude command lines.

import type { Dockerfile, Instruction } from '../../../parse/dockerfile/model.js';
import type { ShellCommand } from '../../../parse/dockerfile/shell.js';
import { optValues, parseArgv, valueOptions } from '../argv.js';
import { parseArgs, runs, type Parsed } from './common.js';
import { fileMemo } from '../file-memo.js';

export const APT_PROGRAMS = ['apt-get', 'apt', 'aptitude'];

/** apt-get options that take a value as the next word. */
export const APT_VALUE_OPTIONS: ReadonlySet<string> = valueOptions('apt-get');

export interface AptCall {
  inst: Instruction;
  cmd: ShellCommand;
  args: Parsed;
  /** The sub-command (`install`), null when missing or dynamic. */
  sub: string | null;
}

export function aptCalls(df: Dockerfile, programs: readonly string[] = APT_PROGRAMS): readonly AptCall[] {
  return fileMemo(df, `apt ${programs.join(' ')}`, () => deriveAptCalls(df, programs));
}

function deriveAptCalls(df: Dockerfile, programs: readonly string[]): AptCall[] {
  return runs(df, programs).map(({ inst, cmd }) => {
    const args = parseArgs(cmd, 1, APT_VALUE_OPTIONS);
    const w = args.sub >= 0 ? cmd.words[args.sub] : undefined;
    return { inst, cmd, args, sub: w && w.value !== null ? w.value : null };
  });
}

/** Values of `-o Key=Value` configuration options whose key matches (case-insensitive). */
export function aptConfig(cmd: ShellCommand, key: string): string[] {
  const out: string[] = [];
  for (const v of optValues(parseArgv(cmd), '-o', '--option')) {
    const eq = v.indexOf('=');
    if (eq > 0 && v.slice(0, eq).toLowerCase() === key.toLowerCase()) out.push(v.slice(eq + 1));
  }
  return out;
}

export const truthy = (v: string) => /^(1|true|yes|on)$/i.test(v.trim().replace(/^"|"$/g, ''));
export const falsy = (v: string) => /^(0|false|no|off)$/i.test(v.trim().replace(/^"|"$/g, ''));

/** Does a text (a RUN's word or heredoc) write APT configuration `key "value"` (apt.conf.d), with a value passing `test`? */
export function aptConfigures(key: string, test: (v: string) => boolean): (text: string) => boolean {
  const re = new RegExp(`${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*"?([A-Za-z0-9]+)"?`, 'gi');
  return (t) => [...t.matchAll(re)].some((m) => test(m[1]!));
}
