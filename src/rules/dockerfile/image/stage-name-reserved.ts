import type { DockerfileRule } from '../../types.js';
import { stageNameToken } from './util.js';

const RESERVED = new Set(['scratch', 'context']);

export const stageNameReserved: DockerfileRule = {
  meta: {
    id: 'stage-name-reserved',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'warning',
    aliases: ['DL3063', 'ReservedStageName'],
    title: "Do not name a stage 'scratch' or 'context'",
    description:
      "`scratch` is the empty image and `context` is the build context's name for `--build-context`/`COPY --from`: a stage named like them is ambiguous, and BuildKit rejects it.",
    bad: 'FROM golang:1.22 AS scratch\nRUN go build -o /app .\n',
    good: 'FROM golang:1.22 AS build\nRUN go build -o /app .\n',
    fixable: false,
  },
  check({ df, report }) {
    for (const stage of df.stages) {
      const token = stageNameToken(stage);
      if (!token || !stage.name || !RESERVED.has(stage.name.toLowerCase())) continue;
      report({
        start: token.start,
        end: token.end,
        message: `Stage name '${stage.name}' is reserved (${stage.name.toLowerCase()} has its own meaning): rename the stage`,
      });
    }
  },
};
