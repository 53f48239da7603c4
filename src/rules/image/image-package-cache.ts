import type { LayerFile } from '../../image/model.js';
import type { ImageRule } from '../types.js';
import { mb } from './util.js';

/** Package-manager caches and indexes a running container never needs. */
const CACHES: { name: string; re: RegExp; fix: string }[] = [
  { name: 'apt package lists', re: /^\/var\/lib\/apt\/lists\/(?!lock$|partial\/|auxfiles\/)[^/]+$/, fix: 'rm -rf /var/lib/apt/lists/* in the same RUN as apt-get install' },
  { name: 'apt downloaded packages', re: /^\/var\/cache\/apt\/(archives\/[^/]+\.deb|[^/]+\.bin)$/, fix: 'apt-get clean in the same RUN' },
  { name: 'the apk cache', re: /^\/var\/cache\/apk\/[^/]+$/, fix: 'apk add --no-cache' },
  { name: 'the pip cache', re: /^\/(root|home\/[^/]+)\/\.cache\/pip\//, fix: 'pip install --no-cache-dir' },
  { name: 'the npm cache', re: /^\/(root|home\/[^/]+)\/\.npm\/_cacache\//, fix: 'npm cache clean --force in the same RUN, or a cache mount' },
  { name: 'the yarn cache', re: /^\/(usr\/local\/share|root|home\/[^/]+)\/\.cache\/yarn\//, fix: 'yarn cache clean in the same RUN, or a cache mount' },
  { name: 'the dnf/yum cache', re: /^\/var\/cache\/(dnf|yum)\/.+/, fix: 'dnf clean all in the same RUN' },
];

export const imagePackageCache: ImageRule = {
  meta: {
    id: 'image-package-cache',
    target: 'image',
    category: 'packages',
    severity: 'info',
    aliases: ['DKL-DI-0005', 'DKL-DI-0004'],
    title: 'Package-manager caches are left in the image',
    description:
      'apt lists, downloaded .deb files and the apk, pip, npm and yarn caches are only needed while installing. Left in a layer they add megabytes to every pull, and removing them in a later RUN does not make the image smaller. Clean them in the same RUN that installs, or use a BuildKit cache mount (`RUN --mount=type=cache,target=/root/.cache/pip`).',
    bad: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n',
    fixable: false,
    differs: 'dockle DKL-DI-0005/DKL-DI-0004 read the Dockerfile commands in the history; slipway looks at the files the image holds, whatever command left them.',
  },
  check({ image, report }) {
    for (const cache of CACHES) {
      const files: LayerFile[] = [...image.files.values()].filter((f) => f.type === 'file' && cache.re.test(f.path));
      if (!files.length) continue;
      const total = files.reduce((n, f) => n + f.size, 0);
      const byLayer = new Map<number, number>();
      for (const f of files) byLayer.set(f.layer, (byLayer.get(f.layer) ?? 0) + f.size);
      const [layer] = [...byLayer].sort((a, b) => b[1] - a[1])[0]!;
      report({ layer, message: `${cache.name} are left in the image (${files.length} files, ${mb(total)}): ${cache.fix}` });
    }
  },
};
