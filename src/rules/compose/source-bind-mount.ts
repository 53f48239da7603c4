import { splitVolume } from '../../parse/compose/project.js';
import { get, isLMap, items, raw, str } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { at, composeFiles, fileServices, isProduction } from './util.js';

/** Folders that hold source code rather than data, by their name. */
const SOURCE_DIRS = new Set([
  'src', 'source', 'app', 'apps', 'lib', 'code', 'backend', 'frontend', 'api', 'server', 'client', 'web',
  'packages', 'cmd', 'internal', 'pkg', 'project', 'services',
]);

/** A host path that is the project itself or one of its source folders: `.`, `./`, `..`, `./src`, `$PWD`. */
export function isSourcePath(source: string): boolean {
  let s = source.trim().replace(/\\/g, '/');
  if (/^\$\{?PWD\}?(\/|$)/.test(s)) s = `.${s.replace(/^\$\{?PWD\}?/, '')}`;
  if (!/^\.\.?(\/|$)/.test(s)) return false; // named volumes, absolute host paths
  const parts = s.split('/').filter((p) => p && p !== '.');
  if (parts.every((p) => p === '..')) return true;
  const first = parts.find((p) => p !== '..')!;
  return parts.filter((p) => p !== '..').length === 1 && SOURCE_DIRS.has(first.toLowerCase());
}

export const composeSourceBindMount: ProjectRule = {
  meta: {
    id: 'compose-source-bind-mount',
    target: 'compose',
    category: 'guide',
    severity: 'warning',
    aliases: [],
    title: 'Source code is bind-mounted into a production service',
    description:
      'Mounting the project folder (`.:/app`, `./src:/app/src`) replaces the code baked into the image with whatever is on the host: the server then runs untested files, and needs a checkout of the repository. Hot-reload mounts belong in `docker-compose.override.yml`. Data folders (`./data:/app/data`) and named volumes are what production mounts should be.',
    bad: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    restart: unless-stopped\n    volumes:\n      - .:/app\n',
    good: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    restart: unless-stopped\n    volumes:\n      - ./data:/app/data\n',
    fixable: false,
    differs: 'Decided by the host path: the project folder, its parent, or a top-level source folder (src, app, lib, backend, ...). Other relative paths are taken as data.',
  },
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      if (!isProduction(cf, project)) continue;
      for (const s of fileServices(cf)) {
        for (const v of items(get(s.value, 'volumes'))) {
          let source: string | undefined;
          let target: string | undefined;
          if (isLMap(v)) {
            if ((str(get(v, 'type')) ?? 'volume') !== 'bind') continue;
            source = /^\$\{?PWD\}?/.test(raw(get(v, 'source')) ?? '') ? raw(get(v, 'source')) : str(get(v, 'source'));
            target = str(get(v, 'target'));
          } else {
            // $PWD is the project folder whatever the environment says.
            const written = raw(v) ?? '';
            const parsed = splitVolume(/^\$\{?PWD\}?/.test(written) ? written : (str(v) ?? ''));
            source = parsed.source ?? undefined;
            target = parsed.target;
          }
          if (!source || !isSourcePath(source)) continue;
          at(
            report,
            v.loc,
            `Service '${s.name}' bind-mounts source code '${source}' into '${target ?? '?'}' in the production file: the image should carry the code; move this mount to docker-compose.override.yml`,
          );
        }
      }
    }
  },
};
