import type { DockerfileRule } from '../../types.js';

export const heredocUnterminated: DockerfileRule = {
  meta: {
    id: 'heredoc-unterminated',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'error',
    aliases: [],
    title: 'A heredoc is never closed',
    description:
      'A heredoc (`RUN <<EOF`) runs until a line holding only its delimiter. Without that line BuildKit stops with "unterminated heredoc", and every instruction after it would be read as part of the script.',
    bad: 'FROM alpine:3.20\nRUN <<EOF\napk add --no-cache curl\nCMD ["curl", "--version"]\n',
    good: 'FROM alpine:3.20\nRUN <<EOF\napk add --no-cache curl\nEOF\nCMD ["curl", "--version"]\n',
    fixable: false,
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      for (const h of inst.heredocs) {
        if (h.terminated) continue;
        const marker = df.text.indexOf(h.name, inst.argsStart);
        const start = marker >= inst.start && marker < h.contentStart ? marker : inst.start;
        report({ start, end: start + h.name.length, message: `The heredoc '${h.name}' is never closed: add a line '${h.name}' where the script ends` });
      }
    }
  },
};
