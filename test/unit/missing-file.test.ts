// Absent files the disk facts looked for (the .dockerignore candidates of every context, .gitignore files up the
// tree, a missing env_file) are one shared record, not one object per path: a check keeps them to its end, two or
// more per Dockerfile (issue 15).

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildProject } from '../../src/project/build.js';
import { discover } from '../../src/project/discover.js';
import { loadDiskFacts, MISSING_FILE } from '../../src/project/load-disk.js';
import { FolderNames } from '../../src/project/folder-names.js';

test('every absent .dockerignore candidate and env_file is the one shared missing record; a present one is its own read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-missing-'));
  try {
    for (const name of ['api', 'web', 'jobs']) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'Dockerfile'), 'FROM alpine:3.20\nCOPY . .\n');
    }
    writeFileSync(join(dir, 'jobs', '.dockerignore'), 'node_modules\n');
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  api:\n    build: ./api\n    env_file: ./api/absent.env\n');
    const files = discover([dir]).files.filter((f) => f.kind !== 'dockerignore').map((f) => ({ kind: f.kind, path: f.path, absPath: f.path, text: readFileSync(f.path, 'utf8') }));
    for (const names of [new FolderNames(), undefined]) {
      // With folder listings (a check) absence is known without a read; without them the safe reader says so.
      const { disk } = loadDiskFacts(buildProject(dir, files), { names });
      const reads = Object.entries(disk.dockerignores);
      const absent = reads.filter(([abs]) => !abs.endsWith(join('jobs', '.dockerignore')));
      assert.ok(absent.length >= 5, `the absent candidates were looked for (${absent.length})`);
      for (const [abs, r] of absent) assert.equal(r, MISSING_FILE, `${abs}: the shared record`);
      assert.deepEqual(disk.dockerignores[join(dir, 'jobs', '.dockerignore')], { ok: true, text: 'node_modules\n' });
      assert.equal(disk.envFiles[join(dir, 'api', 'absent.env')], MISSING_FILE);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
