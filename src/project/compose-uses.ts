// How the compose files of a project use the image a Dockerfile builds: which services build it,
// what they publish, whether they are deployed. A fact for imagePurpose (image-purpose.ts).

import { resolve } from 'node:path';
import { composeOf, serviceDockerfile } from '../parse/compose/project.js';
import { get, isLMap, items, raw } from '../parse/compose/values.js';
import type { ComposeUse } from './image-purpose.js';
import { memoized } from './memo.js';
import type { ProjectModel } from './model.js';

/** Does a compose service build this Dockerfile (absolute)? Its rules read the Dockerfile's outline (rules/compose/cross.ts). */
export function composeBuilds(project: ProjectModel, dockerfileAbsPath: string): boolean {
  return builtByCompose(project).has(resolve(dockerfileAbsPath));
}

const builtByCompose = memoized((project: ProjectModel) => {
  const built = new Set<string>();
  for (const p of composeOf(project).projects) {
    for (const s of p.services) {
      const df = s.value ? serviceDockerfile(p.dir, s.value) : null;
      if (df && df.inline === undefined) built.add(df.path);
    }
  }
  return built;
});

/** Every compose service that builds this Dockerfile, with its published ports and whether it is deployed. */
export function composeUsesFor(project: ProjectModel, dockerfileAbsPath: string): ComposeUse[] {
  const wanted = resolve(dockerfileAbsPath);
  const out: ComposeUse[] = [];
  for (const p of composeOf(project).projects) {
    for (const s of p.services) {
      const df = s.value ? serviceDockerfile(p.dir, s.value) : null;
      if (!df || df.inline || df.path !== wanted) continue;
      const ports = ['ports', 'expose'].flatMap((k) => items(get(s.value, k)).map((v) => (isLMap(v) ? (raw(get(v, 'published')) ?? raw(get(v, 'target')) ?? '') : (raw(v) ?? ''))));
      // A reverse proxy routes to it: traefik labels name a router or a service port.
      const labels = get(s.value, 'labels');
      const labelText = isLMap(labels) ? [...labels.entries.keys()] : items(labels).map((v) => raw(v) ?? '');
      if (labelText.some((l) => /^traefik\.http\.(routers|services)\./.test(l))) ports.push('a traefik route');
      const file = (s.keyLocs[0]?.file ?? p.files[0]!.file).path;
      // additional_contexts: a map (name: path) or a list of name=path.
      const extra = get(get(s.value, 'build'), 'additional_contexts');
      const namedContexts = isLMap(extra) ? [...extra.entries.keys()] : items(extra).map((v) => (raw(v) ?? '').split('=')[0]!.trim()).filter(Boolean);
      out.push({ service: s.name, file, ports: ports.filter(Boolean), deployed: get(s.value, 'deploy') !== undefined, ...(namedContexts.length ? { namedContexts } : {}) });
    }
  }
  return out;
}
