import type { DockerfileRule } from '../../types.js';
import { reportOverridden } from './duplicates.js';

export const multipleEntrypoint: DockerfileRule = {
  meta: {
    id: 'multiple-entrypoint',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'error',
    aliases: ['DL4004', 'MultipleInstructionsDisallowed', 'DS-0007'],
    title: 'Only one ENTRYPOINT per stage: earlier ones are ignored',
    description:
      'Docker keeps only the last `ENTRYPOINT` of a stage. An earlier one (often a wrapper script) silently never runs.',
    bad: 'FROM alpine:3.20\nENTRYPOINT ["/docker-entrypoint.sh"]\nENTRYPOINT ["/usr/bin/app"]\n',
    good: 'FROM alpine:3.20\nENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["/usr/bin/app"]\n',
    fixable: false,
    differs: 'Counted per stage (a stage built FROM another may set its own ENTRYPOINT). Only the earlier, overridden instructions are reported, pointing at the one that wins; BuildKit MultipleInstructionsDisallowed covers CMD, ENTRYPOINT and HEALTHCHECK at once, so its id suppresses all three rules.',
  },
  check(ctx) {
    reportOverridden(ctx, 'ENTRYPOINT');
  },
};
