import type { DockerfileRule } from '../../types.js';
import { firstLine } from '../helpers.js';
import { KNOWN_INSTRUCTIONS } from './util.js';

export const firstInstruction: DockerfileRule = {
  meta: {
    id: 'first-instruction',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'error',
    aliases: ['DL3061'],
    title: 'A Dockerfile must begin with FROM (ARG, comments and parser directives may come before it)',
    description:
      'Every instruction belongs to a stage, and a stage starts with FROM; only ARG may come before the first FROM (to parameterise it). Docker rejects anything else.',
    bad: 'WORKDIR /app\nFROM alpine:3.20\n',
    good: 'ARG ALPINE=3.20\nFROM alpine:${ALPINE}\nWORKDIR /app\n',
    fixable: false,
    differs: 'Reported once, on the first offending instruction; unknown instructions are left to unknown-instruction.',
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword === 'FROM') return;
      if (inst.keyword === 'ARG' || !KNOWN_INSTRUCTIONS.includes(inst.keyword)) continue;
      const start = inst.keywordEnd - inst.keywordText.length;
      report({
        start,
        end: firstLine(df, inst).end,
        message: df.stages.length
          ? `${inst.keyword} comes before the first FROM: only ARG may precede FROM`
          : `${inst.keyword} with no FROM: a Dockerfile must start with FROM (only ARG may precede it)`,
      });
      return;
    }
  },
};
