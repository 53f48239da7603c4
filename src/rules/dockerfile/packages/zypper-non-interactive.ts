import { commandSpan, editable, optionIndex, rule } from './common.js';
import { pmCalls, zypperChanges } from './rpm-common.js';

export const zypperNonInteractive = rule(
  {
    id: 'zypper-non-interactive',
    severity: 'warning',
    aliases: ['DL3034'],
    title: 'Use `zypper -n` (or `install -y`): the build cannot answer prompts',
    description:
      'Without `--non-interactive` (`-n`) or `-y`, zypper asks "Continue? [y/n/v/...]"; a build has no terminal, so the install is aborted.',
    bad: 'FROM opensuse/leap:15.6\nRUN zypper install curl && zypper clean -a\n',
    good: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean -a\n',
    fixable: true,
    differs:
      'Covers every sub-command that changes packages (`remove`, `update`, `patch`, `dup`…), not only `install`. The fix adds the global `-n` right after `zypper`, which answers every prompt of every sub-command; `-n` after the sub-command is not counted, as it means something else there (`zypper install -n` is `--name`, hadolint counts it).',
  },
  ({ df, report }) => {
    for (const call of pmCalls(df, ['zypper'])) {
      const { cmd, args } = call;
      if (!zypperChanges(call)) continue;
      if (optionIndex(cmd, ['--non-interactive', '--no-confirm']) >= 0) continue;
      if (args.options.some((i) => i < args.sub && cmd.argv[i] === '-n')) continue;
      if (args.options.some((i) => i > args.sub && cmd.argv[i] === '-y')) continue;
      const w = cmd.words[0];
      report({
        ...commandSpan(cmd, args.sub),
        message: `\`zypper ${call.sub}\` without --non-interactive aborts at the prompt: use \`zypper -n ${call.sub}\``,
        ...(editable(df, w) ? { fix: [{ start: w.end, end: w.end, text: ' -n' }] } : {}),
      });
    }
  },
);
