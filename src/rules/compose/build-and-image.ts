import { get } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { at, composeFiles, fileServices, keyOf } from './util.js';

export const composeBuildAndImage: ProjectRule = {
  meta: {
    id: 'compose-build-and-image',
    target: 'compose',
    category: 'maintainability',
    severity: 'warning',
    aliases: ['no-build-and-image'],
    title: 'A service has both build: and image: in one file',
    description:
      'With both, compose builds the image and tags it with the `image:` name — or pulls that name instead, depending on the command and `pull_policy`: which one runs is unclear. The guide splits them: `image:` in the production file, `build:` in the override. Set `pull_policy: build` (or `never`) when building and tagging is intended.',
    bad: 'services:\n  app:\n    build: .\n    image: ghcr.io/org/app:1.2.0\n',
    good: 'services:\n  app:\n    build: .\n    image: ghcr.io/org/app:1.2.0\n    pull_policy: build\n',
    fixable: false,
    differs: 'Checked per file, so the guide\'s split (image in the base file, build in the override) is not reported even though the merged service has both.',
  },
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      for (const s of fileServices(cf)) {
        if (!get(s.value, 'build') || !get(s.value, 'image') || get(s.value, 'pull_policy')) continue;
        at(report, keyOf(s.value, 'build')!, `Service '${s.name}' has both build: and image:; keep build: in the override file, or set pull_policy`);
      }
    }
  },
};
