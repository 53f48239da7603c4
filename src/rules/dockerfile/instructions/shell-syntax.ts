import type { Instruction } from '../../../parse/dockerfile/model.js';
import type { DockerfileRule } from '../../types.js';
import { isNonPosixShell, pragmaNonPosix, shellFor } from './util.js';
import { rootStage } from '../root-stage.js';
import { withTriggers } from '../helpers.js';

/** Windows base images run `cmd /S /C` by default, not a POSIX shell. */
function isWindows(inst: Instruction): boolean {
  if (!inst.stage) return false;
  const root = rootStage(inst.stage).image;
  return /(^|\/)(windows|nanoserver|servercore)|windowsservercore|mcr\.microsoft\.com\/(windows|powershell)/i.test(`${root.registry ?? ''}/${root.name}`);
}

export const shellSyntax: DockerfileRule = {
  meta: {
    id: 'shell-syntax',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'warning',
    aliases: [],
    title: 'Shell syntax error in RUN, CMD or ENTRYPOINT',
    description:
      'The Dockerfile parses, but the shell will reject the command: an unclosed quote, a stray `((` or `fi`. The build (or the container start, for CMD) fails only when that line runs.',
    bad: 'FROM alpine:3.20\nRUN if [ -f /etc/os-release ]; then cat /etc/os-release\n',
    good: 'FROM alpine:3.20\nRUN if [ -f /etc/os-release ]; then cat /etc/os-release; fi\n',
    fixable: false,
    differs:
      'Parsed as bash (the most permissive POSIX-family shell) with mvdan/sh. Not reported under a PowerShell/cmd SHELL, on Windows base images, or with a `# hadolint shell=powershell` pragma.',
  },
  check({ df, report }) {
    if (pragmaNonPosix(df)) return;
    for (const inst of withTriggers(df.instructions)) {
      if (!['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK'].includes(inst.keyword)) continue;
      const error = inst.shell?.error;
      if (!error || isNonPosixShell(shellFor(inst)) || isWindows(inst)) continue;
      const start = Math.min(Math.max(error.start, inst.start), inst.end);
      const newline = df.text.indexOf('\n', start);
      let end = newline < 0 || newline > inst.end ? inst.end : newline;
      if (df.text[end - 1] === '\r') end--;
      report({ start, end: Math.max(end, start), message: `Shell syntax error in ${inst.keyword}: ${error.message}` });
    }
  },
};
