import type { DockerfileRule } from '../../types.js';
import { reportOverridden } from './duplicates.js';

export const multipleHealthcheck: DockerfileRule = {
  meta: {
    id: 'multiple-healthcheck',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'error',
    aliases: ['DL3012', 'MultipleInstructionsDisallowed', 'DS-0023'],
    title: 'Only one HEALTHCHECK per stage: earlier ones are ignored',
    description:
      'Docker keeps only the last `HEALTHCHECK` of a stage, so an earlier check (or `HEALTHCHECK NONE`) has no effect.',
    bad: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK NONE\n',
    good: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n',
    fixable: false,
    differs: 'Counted per stage (a stage built FROM another may set its own HEALTHCHECK). Only the earlier, overridden instructions are reported, pointing at the one that wins; BuildKit MultipleInstructionsDisallowed covers CMD, ENTRYPOINT and HEALTHCHECK at once, so its id suppresses all three rules.',
  },
  check(ctx) {
    reportOverridden(ctx, 'HEALTHCHECK');
  },
};
