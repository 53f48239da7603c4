import { dirname, join } from 'node:path';
import { ENV_TEMPLATE_NAMES, pathType } from '../../project/disk-facts.js';
import type { ProjectRule } from '../types.js';
import { composeVariables } from './compose-vars.js';
import { isTemplateEnv } from './env-file.js';

export const envExampleMissing: ProjectRule = {
  meta: {
    id: 'env-example-missing',
    target: 'env',
    category: 'guide',
    severity: 'info',
    aliases: [],
    title: 'Compose uses variables but there is no .env.example',
    description:
      'The `.env` holding a server\'s values stays out of git, so a committed `.env.example` is the only place that says which variables the compose file needs. Without it, the next deploy fails on a variable nobody knew about.',
    bad: '# compose.yaml (no .env.example beside it)\nservices:\n  app:\n    image: ghcr.io/org/app:${TAG}\n    environment:\n      - API_KEY=${API_KEY}\n',
    good: '# compose.yaml (with .env.example listing TAG= and API_KEY=)\nservices:\n  app:\n    image: ghcr.io/org/app:${TAG:-latest}\n    environment:\n      - API_KEY=${API_KEY}\n',
    fixable: false,
    differs:
      'No anchor checks this. Only variables without a default count (`${TAG:-latest}` needs no documentation); `.env.sample`, `.env.template` and `.env.dist` count as an example.',
  },
  check({ project, report }) {
    const templates = new Set(project.files.filter((f) => f.kind === 'env' && isTemplateEnv(f.path)).map((f) => dirname(f.absPath)));
    const hasTemplate = (dir: string) => templates.has(dir) || ENV_TEMPLATE_NAMES.some((t) => pathType(project.disk, join(dir, t)) !== 'missing');
    for (const file of project.files) {
      if (file.kind !== 'compose') continue;
      const required = composeVariables(file.text).filter((v) => !v.optional);
      if (!required.length || hasTemplate(dirname(file.absPath))) continue;
      const names = [...new Set(required.map((v) => v.name))];
      report({
        file,
        start: required[0]!.start,
        end: required[0]!.end,
        message: `${file.path} needs ${names.slice(0, 6).join(', ')}${names.length > 6 ? ` and ${names.length - 6} more` : ''} from the environment, but there is no .env.example beside it: commit one listing them without values`,
      });
    }
  },
};
