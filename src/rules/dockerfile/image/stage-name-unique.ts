import type { DockerfileRule } from '../../types.js';
import { stageNameToken } from './util.js';

export const stageNameUnique: DockerfileRule = {
  meta: {
    id: 'stage-name-unique',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'error',
    aliases: ['DL3024', 'DuplicateStageName', 'DS-0012', 'CKV_DOCKER_11'],
    title: 'Stage names must be unique',
    description:
      'Docker rejects a Dockerfile that names two stages the same (names are case-insensitive): `COPY --from` and `--target` could not tell which one is meant.',
    bad: 'FROM node:22 AS build\nRUN npm ci\nFROM node:22-slim AS build\nCOPY --from=build /app /app\n',
    good: 'FROM node:22 AS build\nRUN npm ci\nFROM node:22-slim AS runtime\nCOPY --from=build /app /app\n',
    fixable: false,
  },
  check({ df, report }) {
    const seen = new Map<string, number>();
    for (const stage of df.stages) {
      const token = stageNameToken(stage);
      if (!token || !stage.name) continue;
      const key = stage.name.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, stage.from.line);
        continue;
      }
      report({
        start: token.start,
        end: token.end,
        message: `Stage name '${stage.name}' is already used on line ${first}: give this stage another name`,
      });
    }
  },
};
