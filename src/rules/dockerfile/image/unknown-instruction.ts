import type { DockerfileRule } from '../../types.js';
import { didYouMean, KNOWN_INSTRUCTIONS, suggest, withTriggers } from './util.js';

export const unknownInstruction: DockerfileRule = {
  meta: {
    id: 'unknown-instruction',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'error',
    aliases: [],
    title: 'Unknown instruction',
    description:
      'Docker fails on a keyword it does not know. Usually it is a typo (`COPPY`), or a line that lost the `\\` continuing the previous instruction, so a shell command became an instruction of its own.',
    bad: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n    git\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl \\\n    git\n',
    fixable: false,
    differs: 'hadolint and BuildKit stop with a parse error; slipway reports the word with its position and the closest instruction, and keeps checking the rest of the file.',
  },
  check({ df, report }) {
    const all = withTriggers(df);
    for (const inst of all) {
      if (KNOWN_INSTRUCTIONS.includes(inst.keyword) || !inst.keywordText) continue;
      const start = inst.keywordEnd - inst.keywordText.length;
      const hint = suggest(inst.keyword, KNOWN_INSTRUCTIONS);
      const prev = df.instructions.filter((i) => i.end <= inst.start).at(-1);
      const lostContinuation =
        !hint && prev && ['RUN', 'CMD', 'ENTRYPOINT', 'ENV', 'LABEL', 'COPY', 'ADD'].includes(prev.keyword) && inst.trigger === null;
      report({
        start,
        end: inst.keywordEnd,
        message: hint
          ? `Unknown instruction '${inst.keywordText}'${didYouMean(hint)}`
          : lostContinuation
            ? `Unknown instruction '${inst.keywordText}': is a '${df.escapeChar}' missing at the end of line ${df.lines.positionAt(prev.end).line} (${prev.keyword})?`
            : `Unknown instruction '${inst.keywordText}'`,
      });
    }
  },
};
