// pip invocations: `pip`, `pip3`, `pip3.12`, `python -m pip`, `python3.12 -m pip`, `uv pip`.

import type { Dockerfile, Instruction } from '../../../parse/dockerfile/model.js';
import type { ShellCommand } from '../../../parse/dockerfile/shell.js';
import { valueOptions } from '../argv.js';
import { nextWord, parseArgs, runs, type Parsed } from './common.js';
import { fileMemo } from '../file-memo.js';

export const PIP_VALUE_OPTIONS: ReadonlySet<string> = valueOptions('pip');

const PYTHON = /^python(\d+(\.\d+)*)?$/;
const PIP = /^pip(\d+(\.\d+)*)?$/;

export interface PipCall {
  inst: Instruction;
  cmd: ShellCommand;
  tool: 'pip' | 'uv';
  /** Index of the pip sub-command (`install`), -1 when none. */
  sub: number;
  subName: string | null;
  /** Options and operands after the sub-command. */
  args: Parsed;
  /** How to write the command in messages: `pip`, `python3 -m pip`, `uv pip`. */
  label: string;
}

/** Where pip's own arguments start in argv, or -1 when the command is not pip. */
function pipStart(cmd: ShellCommand): { at: number; tool: 'pip' | 'uv'; label: string } | null {
  if (PIP.test(cmd.program)) return { at: 1, tool: 'pip', label: cmd.program };
  if (PYTHON.test(cmd.program)) {
    for (let i = 1; i < cmd.argv.length; i++) {
      const a = cmd.argv[i]!;
      if (a === '-m' && cmd.argv[i + 1] !== undefined && PIP.test(cmd.argv[i + 1]!)) return { at: i + 2, tool: 'pip', label: `${cmd.program} -m pip` };
      if (/^-m/.test(a) && PIP.test(a.slice(2))) return { at: i + 1, tool: 'pip', label: `${cmd.program} -m pip` };
      if (a === '-W' || a === '-X') i++;
      else if (!a.startsWith('-')) return null; // a script: `python setup.py`
    }
    return null;
  }
  if (cmd.program === 'uv') {
    const i = nextWord(cmd, 1, PIP_VALUE_OPTIONS);
    if (i >= 0 && cmd.argv[i] === 'pip') return { at: i + 1, tool: 'uv', label: 'uv pip' };
  }
  return null;
}

export function pipCalls(df: Dockerfile): readonly PipCall[] {
  return fileMemo(df, 'pip', () => derivePipCalls(df));
}

function derivePipCalls(df: Dockerfile): PipCall[] {
  const out: PipCall[] = [];
  for (const { inst, cmd } of runs(df)) {
    const start = pipStart(cmd);
    if (!start) continue;
    const sub = nextWord(cmd, start.at, PIP_VALUE_OPTIONS);
    const subName = sub >= 0 ? (cmd.words[sub]?.value ?? null) : null;
    const args = sub >= 0 ? parseArgs(cmd, sub + 1, PIP_VALUE_OPTIONS, true) : { sub: -1, operands: [], options: [] };
    out.push({ inst, cmd, tool: start.tool, sub, subName, args, label: start.label });
  }
  return out;
}
