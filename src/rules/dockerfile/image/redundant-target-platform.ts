import type { DockerfileRule } from '../../types.js';

export const redundantTargetPlatform: DockerfileRule = {
  meta: {
    id: 'redundant-target-platform',
    target: 'dockerfile',
    category: 'style',
    severity: 'warning',
    aliases: ['DL3065', 'RedundantTargetPlatform'],
    title: 'FROM --platform=$TARGETPLATFORM is the default: remove it',
    description:
      'A stage is built for the target platform unless told otherwise, so `--platform=$TARGETPLATFORM` only adds noise (and suggests something special happens).',
    bad: 'FROM --platform=$TARGETPLATFORM alpine:3.20\nRUN apk add --no-cache curl\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    fixable: true,
  },
  check({ df, report }) {
    for (const stage of df.stages) {
      for (const flag of stage.from.flags) {
        if (flag.name !== 'platform' || flag.value === null) continue;
        const value = flag.value.trim();
        if (value !== '$TARGETPLATFORM' && value !== '${TARGETPLATFORM}') continue;
        let end = flag.end;
        while (end < df.text.length && (df.text[end] === ' ' || df.text[end] === '\t')) end++;
        report({
          start: flag.start,
          end: flag.end,
          message: `Setting FROM --platform to ${value} is redundant: it is the default`,
          fix: [{ start: flag.start, end, text: '' }],
        });
      }
    }
  },
};
