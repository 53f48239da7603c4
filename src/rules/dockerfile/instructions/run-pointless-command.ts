import type { DockerfileRule } from '../../types.js';
import { mounts, runCommands } from '../helpers.js';
import { own } from '../../../util/own.js';

const WHY: Record<string, string> = {
  ssh: 'a build step should not log into other machines (use RUN --mount=type=ssh with git, or fetch artefacts another way)',
  vim: 'nobody can type into an editor during a build',
  nano: 'nobody can type into an editor during a build',
  shutdown: 'a build container has no system to shut down',
  service: 'services started in a RUN stop when the RUN ends; start them from CMD/ENTRYPOINT',
  ps: 'the build container has no other processes worth listing',
  free: 'the memory of the build container says nothing about the running container',
  top: 'it is interactive and never ends in a build',
  kill: 'processes of a RUN end with the RUN anyway',
  mount: 'mounts do not persist past the RUN; use RUN --mount',
  ifconfig: 'the build network says nothing about the running container',
};

export const runPointlessCommand: DockerfileRule = {
  meta: {
    id: 'run-pointless-command',
    target: 'dockerfile',
    category: 'guide',
    severity: 'info',
    aliases: ['DL3001'],
    title: 'Interactive or system commands (ssh, vim, service, ps, top, kill, mount…) make no sense in RUN',
    description:
      'A RUN executes once, non-interactively, at build time in a throw-away container. Editors, process monitors and service managers either hang the build or do nothing that survives into the image.',
    bad: 'FROM debian:12-slim\nRUN service nginx start\n',
    good: 'FROM debian:12-slim\nCMD ["nginx", "-g", "daemon off;"]\n',
    fixable: false,
    differs: 'Only the command itself counts (installing `vim` is not reported). `ssh` with a `RUN --mount=type=ssh` agent is a deliberate use and is not reported. `nano` and `ifconfig` are included.',
  },
  check({ report, df }) {
    for (const { inst, cmd } of runCommands(df, ...Object.keys(WHY))) {
      if (cmd.program === 'ssh' && mounts(inst, 'ssh').length) continue;
      const word = cmd.words[0]!;
      report({ start: word.start, end: word.end, message: `'${cmd.program}' in RUN makes no sense: ${own(WHY, cmd.program)}` });
    }
  },
};
