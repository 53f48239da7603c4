import type { DockerfileRule } from '../../types.js';
import { viaArgs } from './base-image-untagged.js';

export const baseImageLatest: DockerfileRule = {
  meta: {
    id: 'base-image-latest',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'warning',
    aliases: ['DL3007', 'DS-0001', 'CKV_DOCKER_7'],
    title: "Do not use the ':latest' tag for the base image",
    description:
      '`:latest` is whatever was pushed last: rebuilding the same Dockerfile can silently switch to a new major version. Pin a release tag (or a digest).',
    bad: 'FROM node:latest\nCMD ["node", "server.js"]\n',
    good: 'FROM node:22-slim\nCMD ["node", "server.js"]\n',
    fixable: false,
    differs:
      'Also found through an ARG default (`ARG TAG=latest`, hadolint #412). An image pinned by digest (`node:latest@sha256:…`) is reproducible and not reported.',
  },
  check({ df, report }) {
    for (const stage of df.stages) {
      const img = stage.image;
      const token = stage.from.args[0];
      if (!token || img.stage || img.digest || img.tag !== 'latest') continue;
      report({
        start: token.start,
        end: token.end,
        message: `Base image '${img.resolved}'${viaArgs(stage)} uses ':latest': pin a release tag of ${img.name}`,
      });
    }
  },
};
