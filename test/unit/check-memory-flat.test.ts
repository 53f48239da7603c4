// What a check holds grows with its findings, not with the models of its files (issue 15): the committed
// ecosystem corpus's Dockerfiles are checked once as one copy and once as four copies, as `slipway check` runs
// them (each parsed shortly before its rules and dropped after them), and the live heap held at the end —
// project and findings — is measured after a real garbage collection. Three more copies may add their
// findings and what the project rules read of each Dockerfile (its text, outline, context, disk facts: ~6 kB),
// never the models: keeping them all costs more than twice as much (the mutation check below).

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { checkProject } from '../../src/engine/check-project.js';
import { activeRules } from '../../src/engine/effective-rules.js';
import { buildProject } from '../../src/project/build.js';
import { discover } from '../../src/project/discover.js';
import { loadDiskFacts, loadDockerfileDiskFacts } from '../../src/project/load-disk.js';
import { RULES } from '../../src/rules/index.js';
import type { CheckResult } from '../../src/types.js';
import { collect, CORPUS } from './corpus-memory.js';

/**
 * Bytes a check may keep of each added Dockerfile beyond its findings: measured 5.7-6.3 kB (6.5-7.4 before line starts
 * were found on first use and the kept outline lost its per-image hidden classes); all models kept 16.5-18 kB.
 */
const KEPT_PER_DOCKERFILE = 10 * 1024;

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

/** Live bytes held by a check of `root` (project and findings), and by its findings alone. */
async function held(root: string, release: boolean): Promise<{ total: number; findings: number; count: number; dockerfiles: number }> {
  const files = discover([root]).files.map((f) => ({ kind: f.kind, path: f.path, absPath: f.path, text: readFileSync(f.path, 'utf8') }));
  const before = await heap();
  const hold: { project: unknown; result: CheckResult | null } = { project: null, result: null };
  let dockerfiles = 0;
  (() => {
    const project = loadDiskFacts(buildProject(root, files), { models: !release });
    dockerfiles = project.dockerfiles.length;
    hold.project = project;
    hold.result = checkProject(project, {
      rules,
      settings,
      ...(release ? { beforeDockerfile: (file) => loadDockerfileDiskFacts(project, file), releaseModels: true } : {}),
    });
  })();
  const all = await heap();
  const count = hold.result!.findings.length;
  hold.result = null;
  const withoutFindings = await heap();
  assert.ok(hold.project, 'the project was held throughout');
  return { total: all - before, findings: all - withoutFindings, count, dockerfiles };
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

async function growth(release: boolean) {
  const work = mkdtempSync(join(tmpdir(), 'slipway-memory-'));
  try {
    for (let i = 1; i <= 4; i++) copyDockerfiles(join(work, 'four', `c${i}`));
    copyDockerfiles(join(work, 'one', 'c1'));
    await held(join(work, 'one'), release); // warm-up: compiled code and module caches are not counted
    const one = await held(join(work, 'one'), release);
    const four = await held(join(work, 'four'), release);
    const added = four.dockerfiles - one.dockerfiles;
    const beyondFindings = four.total - one.total - (four.findings - one.findings);
    return { one, four, added, beyondFindings };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

test('three more copies of the Dockerfiles hold their findings and ~6 kB each, not their models', async () => {
  const { one, four, added, beyondFindings } = await growth(true);
  assert.equal(four.count, 4 * one.count, 'four copies, four times the findings');
  assert.ok(added > 100, `the copies add Dockerfiles (${added})`);
  const perDockerfile = beyondFindings / added;
  assert.ok(
    perDockerfile <= KEPT_PER_DOCKERFILE,
    `beyond the findings (${((four.findings - one.findings) / 1024).toFixed(0)} kB more), the check held ${(beyondFindings / 1024).toFixed(0)} kB more for ${added} more Dockerfiles: ` +
      `${(perDockerfile / 1024).toFixed(1)} kB each (bound ${KEPT_PER_DOCKERFILE / 1024} kB)`,
  );
});

test('mutation check: with every model kept the same measure goes over the bound', async () => {
  const { added, beyondFindings } = await growth(false);
  assert.ok(beyondFindings / added > KEPT_PER_DOCKERFILE, `models kept: ${(beyondFindings / added / 1024).toFixed(1)} kB per Dockerfile`);
});
