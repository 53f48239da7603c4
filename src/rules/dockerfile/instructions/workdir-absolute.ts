import type { DockerfileRule } from '../../types.js';
import { isAbsolutePath, resolve, unquote } from './util.js';
import { someBefore } from '../some-before.js';

// A relative WORKDIR is resolved against the base image's working directory, which you do not control.
export const workdirAbsolute: DockerfileRule = {
  meta: {
    id: 'workdir-absolute',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'error',
    aliases: ['DL3000', 'WorkdirRelativePath', 'DS-0009', 'CKV_DOCKER_10'],
    title: 'Use an absolute WORKDIR',
    description:
      'A relative `WORKDIR` is appended to the working directory of the base image. If the base image changes its `WORKDIR` upstream, every later `COPY` and `RUN` silently lands somewhere else.',
    bad: 'FROM node:22-slim\nWORKDIR app\nCOPY . .\n',
    good: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\n',
    fixable: false,
    differs:
      'hadolint (DL3000), trivy and checkov flag every relative WORKDIR; slipway follows BuildKit (WorkdirRelativePath) and flags a relative WORKDIR only while no absolute WORKDIR was set earlier in the stage or in the stage it is built FROM: `WORKDIR /app` then `WORKDIR src` is deterministic. Variables are resolved from ARG/ENV; a value that cannot be resolved is not reported.',
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword !== 'WORKDIR') continue; // before FROM too: the missing FROM is its own finding
      const raw = inst.args[0]?.value;
      if (raw === undefined) continue;
      const path = resolve(df, inst, unquote(raw));
      if (path === null || isAbsolutePath(path)) continue;
      const anchored = someBefore(inst, 'anchoring WORKDIR', (i) => {
        if (i.keyword !== 'WORKDIR' || !i.args[0]) return false;
        const p = resolve(df, i, unquote(i.args[0].value));
        return p === null || isAbsolutePath(p);
      });
      if (anchored) continue;
      report({
        start: inst.args[0]!.start,
        end: inst.args.at(-1)!.end,
        message: `WORKDIR '${raw}' is relative to the base image's working directory: use an absolute path such as '/${path.replace(/^\.\/?/, '')}'`,
      });
    }
  },
};
