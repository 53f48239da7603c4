import { parseImageRef } from '../../docker/ref.js';
import { get, raw, str } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { at, composeFiles, fileServices } from './util.js';

const FLOATING = new Set(['latest', 'stable', 'edge', 'test', 'nightly', 'dev', 'beta', 'canary', 'lts']);

/** The tag of an image reference (null when none), ignoring a registry port. */
export function imageTag(image: string): { tag: string | null; digest: boolean } {
  const ref = parseImageRef(image);
  return ref.digest !== null ? { tag: null, digest: true } : { tag: ref.tag, digest: false };
}

export const composeImageTag: ProjectRule = {
  meta: {
    id: 'compose-image-tag',
    target: 'compose',
    category: 'guide',
    severity: 'info',
    aliases: ['service-image-require-explicit-tag'],
    title: 'An image has no tag, or only a floating one like latest',
    description:
      'With no tag (or `latest`), what runs depends on when it was pulled, and there is no way back to the previous version. CI tags every image with the git SHA; refer to it through a variable with a default, `image: ghcr.io/org/app:${TAG:-latest}`, so `TAG=sha-abc123 docker compose up -d` rolls back.',
    bad: 'services:\n  app:\n    image: ghcr.io/org/app\n',
    good: 'services:\n  app:\n    image: ghcr.io/org/app:${TAG:-latest}\n',
    fixable: false,
    differs:
      'dclint reports an error; slipway says info and accepts a tag set through a variable (`${TAG:-latest}`), which is the guide\'s rollback pattern. Digests are accepted.',
  },
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      for (const s of fileServices(cf)) {
        const v = get(s.value, 'image');
        const written = raw(v);
        if (!v || !written || written.includes('$')) continue;
        const { tag, digest } = imageTag(str(v) ?? written);
        if (digest) continue;
        if (tag !== null && !FLOATING.has(tag.toLowerCase())) continue;
        const base = tag === null ? written : written.slice(0, written.length - tag.length - 1);
        at(
          report,
          v.loc,
          `Service '${s.name}' uses '${written}' ${tag === null ? 'with no tag' : `with the floating tag '${tag}'`}: pin a version, or use '${base}:\${TAG:-latest}' so a SHA tag can be deployed and rolled back`,
        );
      }
    }
  },
};
