// The Dockerfiles under a folder of a real corpus, for the scripts that compare slipway with its peers there
// (the files are read where they are; nothing is copied into the repository).

import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../src/parse/dockerfile/parse.js';
import type { Dockerfile } from '../src/parse/dockerfile/model.js';

/** Paths of the files named like Dockerfiles under `dir`, skipping `.git` and `node_modules`. */
export function dockerfilePaths(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = lstatSync(p); // links are not followed (a dangling one is not an error)
    if (st.isDirectory() && name !== '.git' && name !== 'node_modules') out.push(...dockerfilePaths(p));
    else if (st.isFile() && /(^|\.)(dockerfile|containerfile)(\.|$)/i.test(name)) out.push(p);
  }
  return out;
}

/** Every Dockerfile under `dir`, parsed, its path as found. */
export function parseDockerfilesUnder(dir: string): Dockerfile[] {
  return dockerfilePaths(dir).map((p) => parseDockerfile(readFileSync(p, 'utf8'), p));
}
