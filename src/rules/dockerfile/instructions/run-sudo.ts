import type { DockerfileRule } from '../../types.js';
import { runCommands } from '../helpers.js';

export const runSudo: DockerfileRule = {
  meta: {
    id: 'run-sudo',
    target: 'dockerfile',
    category: 'security',
    severity: 'error',
    aliases: ['DL3004', 'DS-0010', 'CKV2_DOCKER_1'],
    title: 'Do not use sudo in RUN',
    description:
      'RUN already runs as root unless a `USER` says otherwise, so sudo only adds a setuid binary, a sudoers file and TTY/PAM surprises to the image. Switch with `USER root` … `USER app` around the step, or use `gosu`/`su-exec` in an entrypoint.',
    bad: 'FROM ubuntu:24.04\nUSER app\nRUN sudo apt-get update\n',
    good: 'FROM ubuntu:24.04\nUSER root\nRUN apt-get update\nUSER app\n',
    fixable: false,
  },
  check({ df, report }) {
    for (const { cmd } of runCommands(df, 'sudo')) {
      const word = cmd.words[0]!;
      report({ start: word.start, end: word.end, message: 'sudo in RUN: use USER root for the step (or gosu/su-exec at run time) instead' });
    }
  },
};
