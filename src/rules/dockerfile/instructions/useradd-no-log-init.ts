import type { ShellWord } from '../../../parse/dockerfile/shell.js';
import type { DockerfileRule } from '../../types.js';
import { hasOption, runCommands } from '../helpers.js';

/** The word giving useradd's UID: `-u 123`, `-u123`, `--uid 123`, `--uid=123`, `-ru 123`. */
function uidOf(words: ShellWord[]): string | null {
  for (let i = 1; i < words.length; i++) {
    const a = words[i]!.value;
    if (a === null) continue;
    if (a === '--') break;
    if (a === '--uid' || /^-[A-Za-z]*u$/.test(a)) return words[i + 1]?.value ?? null;
    if (a.startsWith('--uid=')) return a.slice(6);
    if (/^-u\d/.test(a)) return a.slice(2);
  }
  return null;
}

export const useraddNoLogInit: DockerfileRule = {
  meta: {
    id: 'useradd-no-log-init',
    target: 'dockerfile',
    category: 'guide',
    severity: 'warning',
    aliases: ['DL3046'],
    title: 'useradd with a high UID needs -l (--no-log-init)',
    description:
      '`useradd` records the new user in `/var/log/lastlog` and `faillog`, sparse files indexed by UID. In an image layer the sparse file is stored in full: a UID like 1000000 adds hundreds of megabytes. `--no-log-init` skips these logs.',
    bad: 'FROM debian:12-slim\nRUN useradd -u 1000000 app\n',
    good: 'FROM debian:12-slim\nRUN useradd --no-log-init -u 1000000 app\n',
    fixable: true,
    differs: 'Same trigger as hadolint (a UID of more than five digits, without `-l`/`--no-log-init`); a UID from a variable is not reported. The fix inserts `--no-log-init` after `useradd`.',
  },
  check({ df, report }) {
    for (const { cmd } of runCommands(df, 'useradd')) {
      if (hasOption(cmd, '-l', '--no-log-init')) continue;
      const uid = uidOf(cmd.words);
      if (uid === null || uid.length <= 5) continue;
      const word = cmd.words[0]!;
      report({
        start: cmd.start,
        end: cmd.end,
        message: `useradd with UID ${uid} and without --no-log-init writes a huge sparse /var/log/lastlog into the layer: add --no-log-init`,
        fix: [{ start: word.end, end: word.end, text: ' --no-log-init' }],
      });
    }
  },
};
