import type { DockerfileRule } from '../../types.js';
import { exposeWords, portRange } from './expose.js';

export const exposeSsh: DockerfileRule = {
  meta: {
    id: 'expose-ssh',
    target: 'dockerfile',
    category: 'security',
    severity: 'warning',
    aliases: ['DS-0004', 'CKV_DOCKER_1'],
    title: 'Do not expose port 22 (SSH)',
    description:
      'An SSH server in a container is an extra service to patch and a door to guard. Use `docker exec` (or `kubectl exec`) to get a shell in a running container.',
    bad: 'FROM ubuntu:24.04\nEXPOSE 22 8080\n',
    good: 'FROM ubuntu:24.04\nEXPOSE 8080\n',
    fixable: false,
    differs: 'A port range that includes 22 is reported too; ports given by variables are resolved from ARG/ENV.',
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword !== 'EXPOSE') continue;
      for (const w of exposeWords(df, inst)) {
        const range = portRange(w.port);
        if (!range || range[0] > 22 || range[1] < 22) continue;
        report({
          start: w.token.start,
          end: w.token.end,
          message: `EXPOSE ${w.value} opens the SSH port 22: use docker exec to get into a container instead of running sshd`,
        });
      }
    }
  },
};
