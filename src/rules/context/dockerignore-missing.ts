import { contextsOf } from '../../parse/context/context.js';
import type { ProjectRule } from '../types.js';
import { dedupedReport, dockerfileHead, humanSize } from './common.js';

export const dockerignoreMissing: ProjectRule = {
  meta: {
    id: 'dockerignore-missing',
    target: 'context',
    category: 'guide',
    severity: 'warning',
    aliases: [],
    title: 'The build context has no .dockerignore',
    description:
      'Without a `.dockerignore`, `docker build` sends the whole folder to the builder — `.git`, `.env`, `node_modules`, caches — and `COPY . .` bakes all of it into the image. The guide lists what a `.dockerignore` should exclude; `slipway init` writes one.',
    bad: '# Dockerfile, in a folder with no .dockerignore\nFROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n',
    good: '# .dockerignore next to the Dockerfile\n.git\n.env\n.env.*\n!.env.example\n__pycache__\n*.pyc\n.venv\n',
    fixable: false,
    differs:
      'No anchor checks for a missing `.dockerignore`. A folder holding nothing but the Dockerfile is not reported. BuildKit\'s `Dockerfile.dockerignore` next to the Dockerfile counts.',
  },
  check(ctx) {
    const report = dedupedReport(ctx);
    for (const c of contextsOf(ctx.project)) {
      if (c.dockerignore) continue;
      const others = c.files.filter((f) => f.path !== c.dockerfile?.absPath.slice(c.dir.length + 1));
      if (!others.length) continue;
      const head = dockerfileHead(c);
      if (!head) continue;
      const notable = ['.git', '.env', 'node_modules', '.venv'].filter((n) => c.entry(n));
      report({
        ...head,
        message: `no .dockerignore for the build context '${c.path}': all ${c.files.length} files (${humanSize(c.totalSize)})${
          notable.length ? `, ${notable.join(', ')} included,` : ''
        } are sent to the builder; add a .dockerignore${c.dockerfile ? ` next to ${c.dockerfile.path}` : ''} (slipway init writes one)`,
      });
    }
  },
};
