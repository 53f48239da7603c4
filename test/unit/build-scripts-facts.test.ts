// The build scripts load-disk.ts reads for the Dockerfiles (make/npm scripts, bake files, go.mod in each
// folder up to the root; devcontainer.json beside each Dockerfile): each folder is looked in once, and an
// absent file leaves no entry. A folder first reached as a parent of one Dockerfile's folder still gets the
// files read for a Dockerfile of its own (its devcontainer.json).

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { buildProject } from '../../src/project/build.js';
import { loadDiskFacts } from '../../src/project/load-disk.js';

it('reads each folder once, notes no absent file, and still reads a parent folder’s own devcontainer.json', () => {
  const root = mkdtempSync(join(tmpdir(), 'slipway-scripts-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'a', 'b'), { recursive: true });
  mkdirSync(join(root, 'c'), { recursive: true });
  writeFileSync(join(root, 'Makefile'), 'all:\n\tdocker build a\n');
  writeFileSync(join(root, 'a', 'package.json'), '{"scripts":{"image":"docker build ."}}');
  writeFileSync(join(root, 'a', 'devcontainer.json'), '{"build":{"dockerfile":"Dockerfile"}}');
  writeFileSync(join(root, 'a', 'b', 'go.mod'), 'module b\n');
  writeFileSync(join(root, 'c', 'docker-bake.hcl'), 'target "c" {}\n');
  for (const d of ['a/b', 'a', 'c']) writeFileSync(join(root, d, 'Dockerfile'), 'FROM scratch\n');
  // a/b first: its parents (a, then the root) are looked in before a's own Dockerfile comes.
  const files = ['a/b', 'a', 'c'].map((d) => ({ kind: 'dockerfile' as const, path: `${d}/Dockerfile`, absPath: join(root, d, 'Dockerfile'), text: readFileSync(join(root, d, 'Dockerfile'), 'utf8') }));
  const { disk } = loadDiskFacts(buildProject(root, files));
  assert.deepEqual(Object.keys(disk.buildScripts).sort(), [join(root, 'Makefile'), join(root, 'a', 'devcontainer.json'), join(root, 'a', 'package.json'), join(root, 'c', 'docker-bake.hcl')].sort());
  assert.deepEqual(Object.keys(disk.goMods), [join(root, 'a', 'b', 'go.mod')]);
  assert.ok(Object.values(disk.buildScripts).every((r) => r.ok), 'only what was read');
});
