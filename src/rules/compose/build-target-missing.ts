import { get, str } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { builtServices } from './cross.js';
import { at } from './util.js';

export const composeBuildTargetMissing: ProjectRule = {
  meta: {
    id: 'compose-build-target-missing',
    target: 'compose',
    category: 'correctness',
    severity: 'error',
    aliases: [],
    title: 'build.target names no stage of the Dockerfile',
    description: '`build.target` selects a stage by its `AS` name: a name the Dockerfile does not have fails the build ("target stage could not be found").',
    bad: 'services:\n  app:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM node:22-slim AS runtime\n        CMD ["node", "server.js"]\n      target: prod\n',
    good: 'services:\n  app:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM node:22-slim AS runtime\n        CMD ["node", "server.js"]\n      target: runtime\n',
    fixable: false,
  },
  check({ project, report }) {
    for (const b of builtServices(project)) {
      const target = get(b.build, 'target');
      const name = str(target);
      if (!target || !name || !b.df || String((target.kind === 'scalar' && target.value) ?? '').includes('$')) continue;
      const names = b.df.stages.map((s) => s.name).filter((n): n is string => Boolean(n));
      if (names.some((n) => n.toLowerCase() === name.toLowerCase())) continue;
      at(
        report,
        target.loc,
        `Service '${b.service.name}' builds target '${name}', but ${b.df.path} has ${names.length ? `only the stages ${names.map((n) => `'${n}'`).join(', ')}` : 'no named stage'}`,
      );
    }
  },
};
