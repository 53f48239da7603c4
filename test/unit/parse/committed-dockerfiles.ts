// The Dockerfiles committed in this repository (fixtures, examples, the ecosystem corpus), found by
// the name rules discovery uses: the differential tests of the parse layer run over all of them.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { kindOf } from '../../../src/project/discover.js';

/** Paths of the files under `dir` that discovery takes for Dockerfiles, skipping `node_modules` and `.git`. */
export function dockerfilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && e.name !== '.git') out.push(...dockerfilesUnder(p));
    else if (e.isFile() && kindOf(p) === 'dockerfile') out.push(p);
  }
  return out;
}

/**
 * The repository's test/ and examples/ Dockerfiles, and those of the real corpora when
 * SLIPWAY_REAL_CORPUS / SLIPWAY_FRESH_CORPUS name them: what the parse layer's differential tests run over.
 */
export function committedDockerfiles(root: string): string[] {
  const files = [...dockerfilesUnder(join(root, 'test')), ...dockerfilesUnder(join(root, 'examples'))];
  for (const env of ['SLIPWAY_REAL_CORPUS', 'SLIPWAY_FRESH_CORPUS']) if (process.env[env]) files.push(...dockerfilesUnder(process.env[env]!));
  return files;
}
