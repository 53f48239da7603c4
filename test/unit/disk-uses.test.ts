// A streamed check drops each per-Dockerfile disk fact after the last Dockerfile that reads it (disk-uses.ts):
// its findings and errors are those of a check that keeps every fact, and at its end the disk facts hold only what
// the project rules read (the paths compose stats). More Dockerfiles than one window (32) share a context, a
// .gitignore and a folder, so that a fact one window dropped is read again by the next.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { checkProject, type ProjectCheckOptions } from '../../src/engine/check-project.js';
import { activeRules } from '../../src/engine/effective-rules.js';
import { buildProject } from '../../src/project/build.js';
import { discover } from '../../src/project/discover.js';
import { DiskUses } from '../../src/project/disk-uses.js';
import { ENV_TEMPLATE_NAMES } from '../../src/project/disk-facts.js';
import { loadDiskFacts, loadDockerfileDiskFacts } from '../../src/project/load-disk.js';
import type { ProjectModel } from '../../src/project/model.js';
import { inputPaths } from '../../src/project/inputs.js';
import { RULES } from '../../src/rules/index.js';

const rules = activeRules(RULES, { shellcheck: 'off' });
const settings = { trustedRegistries: [], labelSchema: {}, strictLabels: false };

/** 70 Dockerfiles: most in folders of their own, some side by side, some built from the root by compose. */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'slipway-uses-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, '.gitignore'), 'dist/\n*.bin\n');
  writeFileSync(join(root, 'requirements.txt'), 'flask\n');
  const services: string[] = [];
  for (let i = 0; i < 70; i++) {
    const dir = join(root, `svc${i % 50}`);
    mkdirSync(dir, { recursive: true });
    const name = i < 50 ? 'Dockerfile' : `Dockerfile.${i}`;
    // Sources that are missing (one a .gitignore leaves out), an ADD, a .env that a COPY . sends.
    writeFileSync(join(dir, name), `FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nCOPY dist/app.bin /app/\nADD vendor.tar.gz /opt/\nCOPY . .\nCMD ["python", "app.py"]\n`);
    if (i % 3 === 0) writeFileSync(join(dir, 'requirements.txt'), 'django\n');
    if (i % 4 === 0) writeFileSync(join(dir, '.env'), 'API_TOKEN=abc123\n');
    if (i % 5 === 0) writeFileSync(join(dir, 'vendor.tar.gz'), Buffer.from([0x1f, 0x8b, 8, 0]));
    if (i % 7 === 0) writeFileSync(join(dir, `${name}.dockerignore`), '.env\n');
    if (i % 10 === 1) services.push(`  s${i}:\n    build:\n      context: .\n      dockerfile: svc${i % 50}/${name}\n`);
  }
  writeFileSync(join(root, 'compose.yaml'), `services:\n${services.join('')}`);
  return root;
}

function load(root: string, uses: (p: ProjectModel) => DiskUses | undefined): { project: ProjectModel; uses: DiskUses | undefined } {
  const files = discover([root]).files.map((f) => ({ kind: f.kind, path: f.path, absPath: f.path, text: readFileSync(f.path, 'utf8') }));
  const built = buildProject(root, files);
  const u = uses(built);
  return { project: loadDiskFacts(built, { models: false, uses: u }), uses: u };
}

function streamed(project: ProjectModel, uses: DiskUses | undefined): ProjectCheckOptions {
  return {
    rules,
    settings,
    beforeDockerfile: (file) => loadDockerfileDiskFacts(project, file, undefined, uses),
    releaseModels: true,
    releaseTexts: true,
    ...(uses ? { afterContexts: (file) => uses.release(file) } : {}),
  };
}

test('dropping each disk fact after its last reader changes no finding, and leaves only what the project rules read', () => {
  const root = project();
  const kept = load(root, () => undefined);
  const expected = checkProject(kept.project, streamed(kept.project, undefined));
  const paths = inputPaths(kept.project);
  const dropped = load(root, (p) => new DiskUses(p.disk, p.dockerfiles.map((d) => d.file)));
  const got = checkProject(dropped.project, streamed(dropped.project, dropped.uses));
  assert.ok(expected.findings.length > 100, `the project has findings to compare (${expected.findings.length})`);
  assert.deepEqual(got, expected);

  const before = kept.project.disk;
  const disk = dropped.project.disk;
  for (const facts of ['dockerignores', 'python', 'gitignores', 'addKinds', 'heads'] as const) {
    assert.ok(Object.keys(before[facts]).length > 0, `the kept check read ${facts}`);
    assert.deepEqual(Object.keys(disk[facts]), [], `no ${facts} left`);
  }
  assert.ok(before.listings.some((l) => l.walk.entries.length > 0));
  assert.deepEqual(disk.listings.filter((l) => l.walk.entries.length > 0 || l.dir !== ''), [], 'every listing dropped');
  // The paths compose stats stay (the Dockerfiles it builds, their context, the env templates beside it); each Dockerfile's own stat goes.
  const pinned = new Set([root, ...ENV_TEMPLATE_NAMES.map((n) => join(root, n)), ...[...readFileSync(join(root, 'compose.yaml'), 'utf8').matchAll(/dockerfile: (\S+)/g)].map((m) => join(root, m[1]!))]);
  assert.deepEqual(Object.keys(disk.paths).sort(), Object.keys(before.paths).filter((abs) => pinned.has(abs)).sort());
  assert.ok(Object.keys(disk.paths).length > 5);
  // What is left cannot be a cache key: --cache keeps every fact (check.ts).
  assert.throws(() => inputPaths(dropped.project), /dropped/);
  assert.ok(paths.length > 0);
});
