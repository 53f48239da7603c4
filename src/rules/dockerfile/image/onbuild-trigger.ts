import type { DockerfileRule } from '../../types.js';

const FORBIDDEN = new Set(['FROM', 'ONBUILD', 'MAINTAINER']);

export const onbuildTrigger: DockerfileRule = {
  meta: {
    id: 'onbuild-trigger',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'error',
    aliases: ['DL3043'],
    title: 'ONBUILD cannot trigger FROM, ONBUILD or MAINTAINER',
    description:
      'Docker refuses `ONBUILD FROM`, `ONBUILD ONBUILD` and `ONBUILD MAINTAINER`: a trigger runs inside the downstream build, where these make no sense.',
    bad: 'FROM node:22\nONBUILD FROM node:22-slim\n',
    good: 'FROM node:22\nONBUILD COPY package.json ./\n',
    fixable: false,
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      const t = inst.trigger;
      if (inst.keyword !== 'ONBUILD' || !t || !FORBIDDEN.has(t.keyword)) continue;
      report({
        start: t.keywordEnd - t.keywordText.length,
        end: t.keywordEnd,
        message: `ONBUILD ${t.keyword} is not allowed: ${t.keyword} cannot be a trigger`,
      });
    }
  },
};
