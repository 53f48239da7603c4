import { get, items, str } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { at, composeFiles, fileServices } from './util.js';

export const composeCapAddAll: ProjectRule = {
  meta: {
    id: 'compose-cap-add-all',
    target: 'compose',
    category: 'security',
    severity: 'error',
    aliases: [],
    title: 'A service adds all capabilities',
    description:
      '`cap_add: [ALL]` is `privileged` in all but name: the container can load kernel modules, change the host\'s network, and escape. Add only the capability needed (`NET_ADMIN`, `SYS_PTRACE`, ...).',
    bad: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    cap_add:\n      - ALL\n',
    good: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    cap_add:\n      - NET_ADMIN\n',
    fixable: false,
  },
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      for (const s of fileServices(cf)) {
        for (const v of items(get(s.value, 'cap_add'))) {
          if (!/^(CAP_)?ALL$/i.test((str(v) ?? '').trim())) continue;
          at(report, v.loc, `Service '${s.name}' adds ALL capabilities: add only the ones it needs`);
        }
      }
    }
  },
};
