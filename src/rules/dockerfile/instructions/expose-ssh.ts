import type { Instruction, Stage } from '../../../parse/dockerfile/model.js';
import type { DockerfileRule } from '../../types.js';
import { exposeWords, portRange } from './expose.js';
import { fileMemo } from '../file-memo.js';
import { work } from '../../../parse/dockerfile/work.js';

/** SSH servers: when one is what the image starts, SSH is the service (git over SSH, SFTP, a bastion). */
const SSH_SERVERS = new Set(['sshd', 'dropbear']);

/** The program a CMD/ENTRYPOINT starts (`exec` dropped), or null when it is not known. */
function startedProgram(inst: Instruction): string | null {
  const argv = inst.json ?? inst.shell?.commands[0]?.argv ?? [];
  const first = argv[0] === 'exec' ? argv[1] : argv[0];
  return first ? first.slice(first.lastIndexOf('/') + 1) : null;
}

/**
 * Does the stage start an SSH server as its main process? (CMD is passed to an entrypoint script, which
 * runs it.) Kept per stage: it is asked for every EXPOSE (16,000 EXPOSE lines were 16,000 scans).
 */
function servesSsh(stage: Stage): boolean {
  return fileMemo(stage, 'servesSsh', () => deriveServesSsh(stage));
}

function deriveServesSsh(stage: Stage): boolean {
  work.steps += stage.instructions.length;
  const last = (keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).at(-1);
  return [last('ENTRYPOINT'), last('CMD')].some((i) => i !== undefined && SSH_SERVERS.has(startedProgram(i) ?? ''));
}

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
    differs:
      'A port range that includes 22 is reported too; ports given by variables are resolved from ARG/ENV. Not reported when the stage starts an SSH server as its main process (`CMD ["/usr/sbin/sshd", "-D"]`, also after an entrypoint script): then SSH is the service — a git server, SFTP, a bastion — not a way into an application (Trivy DS-0004 reports it).',
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword !== 'EXPOSE' || (inst.stage && servesSsh(inst.stage))) continue;
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
