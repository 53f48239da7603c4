import { get, raw, str } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { at, composeFiles, fileServices } from './util.js';

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export const composeContainerNameRegex: ProjectRule = {
  meta: {
    id: 'compose-container-name-invalid',
    target: 'compose',
    category: 'correctness',
    severity: 'error',
    aliases: ['service-container-name-regex'],
    title: 'A container_name is not a valid container name',
    description: 'Docker accepts container names matching `[a-zA-Z0-9][a-zA-Z0-9_.-]+`: anything else fails at `docker compose up`.',
    bad: 'services:\n  app:\n    image: nginx:1.27\n    container_name: "my app"\n',
    good: 'services:\n  app:\n    image: nginx:1.27\n    container_name: my-app\n',
    fixable: false,
  },
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      for (const s of fileServices(cf)) {
        const v = get(s.value, 'container_name');
        const name = str(v);
        if (!v || name === undefined || (raw(v) ?? '').includes('$') || NAME.test(name)) continue;
        at(report, v.loc, `Service '${s.name}' has container_name '${name}', which Docker rejects: use letters, digits, '_', '.', '-' (and start with a letter or digit)`);
      }
    }
  },
};
