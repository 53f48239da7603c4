import { workflowOf } from '../../parse/workflow/index.js';
import type { ProjectRule } from '../types.js';
import { jobName } from './common.js';

export const workflowBuildCache: ProjectRule = {
  meta: {
    id: 'workflow-build-cache',
    target: 'workflow',
    category: 'maintainability',
    severity: 'info',
    aliases: [],
    title: 'docker/build-push-action without a BuildKit cache rebuilds every layer',
    description:
      'A CI runner starts empty, so without `cache-from`/`cache-to` every run reinstalls the dependencies the Dockerfile\'s layer order was meant to cache. `cache-from: type=gha` with `cache-to: type=gha,mode=max` keeps the layers in the GitHub Actions cache.',
    bad: 'on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/org/app:${{ github.sha }}\n',
    good: 'on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/org/app:${{ github.sha }}\n          cache-from: type=gha\n          cache-to: type=gha,mode=max\n',
    fixable: false,
    differs: 'No anchor checks this (RULES.md §5 lists it as a gap). Only docker/build-push-action is judged; `docker build` in a script may use a cache of its own.',
  },
  check({ project, report }) {
    for (const wf of workflowOf(project).files) {
      for (const job of wf.jobs) {
        for (const b of job.builds) {
          if (b.via !== 'build-push-action' || b.cache) continue;
          report({
            file: wf.file,
            start: b.loc.start,
            end: b.loc.end,
            message: `docker/build-push-action in ${jobName(job)} has no \`cache-from\`: every run rebuilds every layer; add \`cache-from: type=gha\` and \`cache-to: type=gha,mode=max\``,
          });
        }
      }
    }
  },
};
