import type { DockerfileRule } from '../../types.js';
import type { Stage } from '../../../parse/dockerfile/model.js';
import { copyArgs, isAbsolutePath, resolve, unquote } from './util.js';
import { rootStage } from '../root-stage.js';
import { someBefore } from '../some-before.js';

export const copyRelativeDest: DockerfileRule = {
  meta: {
    id: 'copy-relative-dest',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'warning',
    aliases: ['DL3045'],
    title: 'COPY to a relative destination without a WORKDIR',
    description:
      'A relative destination is resolved against the working directory inherited from the base image. Without a `WORKDIR` in the stage, files land wherever the base image says, which can change with a new tag.',
    bad: 'FROM node:22-slim\nCOPY package.json .\n',
    good: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json .\n',
    fixable: false,
    differs:
      'A WORKDIR set in the stage this one is built FROM counts (as in hadolint); stages built FROM scratch have `/` as their fixed working directory and are not reported. Variables are resolved; an unresolvable one is not reported. ADD is checked too.',
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword !== 'COPY' && inst.keyword !== 'ADD') continue; // before FROM too
      const parts = copyArgs(inst);
      if (!parts) continue;
      const dest = resolve(df, inst, unquote(parts.dest));
      if (dest === null || isAbsolutePath(dest)) continue;
      if (inst.stage && fromScratch(inst.stage)) continue;
      if (someBefore(inst, 'WORKDIR', (i) => i.keyword === 'WORKDIR')) continue;
      const token = parts.destToken;
      report({
        start: token ? token.start : inst.argsStart,
        end: token ? token.end : inst.end,
        message: `${inst.keyword} to relative destination '${parts.dest}' without a WORKDIR in this stage: set WORKDIR (e.g. WORKDIR /app) or use an absolute path`,
      });
    }
  },
};

/** The stage's chain starts FROM scratch (its working directory is `/`). */
function fromScratch(stage: Stage): boolean {
  return rootStage(stage).image.isScratch;
}
