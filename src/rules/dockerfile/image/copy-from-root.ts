import { stagesNamed } from './util.js';
import type { DockerfileRule } from '../../types.js';
import { unquote } from './copy-from.js';

export const copyFromRoot: DockerfileRule = {
  meta: {
    id: 'copy-from-root',
    target: 'dockerfile',
    category: 'maintainability',
    severity: 'warning',
    aliases: ['DL3067'],
    title: 'Do not copy the entire filesystem of another stage',
    description:
      '`COPY --from=build / …` copies a whole operating system (package databases, caches, build tools) into this stage, undoing the point of a multi-stage build. Copy only the files you need.',
    bad: 'FROM node:22 AS build\nRUN npm ci && npm run build\nFROM node:22-slim\nCOPY --from=build / /\n',
    good: 'FROM node:22 AS build\nRUN npm ci && npm run build\nFROM node:22-slim\nCOPY --from=build /app/dist /app/dist\n',
    fixable: false,
    differs:
      "Reports a `/` source whatever the destination (hadolint only `/` to `/`), except the deliberate squash idiom `FROM scratch` + `COPY --from=rootfs / /`, which builds a one-layer image from an assembled root filesystem, and `COPY --from=<image> / /` from an image (or a stage that only names one), the way bundle images made to be copied whole are used (`COPY --from=tonistiigi/xx / /`).",
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      const stage = inst.stage; // null before the first FROM
      if (inst.keyword !== 'COPY') continue;
      const from = inst.flags.find((f) => f.name === 'from');
      if (!from || !from.value) continue;
      const words = inst.json ?? inst.args.map((a) => unquote(a.value));
      if (words.length < 2) continue;
      const sources = words.slice(0, -1);
      const dest = words.at(-1)!;
      if (!sources.some((s) => s === '/' || s === '/.')) continue;
      const toRoot = dest === '/' || dest === '/.';
      if (stage?.image.isScratch && toRoot) continue;
      // `COPY --from=<image> / /`, also through a stage that only names the image: a bundle image
      // made to be copied whole (tonistiigi/xx, a docker CLI bundle), not a built OS.
      const source = stagesNamed(df, from.value)[0] ?? (/^\d+$/.test(from.value) ? df.stages[Number(from.value)] : undefined);
      if (toRoot && (!source || (source.instructions.length === 1 && !source.image.stage))) continue;
      const token = inst.json ? null : inst.args.find((a) => ['/', '/.'].includes(unquote(a.value)));
      report({
        start: token?.start ?? inst.argsStart,
        end: token?.end ?? inst.end,
        message: `COPY --from=${from.value} copies the whole filesystem ('/') of that stage: copy only the paths you need`,
      });
    }
  },
};
