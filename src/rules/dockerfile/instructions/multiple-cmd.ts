import type { DockerfileRule } from '../../types.js';
import { reportOverridden } from './duplicates.js';

export const multipleCmd: DockerfileRule = {
  meta: {
    id: 'multiple-cmd',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'warning',
    aliases: ['DL4003', 'MultipleInstructionsDisallowed', 'DS-0016'],
    title: 'Only one CMD per stage: earlier ones are ignored',
    description:
      'Docker keeps only the last `CMD` of a stage. Earlier ones are dead code that suggests the image runs something it does not.',
    bad: 'FROM python:3.12-slim\nCMD ["python", "manage.py", "migrate"]\nCMD ["gunicorn", "app:app"]\n',
    good: 'FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n',
    fixable: false,
    differs: 'Counted per stage (a stage built FROM another may set its own CMD). Only the earlier, overridden instructions are reported, pointing at the one that wins; BuildKit MultipleInstructionsDisallowed covers CMD, ENTRYPOINT and HEALTHCHECK at once, so its id suppresses all three rules.',
  },
  check(ctx) {
    reportOverridden(ctx, 'CMD');
  },
};
