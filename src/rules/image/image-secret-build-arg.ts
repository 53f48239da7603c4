import { buildArgs } from '../../image/history.js';
import { findSecret } from '../dockerfile/guide/secret-value.js';
import { isSecretName } from '../dockerfile/guide/secret-in-arg-env.js';
import type { ImageRule } from '../types.js';

export const imageSecretBuildArg: ImageRule = {
  meta: {
    id: 'image-secret-build-arg',
    target: 'image',
    category: 'security',
    severity: 'error',
    aliases: [],
    title: 'A secret is recorded in the image history (build args, RUN lines)',
    description:
      "Every RUN records the build args in scope, values included, in the image history (`RUN |1 TOKEN=… /bin/sh -c …`): `docker history --no-trunc` shows them to anyone who can pull the image. A token written into a RUN line is recorded the same way. Use `RUN --mount=type=secret` instead. The value is never printed.",
    bad: 'FROM node:20-slim\nARG NPM_TOKEN\nRUN npm ci\n# docker build --build-arg NPM_TOKEN=npm_… .\n',
    good: 'FROM node:20-slim\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n',
    fixable: false,
    differs: 'No anchor reads the history of a built image for build args; the Dockerfile rule `secret-in-arg-env` sees the ARG but not whether a value was passed.',
  },
  check({ image, report }) {
    const seen = new Set<string>();
    for (const entry of image.config.history) {
      const args = buildArgs(entry.createdBy.replace(/^RUN\s+/, 'RUN '));
      const later = (name: string) => image.config.history.filter((h) => h.index >= entry.index && buildArgs(h.createdBy).some((a) => a.name === name && !a.empty)).length;
      for (const a of args) {
        if (a.empty || seen.has(a.name) || !isSecretName(a.name)) continue;
        seen.add(a.name);
        const n = later(a.name);
        report({
          history: entry.index,
          message: `Build arg ${a.name} looks like a secret and its value is recorded in the image history (${n} RUN entr${n === 1 ? 'y' : 'ies'}): use RUN --mount=type=secret`,
        });
      }
      const body = args.length ? entry.createdBy.slice(args.at(-1)!.end) : entry.createdBy;
      const found = findSecret(body, false);
      if (found && !seen.has(`#${entry.index}`)) {
        seen.add(`#${entry.index}`);
        report({ history: entry.index, message: `The image history records ${found.kind} in this instruction: anyone who pulls the image reads it with docker history` });
      }
    }
  },
};
