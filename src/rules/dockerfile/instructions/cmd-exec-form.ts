import type { DockerfileRule } from '../../types.js';
import { blankContinuations } from '../../../parse/dockerfile/parse.js';
import { firstLine } from '../helpers.js';

// A shell-form CMD/ENTRYPOINT runs under `/bin/sh -c`: the shell is PID 1 and does not pass SIGTERM on.
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
      'The fix is offered only when the command is one simple command of literal words (no pipes, `&&`, redirections or variables), where the JSON form means exactly the same; otherwise the finding stands without a fix. A shell-form `HEALTHCHECK CMD` is not reported (hadolint DL3025 reports it): a health probe is a short-lived child, not PID 1, so there is no signal to forward, and Docker\'s own reference writes `HEALTHCHECK CMD curl -f http://localhost/ || exit 1`.',
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword !== 'CMD' && inst.keyword !== 'ENTRYPOINT') continue;
      if (inst.json || inst.args.length === 0) continue;
      const where = firstLine(df, inst);
      const shell = inst.shell;
      const raw = blankContinuations(inst.argsText, df.escapeChar);
      const trimmedEnd = inst.argsStart + raw.trimEnd().length;
      const only = shell && !shell.error && shell.pipes === 0 && shell.commands.length === 1 ? shell.commands[0]! : null;
      const literal =
        only !== null &&
        only.assigns.length === 0 &&
        only.start === inst.argsStart &&
        only.end === trimmedEnd &&
        only.words.every((w) => w.value !== null && !/^[^'"]*[*?[~]/.test(w.text));
      report({
        ...where,
        message: `${inst.keyword} in shell form runs under /bin/sh, which does not forward signals: use ${inst.keyword} ["...", "..."]`,
        ...(literal
          ? { fix: [{ start: inst.argsStart, end: trimmedEnd, text: `[${only!.argv.map((a) => JSON.stringify(a)).join(', ')}]` }] }
          : {}),
      });
    }
  },
};
