import { relative, sep } from 'node:path';
import { dirExists, fileExists } from '../../parse/compose/project.js';
import { get } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { builtServices } from './cross.js';
import { at } from './util.js';

export const composeDockerfileMissing: ProjectRule = {
  meta: {
    id: 'compose-dockerfile-missing',
    target: 'compose',
    category: 'correctness',
    severity: 'error',
    aliases: [],
    title: 'The build context or Dockerfile of a service does not exist',
    description: '`build.context` is relative to the compose file and `build.dockerfile` to the context: a wrong path fails `docker compose build`.',
    bad: 'services:\n  app:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile.prod\n',
    good: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n',
    fixable: false,
  },
  check({ project, report }) {
    for (const b of builtServices(project)) {
      if (b.path === '') continue; // dockerfile_inline
      const shown = (abs: string) => relative(b.project.dir, abs).split(sep).join('/') || '.';
      const contextValue = b.build.kind === 'scalar' ? b.build : get(b.build, 'context');
      if (!dirExists(project, b.context)) {
        at(report, (contextValue ?? b.build).loc, `Service '${b.service.name}' builds from '${shown(b.context)}', which does not exist`);
        continue;
      }
      if (fileExists(project, b.path)) continue;
      const dfValue = get(b.build, 'dockerfile');
      at(report, (dfValue ?? contextValue ?? b.build).loc, `Service '${b.service.name}' builds with '${shown(b.path)}', which does not exist`);
    }
  },
};
