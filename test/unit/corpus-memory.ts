// What the memory tests share: a real garbage collection (WeakRefs then tell what is still held) and the
// committed ecosystem corpus laid out as checked projects.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildProject } from '../../src/project/build.js';
import { discover } from '../../src/project/discover.js';
import { loadDiskFacts } from '../../src/project/load-disk.js';
import type { ProjectModel } from '../../src/project/model.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Lets the current job end (WeakRef targets are kept until it does), then collects. */
export async function collect(): Promise<void> {
  await new Promise((r) => setImmediate(r));
  gc();
  await new Promise((r) => setImmediate(r));
  gc();
}

export const CORPUS = join(import.meta.dirname, '..', 'ecosystem', 'corpus');

/** Every project of the committed corpus with its disk facts; `models: false` leaves the Dockerfiles unparsed. */
export function corpusProjects(models = true): ProjectModel[] {
  return readdirSync(CORPUS).map((name) => {
    const root = join(CORPUS, name);
    const files = discover([root]).files.map((f) => ({ kind: f.kind, path: f.path, absPath: f.path, text: readFileSync(f.path, 'utf8') }));
    return loadDiskFacts(buildProject(root, files), { models });
  });
}
