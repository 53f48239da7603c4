import type { DockerfileRule } from '../../types.js';

export const fromAsCasing: DockerfileRule = {
  meta: {
    id: 'from-as-casing',
    target: 'dockerfile',
    category: 'style',
    severity: 'style',
    aliases: ['FromAsCasing'],
    title: "Write 'AS' in the same case as 'FROM'",
    description: '`FROM node:22 as build` mixes cases; write `FROM … AS …` (or `from … as …` in an all-lowercase file).',
    bad: 'FROM node:22 as build\nRUN npm ci\n',
    good: 'FROM node:22 AS build\nRUN npm ci\n',
    fixable: true,
  },
  check({ df, report }) {
    for (const stage of df.stages) {
      const as = stage.from.args[1];
      if (!as || as.value.toLowerCase() !== 'as' || !stage.from.args[2]) continue;
      const from = stage.from.keywordText;
      const want = from === from.toLowerCase() ? 'as' : 'AS';
      if (as.value === want) continue;
      report({
        start: as.start,
        end: as.end,
        message: `'${as.value}' and '${from}' keywords' casing do not match: write '${want}'`,
        fix: [{ start: as.start, end: as.end, text: want }],
      });
    }
  },
};
