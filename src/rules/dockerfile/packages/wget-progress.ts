import { commandSpan, rule, runs } from './common.js';

/** wget's short options taking a value (a `q` after one of them is part of the value). */
const WGET_VALUE_LETTERS = 'OoaeiBtTwQUPlARDXIY';

export const wgetProgress = rule(
  {
    id: 'wget-progress',
    severity: 'info',
    aliases: ['DL3047'],
    title: 'Use `wget --progress=dot:giga` (or `-q`) to keep build logs small',
    description:
      'Without a terminal, GNU wget prints a line of dots for every few kilobytes it downloads, so one large download adds thousands of lines to the build log. `--progress=dot:giga` prints one per few megabytes; `-q`/`-nv` print nothing but errors.',
    bad: 'FROM debian:12-slim\nRUN wget https://example.com/big.tar.gz\n',
    good: 'FROM debian:12-slim\nRUN wget --progress=dot:giga https://example.com/big.tar.gz\n',
    fixable: false,
    differs:
      'Grouped short options are read properly (`-qO-` is quiet). No fix: BusyBox wget (Alpine) has no `--progress` option, so inserting it could break the build; on BusyBox use `-q`.',
  },
  ({ df, report }) => {
    for (const { cmd } of runs(df, ['wget'])) {
      let quiet = false;
      for (let i = 1; i < cmd.argv.length && !quiet; i++) {
        const a = cmd.argv[i]!;
        if (a === '--') break;
        if (['--quiet', '--no-verbose', '-nv', '--output-file', '--append-output', '--progress', '--show-progress'].some((o) => a === o || a.startsWith(`${o}=`))) quiet = true;
        else if (/^-[^-]/.test(a)) {
          for (const c of a.slice(1)) {
            if (c === 'q' || c === 'o' || c === 'a') quiet = true;
            if (quiet || WGET_VALUE_LETTERS.includes(c)) break;
          }
        }
      }
      if (quiet || cmd.argv.length < 2) continue;
      report({ ...commandSpan(cmd, 0), message: '`wget` without --progress floods the build log: add --progress=dot:giga (GNU wget) or -q' });
    }
  },
);
