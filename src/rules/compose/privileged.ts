import { get, isTrue } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { at, composeFiles, fileServices, keyOf } from './util.js';

export const composePrivileged: ProjectRule = {
  meta: {
    id: 'compose-privileged',
    target: 'compose',
    category: 'security',
    severity: 'error',
    aliases: [],
    title: 'A service runs privileged',
    description:
      '`privileged: true` gives the container every capability and access to all host devices: a process that escapes the app owns the host. Grant only the capability needed (`cap_add: [NET_ADMIN]`) or the device (`devices:`).',
    bad: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    privileged: true\n',
    good: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    cap_add:\n      - NET_BIND_SERVICE\n',
    fixable: false,
  },
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      for (const s of fileServices(cf)) {
        if (!isTrue(get(s.value, 'privileged'))) continue;
        at(report, keyOf(s.value, 'privileged')!, `Service '${s.name}' runs privileged: it can take over the host; grant only the capabilities or devices it needs`);
      }
    }
  },
};
