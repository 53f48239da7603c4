// What a check holds grows with its findings, not with its files (issue 15): the committed ecosystem corpus's
// Dockerfiles are checked once as one copy and once as four copies, as `slipway check` runs them (each parsed
// shortly before its rules, its contexts judged right after, then its model, contexts and text dropped), and the
// live heap held at the end is measured after a real garbage collection. Two measures per added Dockerfile:
// - what the project still holds once the findings are gone (each Dockerfile's file, entry and what the checklist
//   cites of it; its disk facts are dropped as the check goes): ~0.5 kB, stable to 0.1 kB; keeping the texts
//   (+0.9) or the models goes over its bound;
// - everything held beyond the findings, V8's compiled code included (it grows with a bigger run, and by 1-2 kB
//   from one run to the next): a loose bound that a module-level cache of every file would still break.

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { checkProject } from '../../src/engine/check-project.js';
import { activeRules } from '../../src/engine/effective-rules.js';
import { buildProject } from '../../src/project/build.js';
import { discover } from '../../src/project/discover.js';
import { DiskUses } from '../../src/project/disk-uses.js';
import { loadDiskFacts, loadDockerfileDiskFacts } from '../../src/project/load-disk.js';
import { RULES } from '../../src/rules/index.js';
import type { CheckResult } from '../../src/types.js';
import { collect, CORPUS } from './corpus-memory.js';

/**
 * Bytes a check may keep of each added Dockerfile beyond its findings, everything counted: measured 5.1-8.1 kB with
 * the texts read inside the measure (5.7-6.3 when they were read outside it, before the texts were released); all
 * models kept 16.5-18 kB.
 */
const KEPT_PER_DOCKERFILE = 10 * 1024;

/**
 * Bytes the project may hold of each added Dockerfile once the findings are gone: measured 0.52 kB since each
 * Dockerfile's disk facts, COPY sources and outline go after its turn (2.86 kB before: disk facts 1.54, project
 * 1.32); with the texts kept 1.38, with the models kept more. It was ~5.3 kB before the context rules ran per
 * Dockerfile and the texts were released (memory8.md's table).
 */
const PROJECT_PER_DOCKERFILE = 0.8 * 1024;

const rules = activeRules(RULES, { shellcheck: 'off' });
const settings = { trustedRegistries: [], labelSchema: {}, strictLabels: false };

/** Live heap after a full collection: the least of three, since what runs between (the test runner's own reports) can only add. */
const heap = async () => {
  let least = Infinity;
  for (let i = 0; i < 3; i++) {
    await collect();
    least = Math.min(least, process.memoryUsage().heapUsed);
  }
  return least;
};

/** Live bytes held by a check of `root` (project and findings), by its findings alone, and by its project once they are gone. */
async function held(root: string, release: Release): Promise<{ total: number; findings: number; project: number; count: number; dockerfiles: number }> {
  const before = await heap();
  const hold: { project: unknown; result: CheckResult | null } = { project: null, result: null };
  let dockerfiles = 0;
  (() => {
    // Read here, as check reads them: what the check lets go of the texts is measured too.
    const files = discover([root]).files.map((f) => ({ kind: f.kind, path: f.path, absPath: f.path, text: readFileSync(f.path, 'utf8') }));
    const streamed = release !== 'nothing';
    const built = buildProject(root, files);
    // As check: each Dockerfile's disk facts dropped after the last Dockerfile that reads them (disk-uses.ts).
    const uses = streamed ? new DiskUses(built.disk, built.dockerfiles.map((d) => d.file)) : undefined;
    const project = loadDiskFacts(built, { models: !streamed, uses });
    dockerfiles = project.dockerfiles.length;
    hold.project = project;
    hold.result = checkProject(project, {
      rules,
      settings,
      ...(uses
        ? {
            beforeDockerfile: (file) => loadDockerfileDiskFacts(project, file, undefined, uses),
            releaseModels: true,
            releaseTexts: release === 'models and texts',
            afterContexts: (file) => uses.release(file),
          }
        : {}),
    });
  })();
  const all = await heap();
  const count = hold.result!.findings.length;
  hold.result = null;
  const withoutFindings = await heap();
  assert.ok(hold.project, 'the project was held throughout');
  hold.project = null;
  const withoutProject = await heap();
  return { total: all - before, findings: all - withoutFindings, project: withoutFindings - withoutProject, count, dockerfiles };
}

/** The corpus's Dockerfiles, at their paths, under `dir` (the bench's many-files folder is made the same way). */
function copyDockerfiles(dir: string): void {
  for (const f of discover([CORPUS]).files) {
    if (f.kind !== 'dockerfile') continue;
    const to = join(dir, relative(CORPUS, f.path));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(f.path, to);
  }
}

/** What the check drops after each Dockerfile: as `check` runs (models and texts), models only, nothing. */
type Release = 'models and texts' | 'models' | 'nothing';

async function growth(release: Release) {
  const work = mkdtempSync(join(tmpdir(), 'slipway-memory-'));
  try {
    for (let i = 1; i <= 4; i++) copyDockerfiles(join(work, 'four', `c${i}`));
    copyDockerfiles(join(work, 'one', 'c1'));
    // Warm-up: compiled code and module caches are not counted (both sizes: a bigger run compiles more).
    await held(join(work, 'one'), release);
    await held(join(work, 'four'), release);
    const one = await held(join(work, 'one'), release);
    const four = await held(join(work, 'four'), release);
    const added = four.dockerfiles - one.dockerfiles;
    const beyondFindings = four.total - one.total - (four.findings - one.findings);
    return { one, four, added, beyondFindings, projectPer: (four.project - one.project) / added };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const kB = (n: number) => `${(n / 1024).toFixed(2)} kB`;

test('three more copies of the Dockerfiles hold their findings and ~0.5 kB each in the project, not their models or texts', async () => {
  const { one, four, added, beyondFindings, projectPer } = await growth('models and texts');
  assert.equal(four.count, 4 * one.count, 'four copies, four times the findings');
  assert.ok(added > 100, `the copies add Dockerfiles (${added})`);
  assert.ok(projectPer <= PROJECT_PER_DOCKERFILE, `the project holds ${kB(projectPer)} per added Dockerfile (bound ${kB(PROJECT_PER_DOCKERFILE)})`);
  const perDockerfile = beyondFindings / added;
  assert.ok(
    perDockerfile <= KEPT_PER_DOCKERFILE,
    `beyond the findings (${((four.findings - one.findings) / 1024).toFixed(0)} kB more), the check held ${(beyondFindings / 1024).toFixed(0)} kB more for ${added} more Dockerfiles: ` +
      `${kB(perDockerfile)} each (bound ${kB(KEPT_PER_DOCKERFILE)})`,
  );
});

test('mutation check: with the texts kept the project goes over its bound', async () => {
  const { projectPer } = await growth('models');
  assert.ok(projectPer > PROJECT_PER_DOCKERFILE, `texts kept: the project holds ${kB(projectPer)} per Dockerfile`);
});

test('mutation check: with every model kept both measures go over their bounds', async () => {
  const { added, beyondFindings, projectPer } = await growth('nothing');
  assert.ok(projectPer > PROJECT_PER_DOCKERFILE, `models kept: the project holds ${kB(projectPer)} per Dockerfile`);
  assert.ok(beyondFindings / added > KEPT_PER_DOCKERFILE, `models kept: ${kB(beyondFindings / added)} per Dockerfile`);
});
