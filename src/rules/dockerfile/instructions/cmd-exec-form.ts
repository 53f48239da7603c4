import type { DockerfileRule } from '../../types.js';
import { blankContinuations } from '../../../parse/dockerfile/parse.js';
import type { Dockerfile, Instruction } from '../../../parse/dockerfile/model.js';
import { firstLine } from '../helpers.js';
import { isNonPosixShell, pragmaNonPosix, shellFor } from './util.js';

// A shell-form CMD/ENTRYPOINT runs under `/bin/sh -c`: the shell is PID 1 and does not pass SIGTERM on.

/** File utilities that finish at once: a container that only runs these never waits for a stop signal. */
const ONE_SHOT = new Set(['cp', 'mv', 'ln', 'mkdir', 'chmod', 'chown', 'chgrp', 'touch', 'rm', 'echo', 'printf', 'true', ':']);

/** A one-shot job (`ENTRYPOINT cp /pki/ca.pem /pki-out/ca.pem`): every command is a file utility. */
function oneShot(inst: Instruction): boolean {
  const shell = inst.shell;
  return !!shell && !shell.error && shell.commands.length > 0 && shell.commands.every((c) => ONE_SHOT.has(c.program));
}
export const cmdExecForm: DockerfileRule = {
  meta: {
    id: 'cmd-exec-form',
    target: 'dockerfile',
    category: 'guide',
    severity: 'warning',
    aliases: ['DL3025', 'JSONArgsRecommended'],
    title: 'Use the exec (JSON array) form for CMD and ENTRYPOINT',
    description:
      'In shell form (`CMD uvicorn app:app`) Docker runs `/bin/sh -c "..."`: the shell becomes PID 1 and does not forward SIGTERM, so `docker stop` waits 10 s and then kills the app without a clean shutdown. The exec form runs the program itself as PID 1.',
    bad: 'FROM python:3.12-slim\nCMD uvicorn app:app --host 0.0.0.0\n',
    good: 'FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n',
    fixable: true,
    differs:
      'The fix is offered only when the command is one simple command of literal words (no pipes, `&&`, redirections or variables) that is a program, not a shell builtin (`cd`, `export`; a leading `exec` is dropped), under a POSIX shell, and when nothing else in the Dockerfile would see a difference: no fix for a shell-form ENTRYPOINT when the Dockerfile sets a CMD (it would start being passed to it), nor for a shell-form CMD when the Dockerfile sets an ENTRYPOINT (it would receive other arguments). Otherwise the finding stands without a fix, and says why. An ENTRYPOINT or CMD of the base image is not known; a shell-form ENTRYPOINT also ignores `docker run` arguments, which the exec form receives. A shell-form `HEALTHCHECK CMD` is not reported (hadolint DL3025 reports it): a health probe is a short-lived child, not PID 1, so there is no signal to forward, and Docker\'s own reference writes `HEALTHCHECK CMD curl -f http://localhost/ || exit 1`. Nor is a one-shot job made only of file utilities that finish at once (`ENTRYPOINT cp /pki/ca.pem /pki-out/ca.pem`: `cp`, `mv`, `ln`, `mkdir`, `chmod`, `chown`, `touch`, `rm`, `echo`, `printf`), which never waits for a signal (hadolint reports it).',
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword !== 'CMD' && inst.keyword !== 'ENTRYPOINT') continue;
      if (inst.json || inst.args.length === 0 || oneShot(inst)) continue;
      const where = firstLine(df, inst);
      const argv = inst.stage && !isNonPosixShell(shellFor(inst)) && !pragmaNonPosix(df) ? equivalentArgv(df, inst) : null;
      const why = argv ? changesMeaning(df, inst) : null;
      const raw = blankContinuations(inst.argsText, df.escapeChar);
      const trimmedEnd = inst.argsStart + raw.trimEnd().length;
      report({
        ...where,
        message: `${inst.keyword} in shell form runs under /bin/sh, which does not forward signals: use ${inst.keyword} ["...", "..."]${why ? ` (not fixed automatically: ${why})` : ''}`,
        ...(argv && !why ? { fix: [{ start: inst.argsStart, end: trimmedEnd, text: `[${argv.map((a) => JSON.stringify(a)).join(', ')}]` }] } : {}),
      });
    }
  },
};

/** Shell builtins with no program of the same name: `["cd", ...]` cannot start. */
const BUILTINS = new Set([
  '.', ':', 'alias', 'bg', 'break', 'builtin', 'cd', 'command', 'continue', 'declare', 'eval', 'exit', 'export', 'fg', 'getopts',
  'hash', 'jobs', 'let', 'local', 'read', 'readonly', 'return', 'set', 'shift', 'source', 'times', 'trap', 'typeset', 'ulimit',
  'umask', 'unalias', 'unset', 'wait',
]);

/**
 * The argv the shell would run, when the shell form is one simple command of literal words: then the
 * JSON form runs exactly that. A leading `exec` (the shell replacing itself) is dropped, which is what
 * the exec form does anyway. Null when the JSON form could mean something else.
 */
function equivalentArgv(df: Dockerfile, inst: Instruction): string[] | null {
  const shell = inst.shell;
  if (!shell || shell.error || shell.pipes !== 0 || shell.commands.length !== 1) return null;
  const only = shell.commands[0]!;
  const trimmedEnd = inst.argsStart + blankContinuations(inst.argsText, df.escapeChar).trimEnd().length;
  const literal =
    only.assigns.length === 0 &&
    only.start === inst.argsStart &&
    only.end === trimmedEnd &&
    only.words.every((w) => w.value !== null && !/^[^'"]*[*?[~]/.test(w.text));
  if (!literal) return null;
  let argv = only.argv;
  if (argv[0] === 'exec') {
    if (argv[1] === undefined || argv[1].startsWith('-')) return null; // `exec -a name prog`: options of the builtin
    argv = argv.slice(1);
  }
  if (BUILTINS.has(argv[0]!) || argv[0] === 'exec') return null;
  return argv;
}

/** Why the exec form would change what the container runs, or null. */
function changesMeaning(df: Dockerfile, inst: Instruction): string | null {
  if (inst.keyword === 'ENTRYPOINT') {
    // A shell-form ENTRYPOINT ignores CMD; in exec form CMD is appended to it as arguments.
    const cmd = df.instructions.find((i) => i.keyword === 'CMD');
    return cmd ? `CMD on line ${cmd.line} would start being passed to it as arguments` : null;
  }
  // A shell-form CMD reaches an ENTRYPOINT as `/bin/sh -c "..."`; in exec form as the words themselves.
  const entrypoint = df.instructions.find((i) => i.keyword === 'ENTRYPOINT' && i.stage !== null);
  return entrypoint ? `the ENTRYPOINT on line ${entrypoint.line} would receive different arguments` : null;
}
