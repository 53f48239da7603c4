import type { Stage } from '../../../parse/dockerfile/model.js';
import type { ShellCommand } from '../../../parse/dockerfile/shell.js';
import type { DockerfileRule } from '../../types.js';
import { wholeInstruction, withTriggers } from '../helpers.js';
import { isNonPosixShell, pragmaNonPosix, shellFor } from './util.js';
import { rootStage } from '../root-stage.js';
import { fileMemo } from '../file-memo.js';

/** `-o pipefail` among the words (also `-eo pipefail`, `-euxo pipefail`, `-opipefail`). */
function setsPipefail(args: string[]): boolean {
  return args.some((a, i) => a === '-opipefail' || (/^-[a-zA-Z]*o$/.test(a) && args[i + 1] === 'pipefail'));
}

/**
 * Shells that accept `-o pipefail`. `/bin/sh` is dash on Debian and Ubuntu, which rejects it
 * ("Illegal option -o pipefail"), so a SHELL of sh with pipefail does not count (as in hadolint).
 */
function knowsPipefail(program: string): boolean {
  return ['bash', 'zsh', 'ash', 'ksh', 'mksh', 'busybox'].includes(program.slice(program.lastIndexOf('/') + 1));
}

/**
 * Commands whose failure pipefail would not catch because they cannot fail: `echo "$x" | tr`,
 * `printf … | sha256sum -c -`. `yes | x` even dies of SIGPIPE once x is done: with pipefail the
 * build would fail for nothing.
 */
const CANNOT_FAIL = new Set(['echo', 'printf', 'yes', 'true', ':']);

/** A command feeding a pipe that can fail: only then does the pipe hide something. */
function hidesFailure(cmd: ShellCommand, all: readonly ShellCommand[], text: string): boolean {
  return cmd.pipesOut && !CANNOT_FAIL.has(cmd.program) && !onlyInWordOfPipe(cmd, all, text);
}

/**
 * `echo "deb [arch=$(dpkg --print-architecture)] …" | tee list`: dpkg runs in a command substitution
 * inside a word of the piped echo. The shell model marks it as feeding the pipe, but its output goes
 * into the word, and pipefail would not see its failure either (echo still exits 0). It feeds a pipe
 * only when its own substitution holds one (`$(curl … | sha256sum)`): a `|` after it, before the next
 * command of that substitution.
 */
function onlyInWordOfPipe(cmd: ShellCommand, all: readonly ShellCommand[], text: string): boolean {
  if (cmd.viaShell) return false;
  const outer = all.find((o) => o !== cmd && !o.viaShell && o.start < cmd.start && cmd.end <= o.end);
  if (!outer) return false;
  const next = all.find((o) => o.start >= cmd.end && o.start < outer.end);
  const between = text.slice(cmd.end, next ? next.start : outer.end);
  return !/(^|[^|])\|(?!\|)/.test(between);
}

function isSetPipefail(cmd: ShellCommand): boolean {
  return cmd.program === 'set' && setsPipefail(cmd.argv.slice(1));
}

export const runPipefail: DockerfileRule = {
  meta: {
    id: 'run-pipefail',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'warning',
    aliases: ['DL4006'],
    title: 'Set -o pipefail before RUN with a pipe',
    description:
      'A pipeline\'s status is that of its last command: in `RUN curl -fsSL $URL | tar -xz` a failed download still "succeeds" and the build goes on with a broken layer. `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (or `set -o pipefail` at the start of the script) makes the build fail. On Alpine (busybox) images there is no bash: the advice is `SHELL ["/bin/ash", "-o", "pipefail", "-c"]`.',
    bad: 'FROM debian:12-slim\nRUN curl -fsSL https://example.com/app.tgz | tar -xz -C /opt\n',
    good: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/app.tgz | tar -xz -C /opt\n',
    fixable: false,
    differs:
      'A SHELL of bash, zsh, ash or ksh with `-o pipefail` counts (inherited through FROM <stage>); `/bin/sh -o pipefail` does not, since sh is dash on Debian and Ubuntu, which rejects the option. Besides that, a `set -o pipefail` (or `set -euo pipefail`) in the script before the pipe also counts. Exec-form RUN and non-POSIX SHELLs (PowerShell, cmd) are not reported, nor a pipe fed only by commands that cannot fail (`echo`, `printf`, `true`; `yes`, which pipefail would turn into a failure) — also when their words hold command substitutions (`echo "deb [arch=$(dpkg --print-architecture)] …" | tee`: pipefail does not see a substitution fail): hadolint reports every pipe.',
  },
  check({ df, report }) {
    if (pragmaNonPosix(df)) return;
    for (const inst of withTriggers(df.instructions)) {
      if (inst.keyword !== 'RUN' || inst.json) continue;
      const shell = inst.shell;
      if (!shell || shell.pipes === 0 || !shell.commands.some((c) => hidesFailure(c, shell.commands, df.text))) continue;
      const current = shellFor(inst);
      if (isNonPosixShell(current) || (current && setsPipefail(current) && knowsPipefail(current[0]!))) continue;
      const set = shell.commands.find(isSetPipefail);
      if (set) {
        // A `set -o pipefail` counts when it comes before the pipes (the first pipe follows the first piped command).
        const piped = shell.commands.filter((c) => c.inPipe);
        if (!piped.length || piped.every((c) => c.start > set.end)) continue;
      }
      // Alpine and busybox images have no bash: their /bin/ash knows pipefail.
      const sh = inst.stage && isBusyboxBased(inst.stage) ? '/bin/ash' : '/bin/bash';
      report({
        ...wholeInstruction(df, inst),
        message: `RUN with a pipe: a failure before the last command goes unnoticed; add SHELL ["${sh}", "-o", "pipefail", "-c"] before it (or start the script with set -o pipefail)`,
      });
    }
  },
};

/** The stage's base image is Alpine (or busybox): its shell is busybox ash, and there is no bash. */
function isBusyboxBased(stage: Stage): boolean {
  return fileMemo(stage, 'busybox', () => deriveBusyboxBased(stage));
}

function deriveBusyboxBased(stage: Stage): boolean {
  const root = rootStage(stage).image;
  return /(^|\/)(alpine|busybox)$/.test(root.name) || /(^|[-.])alpine/.test(root.tag ?? '');
}
