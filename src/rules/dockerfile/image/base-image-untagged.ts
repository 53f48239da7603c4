import type { DockerfileRule } from '../../types.js';
import type { Stage } from '../../../parse/dockerfile/model.js';
import { imageRefProblem } from '../../../docker/ref.js';
import { varRefs } from './util.js';

/** ` (from the default of ARG BASE)` when the image came through ARG substitution. */
export function viaArgs(stage: Stage): string {
  const names = [...new Set(varRefs(stage.image.raw, 0).map((r) => r.name))];
  return names.length ? ` (from the default of ARG ${names.join(', ARG ')})` : '';
}

export const baseImageUntagged: DockerfileRule = {
  meta: {
    id: 'base-image-untagged',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'warning',
    aliases: ['DL3006'],
    title: 'Tag the base image with an explicit version',
    description:
      'Without a tag Docker pulls `:latest`, which changes under you: the same Dockerfile builds a different image next week. Pin a version tag (or a digest) so builds are repeatable.',
    bad: 'FROM python\nRUN pip install flask==3.0.3\n',
    good: 'FROM python:3.12-slim\nRUN pip install flask==3.0.3\n',
    fixable: false,
    differs:
      'ARGs are resolved with their global defaults (hadolint #219, #979, #1078): `FROM ${BASE}` is fine when `ARG BASE=python:3.12` has a tag, reported when the default has none, and left alone when the value is not known in the file (no default, or only a build argument). Stages, `scratch`, digest-pinned images and names that are no valid reference (a template\'s `FROM REPLACE-ME`) are never reported.',
  },
  check({ df, report }) {
    for (const stage of df.stages) {
      const img = stage.image;
      const token = stage.from.args[0];
      if (!token || img.isScratch || img.stage || img.digest || img.tag !== null) continue;
      if (img.unresolved.length || !img.resolved || img.resolved.includes('$')) continue;
      // Not an image name at all (a template's `FROM REPLACE-ME`): a missing tag is not what is wrong.
      if (imageRefProblem(img.resolved)) continue;
      report({
        start: token.start,
        end: token.end,
        message: `Base image '${img.resolved}'${viaArgs(stage)} has no tag, so it means ':latest': pin a version (${img.resolved}:<version>)`,
      });
    }
  },
};
