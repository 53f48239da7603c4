import type { DockerfileRule } from '../../types.js';
import { fromRefs } from './copy-from.js';

export const copyFromOwnStage: DockerfileRule = {
  meta: {
    id: 'copy-from-own-stage',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'error',
    aliases: ['DL3023', 'DS-0006'],
    title: 'COPY --from cannot refer to its own stage',
    description:
      'A stage cannot copy from itself: the build fails with a circular dependency. Copy from an earlier stage, or just use the files already in this one.',
    bad: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nCOPY --from=build /app /usr/local/bin/app\n',
    good: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /usr/local/bin/app\n',
    fixable: false,
  },
  check({ df, report }) {
    for (const ref of fromRefs(df)) {
      const { value, stage } = ref;
      if (!stage) continue;
      const own = (stage.name !== null && stage.name.toLowerCase() === value.toLowerCase()) || value === String(stage.index);
      if (!own) continue;
      report({
        start: ref.start,
        end: ref.end,
        message: `--from=${value} refers to the stage this instruction is in: copy from an earlier stage`,
      });
    }
  },
};
