import type { DockerfileRule } from '../../types.js';
import { resolve, stageChain, unquote } from './util.js';

export const userNumeric: DockerfileRule = {
  meta: {
    id: 'user-numeric',
    target: 'dockerfile',
    category: 'guide',
    severity: 'info',
    off: true,
    aliases: ['DL3066'],
    title: 'Use a numeric UID in the final USER',
    description:
      'A user name is looked up in the image\'s `/etc/passwd` when the container starts. Kubernetes `runAsNonRoot` and other policy checks cannot verify a name, and the host sees only numbers; `USER 10001:10001` is unambiguous.',
    bad: 'FROM debian:12-slim\nRUN useradd --no-log-init -u 10001 app\nUSER app\n',
    good: 'FROM debian:12-slim\nRUN useradd --no-log-init -u 10001 app\nUSER 10001\n',
    fixable: false,
    differs:
      'Off by default: the guide itself ends with `USER app` (a user created with a fixed UID), which is fine on Docker; turn it on where Kubernetes `runAsNonRoot` must verify the UID. Only the USER the image ships with counts (the last USER of the shipped stage or the stages it is built FROM), as hadolint since PR #1239; earlier USER switches are build steps. `root` is left to the root-user rule; variables are resolved and skipped when unknown.',
  },
  check({ df, report }) {
    if (!df.shipped) return;
    const users = stageChain(df.shipped)
      .reverse()
      .flatMap((s) => s.instructions.filter((i) => i.keyword === 'USER'));
    const last = users.at(-1);
    const arg = last?.args[0];
    if (!last || !arg) return;
    const value = resolve(df, last, unquote(arg.value));
    if (value === null) return;
    const user = value.split(':')[0]!;
    if (user === '' || /^\d+$/.test(user) || user === 'root') return;
    report({
      start: arg.start,
      end: arg.end,
      message: `The image runs as user name '${user}': use its numeric UID (e.g. USER 10001) so runtimes can verify it is not root`,
    });
  },
};
