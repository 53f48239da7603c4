// docker buildx bake files (docker-bake.hcl / .json, and their .override) near a Dockerfile. A bake
// target can give the build named contexts (`contexts = { templates = "../templates" }`) that
// `COPY --from=templates` takes instead of a stage. slipway reads no HCL: it only looks for the
// name as a key after a `contexts` key, enough to say a finding may not apply.

import { join, relative } from 'node:path';
import { foldersUpTo } from '../parse/context/missing-sources.js';
import type { DiskFacts } from './disk-facts.js';

export const BAKE_FILE_NAMES = ['docker-bake.hcl', 'docker-bake.json', 'docker-bake.override.hcl', 'docker-bake.override.json'];

/** The bake files read in `dockerfileDir` and the folders above it up to `root`, nearest first, with project-relative paths. */
export function bakeFilesFor(disk: DiskFacts, dockerfileDir: string, root: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  for (const dir of foldersUpTo(dockerfileDir, root)) {
    for (const name of BAKE_FILE_NAMES) {
      const r = disk.buildScripts[join(dir, name)];
      if (r?.ok) out.push({ path: relative(root, join(dir, name)).split('\\').join('/'), text: r.text });
    }
  }
  return out;
}

/** Whether `name` appears as a key within a few lines after a `contexts` key of the bake text (HCL or JSON). */
export function bakeMayNameContext(text: string, name: string): boolean {
  const key = new RegExp(`^\\s*"?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?\\s*[=:]`, 'm');
  for (const m of text.matchAll(/["']?\bcontexts["']?\s*[=:]\s*\{/g)) {
    if (key.test(text.slice(m.index! + m[0].length, m.index! + m[0].length + 2000))) return true;
  }
  return false;
}
