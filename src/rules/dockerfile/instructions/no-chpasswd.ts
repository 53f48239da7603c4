import type { DockerfileRule } from '../../types.js';
import { runCommands } from '../helpers.js';

export const noChpasswd: DockerfileRule = {
  meta: {
    id: 'no-chpasswd',
    target: 'dockerfile',
    category: 'security',
    severity: 'warning',
    aliases: ['CKV2_DOCKER_17'],
    title: 'Do not set passwords with chpasswd in the image',
    description:
      'A password set at build time is written in the Dockerfile and stored in the image layers and its history, the same for every container. Containers do not need login passwords; use `docker exec` or inject credentials at run time.',
    bad: 'FROM ubuntu:24.04\nRUN useradd app && echo "app:secret" | chpasswd\n',
    good: 'FROM ubuntu:24.04\nRUN useradd --no-log-init app\n',
    fixable: false,
  },
  check({ df, report }) {
    for (const { cmd } of runCommands(df, 'chpasswd')) {
      const word = cmd.words[0]!;
      report({ start: word.start, end: word.end, message: 'chpasswd bakes a password into the image layers: do not set login passwords at build time' });
    }
  },
};
