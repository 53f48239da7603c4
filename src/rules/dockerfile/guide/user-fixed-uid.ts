import type { ShellCommand } from '../../../parse/dockerfile/shell.js';
import type { DockerfileRule } from '../../types.js';
import { parseArgv } from '../argv.js';
import { hasOption } from '../helpers.js';
import { isAlpine, rootImage, runCommandsOfChain } from './util.js';

/** Plain operands (user / group names) of the command. */
function names(cmd: ShellCommand): string[] {
  return parseArgv(cmd).operands.map((i) => cmd.argv[i]!);
}

/** What a user/group creation command lacks to get a fixed id, or null when it has one. */
export function missingId(cmd: ShellCommand): string | null {
  // `adduser app docker` / `addgroup app wheel` add an existing user to a group: nothing is created.
  if ((cmd.program === 'adduser' || cmd.program === 'addgroup') && names(cmd).length >= 2) return null;
  switch (cmd.program) {
    case 'useradd':
      return hasOption(cmd, '-u', '--uid') ? null : '--uid';
    case 'groupadd':
      return hasOption(cmd, '-g', '--gid') ? null : '--gid';
    case 'adduser':
      // Debian adduser: --uid N; BusyBox adduser: -u N.
      return hasOption(cmd, '--uid', '-u') ? null : '--uid';
    case 'addgroup':
      return hasOption(cmd, '--gid', '-g') ? null : '--gid';
    default:
      return null;
  }
}

export const userFixedUid: DockerfileRule = {
  meta: {
    id: 'user-fixed-uid',
    target: 'dockerfile',
    category: 'guide',
    severity: 'info',
    aliases: [],
    title: 'Create the image\'s user with a fixed UID/GID',
    description:
      'Without `--uid`/`--gid` the id is whatever is free in the base image, and can change when the base image does. Files the container writes to volumes and bind mounts are owned by that number on the host, Kubernetes `runAsUser`/`fsGroup` need it, and the guide uses a fixed `1001`.',
    bad: 'FROM python:3.12-slim\nRUN useradd --create-home app\nUSER app\n',
    good: 'FROM python:3.12-slim\nRUN groupadd --gid 1001 app && useradd --uid 1001 --gid app --create-home app\nUSER app\n',
    fixable: false,
    differs:
      'No anchor checks this. Info, not warning: the image works either way; the cost comes with volumes and orchestrators. Only users created in the shipped stage (or the stages it is FROM-built upon) are checked. No fix: the right id depends on the host and other images.',
  },
  check({ df, report }) {
    const alpine = df.shipped ? isAlpine(rootImage(df.shipped).image) : false;
    for (const { cmd } of runCommandsOfChain(df)) {
      let missing = missingId(cmd);
      if (!missing) continue;
      // BusyBox adduser/addgroup (Alpine) take -u / -g, not --uid / --gid.
      const busybox =
        (cmd.program === 'adduser' || cmd.program === 'addgroup') &&
        !cmd.argv.some((a) => a.startsWith('--')) &&
        (alpine || cmd.argv.some((a) => /^-[A-Za-z]+$/.test(a)));
      if (busybox) missing = missing === '--uid' ? '-u' : '-g';
      // A dynamic name keeps its source text (`"${NB_USER}"`): shown without its quotes.
      const name = (names(cmd).at(-1) ?? '').replace(/^"(.*)"$|^'(.*)'$/, '$1$2');
      const what = cmd.program === 'useradd' || cmd.program === 'adduser' ? 'user' : 'group';
      const word = cmd.words[0]!;
      report({
        start: word.start,
        end: word.end,
        message: `${cmd.program} creates the ${what}${name ? ` '${name}'` : ''} without a fixed ${what === 'user' ? 'UID' : 'GID'}: add ${missing} 1001 so file ownership on volumes stays stable across rebuilds`,
      });
    }
  },
};
