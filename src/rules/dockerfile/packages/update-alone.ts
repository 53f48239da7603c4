import { SHELLS, type ShellCommand } from '../../../parse/dockerfile/shell.js';
import { commandsOf, withTriggers } from '../helpers.js';
import { commandSpan, nextWord, rule } from './common.js';

interface Family {
  programs: string[];
  /** Sub-commands that refresh the package index. */
  refresh: Set<string>;
  /** Sub-commands that install or upgrade from it. */
  install: Set<string>;
}

const FAMILIES: Family[] = [
  {
    programs: ['apt-get', 'apt', 'aptitude'],
    refresh: new Set(['update']),
    install: new Set(['install', 'reinstall', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source', 'download', 'safe-upgrade']),
  },
  { programs: ['apk'], refresh: new Set(['update']), install: new Set(['add', 'upgrade', 'fix', 'fetch']) },
  {
    programs: ['zypper'],
    refresh: new Set(['refresh', 'ref']),
    install: new Set(['install', 'in', 'update', 'up', 'patch', 'dist-upgrade', 'dup', 'source-install', 'si', 'install-new-recommends', 'inr']),
  },
  {
    programs: ['yum', 'dnf', 'dnf5', 'tdnf', 'microdnf'],
    refresh: new Set(['makecache']),
    install: new Set(['install', 'update', 'upgrade', 'groupinstall', 'localinstall', 'reinstall', 'downgrade', 'builddep', 'group', 'module', 'distro-sync']),
  },
];

/** Where the family's program is in a command: the program itself (0), or, for `… | xargs apt-get install`, the word after xargs' own options; -1 when absent. */
function programAt(c: ShellCommand, family: Family): number {
  if (c.program === 'xargs') return c.argv.findIndex((a, k) => k > 0 && family.programs.includes(a.slice(a.lastIndexOf('/') + 1)));
  return family.programs.includes(c.program) ? 0 : -1;
}

/** The programs a RUN must run for any family to be there. */
const PROGRAMS = new Set([...FAMILIES.flatMap((f) => f.programs), 'xargs']);

export const updateAlone = rule(
  {
    id: 'update-alone',
    severity: 'warning',
    aliases: ['DS-0017', 'CKV_DOCKER_5', 'CIS-DI-0007'],
    title: 'Refresh the package index in the same RUN as the install',
    description:
      'A RUN that only does `apt-get update` is cached as its own layer: later builds reuse the old index while the install in a later RUN is re-run, so it asks the mirror for versions that no longer exist (404) or silently installs stale ones. Update and install in one RUN.',
    bad: 'FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    fixable: false,
    differs:
      'Only index refreshes count as "update": `apt-get update`, `apk update`, `zypper refresh`, `yum/dnf makecache`. `yum update`/`dnf update` upgrade packages and are not flagged (checkov\'s CKV_DOCKER_5 matches any word `update`). The install must come from the same package manager; a RUN that also runs a script (`./install.sh`, `sh setup.sh`) is given the benefit of the doubt; `… | xargs apt-get install` is an install.',
  },
  ({ df, report }) => {
    for (const inst of withTriggers(df.instructions)) {
      if (inst.keyword !== 'RUN') continue;
      const commands = commandsOf(inst);
      // Most RUNs run no package manager.
      if (!commands.some((c) => PROGRAMS.has(c.program))) continue;
      const opaque = commands.some(
        (c) => c.program.endsWith('.sh') || c.name.startsWith('./') || (SHELLS.has(c.program) && !c.argv.slice(1).some((a) => /^-[a-z]*c/.test(a)) && c.argv.length > 1),
      );
      if (opaque) continue;
      for (const family of FAMILIES) {
        // `... | xargs apt-get install` installs too.
        const calls: { c: ShellCommand; i: number; sub: string | null }[] = [];
        for (const c of commands) {
          const at = programAt(c, family);
          if (at < 0) continue;
          const i = nextWord(c, at + 1);
          calls.push({ c, i, sub: i >= 0 ? c.argv[i]! : null });
        }
        // `apk add --update` and `apk add -U` refresh and install at once.
        if (calls.some(({ sub }) => sub !== null && family.install.has(sub))) continue;
        for (const { c, i, sub } of calls) {
          if (sub === null || !family.refresh.has(sub)) continue;
          report({
            ...commandSpan(c, i),
            message: `\`${c.program} ${sub}\` alone in a RUN leaves a cached, stale index: refresh and install in the same RUN`,
          });
        }
      }
    }
  },
);
