import type { DockerfileRule } from '../../types.js';

// BuildKit's rule: mixed casing is allowed only if consistent; slipway prefers the majority casing.
export const instructionCasing: DockerfileRule = {
  meta: {
    id: 'instruction-casing',
    target: 'dockerfile',
    category: 'style',
    severity: 'style',
    aliases: ['ConsistentInstructionCasing'],
    title: 'Write all instructions in the same case (upper case by convention)',
    description:
      'Docker accepts `run` as well as `RUN`, but a file that mixes them is harder to read and grep. The convention, and what most files use, is upper case.',
    bad: 'FROM alpine:3.20\nrun echo hi\n',
    good: 'FROM alpine:3.20\nRUN echo hi\n',
    fixable: true,
    differs:
      'Like BuildKit, the file\'s majority casing wins (an all-lowercase file is consistent and clean); ties go to upper case. The fix rewrites only the keyword.',
  },
  check({ df, report }) {
    const all = df.instructions.flatMap((i) => (i.trigger ? [i, i.trigger] : [i]));
    const lower = all.filter((i) => i.keywordText === i.keywordText.toLowerCase()).length;
    const upper = all.filter((i) => i.keywordText === i.keywordText.toUpperCase()).length;
    const wantLower = lower > upper;
    for (const inst of all) {
      const want = wantLower ? inst.keywordText.toLowerCase() : inst.keywordText.toUpperCase();
      if (inst.keywordText === want) continue;
      const start = inst.keywordEnd - inst.keywordText.length;
      report({
        start,
        end: inst.keywordEnd,
        message: `Instruction '${inst.keywordText}' should be written '${want}' like the rest of the file`,
        fix: [{ start, end: inst.keywordEnd, text: want }],
      });
    }
  },
};
