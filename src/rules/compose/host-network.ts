import { get, str } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { at, composeFiles, fileServices } from './util.js';

const KEYS: [string, string][] = [
  ['network_mode', "the host's network: every port it listens on is public, and it sees the host's interfaces"],
  ['pid', "the host's processes: it can see and signal every process on the host"],
  ['ipc', "the host's IPC namespace: it can read shared memory of host processes"],
  ['uts', "the host's hostname namespace"],
  ['userns_mode', "the host's user namespace (user remapping is off)"],
];

export const composeHostNetwork: ProjectRule = {
  meta: {
    id: 'compose-host-network',
    target: 'compose',
    category: 'security',
    severity: 'warning',
    aliases: [],
    title: "A service shares the host's network, PID or IPC namespace",
    description:
      "`network_mode: host` bypasses Docker's port publishing and isolation (every listening port is public); `pid: host` and `ipc: host` let the container see and affect the host's processes and shared memory. Publish the ports needed instead, and keep namespaces private.",
    bad: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    network_mode: host\n',
    good: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    ports:\n      - "127.0.0.1:8000:8000"\n',
    fixable: false,
  },
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      for (const s of fileServices(cf)) {
        for (const [key, what] of KEYS) {
          const v = get(s.value, key);
          if ((str(v) ?? '').trim().toLowerCase() !== 'host') continue;
          at(report, v!.loc, `Service '${s.name}' uses ${key}: host, sharing ${what}`);
        }
      }
    }
  },
};
