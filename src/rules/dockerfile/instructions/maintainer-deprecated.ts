import type { DockerfileRule } from '../../types.js';
import { firstLine } from '../helpers.js';

export const maintainerDeprecated: DockerfileRule = {
  meta: {
    id: 'maintainer-deprecated',
    target: 'dockerfile',
    category: 'maintainability',
    severity: 'error',
    aliases: ['DL4000', 'MaintainerDeprecated', 'DS-0022', 'CKV_DOCKER_6'],
    title: 'MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors',
    description:
      'MAINTAINER has been deprecated since Docker 1.13. Labels are what registries and tools read; `org.opencontainers.image.authors` is the standard key.',
    bad: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
    fixable: true,
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword !== 'MAINTAINER') continue;
      const value = df.text.slice(inst.argsStart, inst.end).trim();
      report({
        ...firstLine(df, inst),
        fix: [{ start: inst.start, end: inst.end, text: `LABEL org.opencontainers.image.authors=${JSON.stringify(value)}` }],
      });
    }
  },
};
