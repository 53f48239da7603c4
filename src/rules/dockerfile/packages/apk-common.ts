// apk command lines.

import type { Dockerfile, Instruction } from '../../../parse/dockerfile/model.js';
import type { ShellCommand } from '../../../parse/dockerfile/shell.js';
import { valueOptions } from '../argv.js';
import { parseArgs, runs, type Parsed } from './common.js';
import { fileMemo } from '../file-memo.js';

export const APK_VALUE_OPTIONS: ReadonlySet<string> = valueOptions('apk');

export interface ApkCall {
  inst: Instruction;
  cmd: ShellCommand;
  args: Parsed;
  sub: string | null;
}

export function apkCalls(df: Dockerfile): readonly ApkCall[] {
  return fileMemo(df, 'apk', () => deriveApkCalls(df));
}

function deriveApkCalls(df: Dockerfile): ApkCall[] {
  return runs(df, ['apk']).map(({ inst, cmd }) => {
    const args = parseArgs(cmd, 1, APK_VALUE_OPTIONS);
    const w = args.sub >= 0 ? cmd.words[args.sub] : undefined;
    return { inst, cmd, args, sub: w && w.value !== null ? w.value : null };
  });
}
