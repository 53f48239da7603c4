import type { DockerfileRule } from '../../types.js';
import { resolve, unquote } from './util.js';

const SYSTEM_DIRS = ['/proc', '/sys', '/dev', '/boot', '/initrd', '/lost+found'];

export const workdirSystemDir: DockerfileRule = {
  meta: {
    id: 'workdir-system-dir',
    target: 'dockerfile',
    category: 'security',
    severity: 'error',
    aliases: ['DS-0030'],
    title: 'Do not use a system directory (/proc, /sys, /dev, /boot) as WORKDIR',
    description:
      '`/proc`, `/sys` and `/dev` are kernel file systems that the runtime mounts over at start-up, and `/boot` belongs to the host OS: anything written there at build time is lost or shadowed, and a process working there touches kernel interfaces.',
    bad: 'FROM alpine:3.20\nWORKDIR /proc/app\n',
    good: 'FROM alpine:3.20\nWORKDIR /app\n',
    fixable: false,
    differs: 'trivy checks the raw text for a trailing slash (`/proc/`), so `WORKDIR /proc` itself slips through; slipway checks the directory and its sub-directories, after resolving variables, and adds `/sys`.',
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword !== 'WORKDIR' || !inst.args[0]) continue;
      const path = resolve(df, inst, unquote(inst.args[0].value));
      if (path === null) continue;
      const normal = path.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
      const dir = SYSTEM_DIRS.find((d) => normal === d || normal.startsWith(`${d}/`));
      if (!dir) continue;
      report({
        start: inst.args[0]!.start,
        end: inst.args.at(-1)!.end,
        message: `WORKDIR '${path}' is inside ${dir}, a system directory the runtime mounts over: use an application directory such as /app`,
      });
    }
  },
};
