import type { ShellCommand } from '../../../parse/dockerfile/shell.js';
import { countOpt, optValues, parseArgv } from '../argv.js';
import { hasOption } from '../helpers.js';
import { aptCalls, aptConfig, aptConfigures, truthy } from './apt-common.js';
import { answeredByPipe, commandSpan, earlierRunSays, editable, rule } from './common.js';

/** An earlier RUN that writes `APT::Get::Assume-Yes "true";` to apt.conf.d answers for the later ones. */
const ASSUME_YES = aptConfigures('APT::Get::Assume-Yes', truthy);

/** Sub-commands that ask "Do you want to continue? [Y/n]". */
const PROMPTING = new Set([
  'install', 'reinstall', 'remove', 'purge', 'upgrade', 'dist-upgrade', 'full-upgrade',
  'autoremove', 'autopurge', 'build-dep',
]);

export const aptGetYes = rule(
  {
    id: 'apt-get-yes',
    severity: 'warning',
    aliases: ['DL3014', 'DS-0021'],
    title: 'Use `apt-get install -y`: the build cannot answer the confirmation prompt',
    description:
      'Without `-y`, `apt-get` asks "Do you want to continue? [Y/n]"; a build has no terminal, so apt reads end-of-file and aborts the install. `-y` (or `-qq`, which implies it) answers yes.',
    bad: 'FROM debian:12-slim\nRUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    fixable: true,
    differs:
      'Also covers `apt` and the other prompting sub-commands (`remove`, `purge`, `upgrade`, `dist-upgrade`, `autoremove`, `build-dep`), which abort the same way; hadolint checks `install` only. `-qq`, `--force-yes`, `-o APT::Get::Assume-Yes=true`, an earlier `APT::Get::Assume-Yes "true";` written to apt.conf.d, and input piped in (`yes | apt-get ...`) count as answering.',
  },
  ({ df, report }) => {
    const earlier = new Map<number, boolean>();
    for (const { inst, cmd, args, sub } of aptCalls(df, ['apt-get', 'apt'])) {
      if (!sub || !PROMPTING.has(sub)) continue;
      if (answeredByPipe(inst, cmd)) continue;
      if (hasOption(cmd, '-y', '--yes', '--assume-yes', '--force-yes') || quietTwice(cmd)) continue;
      if (aptConfig(cmd, 'APT::Get::Assume-Yes').some(truthy)) continue;
      if (!earlier.has(inst.index)) earlier.set(inst.index, earlierRunSays(df, inst, 'APT::Get::Assume-Yes', /Assume-Yes/i, ASSUME_YES));
      if (earlier.get(inst.index)) continue;
      const w = cmd.words[args.sub];
      report({
        ...commandSpan(cmd, args.sub),
        message: `\`${cmd.program} ${sub}\` without -y aborts at the confirmation prompt: use \`${cmd.program} ${sub} -y\``,
        ...(editable(df, w) ? { fix: [{ start: w.end, end: w.end, text: ' -y' }] } : {}),
      });
    }
  },
);

/** Quiet level 2 implies -y (apt-get(8)): `-qq`, `-q -q`, `--quiet --quiet`, `-q=2`, `--quiet=2`. */
function quietTwice(cmd: ShellCommand): boolean {
  if (cmd.argv.some((a) => /^-q=[2-9]$/.test(a))) return true;
  const args = parseArgv(cmd);
  return countOpt(args, '-q', '--quiet') >= 2 || optValues(args, '--quiet').some((v) => Number(v) >= 2);
}
