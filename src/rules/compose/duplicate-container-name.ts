import { composeOf } from '../../parse/compose/index.js';
import type { ComposeService } from '../../parse/compose/model.js';
import { get, str } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { canRunTogether } from './profiles.js';
import { at } from './util.js';

export const composeDuplicateContainerName: ProjectRule = {
  meta: {
    id: 'compose-duplicate-container-name',
    target: 'compose',
    category: 'correctness',
    severity: 'error',
    aliases: ['no-duplicate-container-names'],
    title: 'Two services have the same container_name',
    description: 'Container names are unique on a host: the second service fails to start ("Conflict. The container name is already in use").',
    bad: 'services:\n  a:\n    image: nginx:1.27\n    container_name: web\n  b:\n    image: nginx:1.27\n    container_name: web\n',
    good: 'services:\n  a:\n    image: nginx:1.27\n    container_name: web-a\n  b:\n    image: nginx:1.27\n    container_name: web-b\n',
    fixable: false,
    differs: 'Checked on the merged project (base + override), as compose runs it; services whose `profiles:` share none are alternatives that never start together, so they may reuse a name.',
  },
  check({ project, report }) {
    for (const p of composeOf(project).projects) {
      const seen = new Map<string, ComposeService[]>();
      for (const s of p.services) {
        const v = get(s.value, 'container_name');
        const name = str(v);
        if (!v || !name) continue;
        const earlier = seen.get(name) ?? [];
        const first = earlier.find((o) => canRunTogether(s.value, o.value));
        if (first) at(report, v.loc, `Service '${s.name}' has container_name '${name}', already used by service '${first.name}'`);
        seen.set(name, [...earlier, s]);
      }
    }
  },
};
