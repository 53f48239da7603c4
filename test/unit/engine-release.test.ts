// A plain check holds a few Dockerfile models at a time (at most 32): each is parsed shortly before its rules
// and dropped after them, keeping an outline for the project rules and the checklist (dockerfile-entry.ts,
// release-dockerfile.ts). Proven with WeakRefs and a real garbage collection on the committed
// ecosystem corpus while the projects are still held; and the report is the same as with every model kept.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeChecklist } from '../../src/checklist/index.js';
import { checkProject, type ProjectCheckOptions } from '../../src/engine/check-project.js';
import { activeRules } from '../../src/engine/effective-rules.js';
import { hasInstructions } from '../../src/parse/dockerfile/empty.js';
import type { Dockerfile } from '../../src/parse/dockerfile/model.js';
import { parseDockerfile } from '../../src/parse/dockerfile/parse.js';
import { buildProject } from '../../src/project/build.js';
import { DockerfileEntry, dockerfileOutline } from '../../src/project/dockerfile-entry.js';
import { loadDockerfileDiskFacts } from '../../src/project/load-disk.js';
import type { ProjectModel } from '../../src/project/model.js';
import { RULES } from '../../src/rules/index.js';
import { collect, corpusProjects } from './corpus-memory.js';

const rules = activeRules(RULES, {});
const options: ProjectCheckOptions = { rules, settings: { trustedRegistries: [], labelSchema: {}, strictLabels: false } };

/** A check as `slipway check` runs it, findings and checklist; `release` as a plain check does. */
function check(project: ProjectModel, release: boolean, seen?: (df: Dockerfile) => void) {
  const r = checkProject(project, {
    ...options,
    ...(seen ? { eachDockerfile: (_file, df) => seen(df) } : {}),
    ...(release ? { beforeDockerfile: (file) => loadDockerfileDiskFacts(project, file), releaseModels: true } : {}),
  });
  const checklist = computeChecklist(project, r.findings, { suppressed: r.suppressed, errors: r.errors, active: new Set(rules.map((x) => x.rule.meta.id)) });
  return { findings: r.findings, errors: r.errors, checklist };
}

test('once a Dockerfile is checked its model is dropped, and nothing parses it again', async () => {
  const projects = corpusProjects(false);
  // Only a Dockerfile with no line that starts an instruction is parsed before its turn (to tell it is empty).
  const early = projects.flatMap((p) => p.dockerfiles.filter((d) => (d as DockerfileEntry).parses > 0));
  assert.deepEqual(
    early.map((d) => d.df.instructions.length),
    early.map(() => 0),
    'loading the disk facts parsed no Dockerfile but the empty ones',
  );
  const models: WeakRef<Dockerfile>[] = [];
  let findings = 0;
  let mostHeld = 0;
  for (const project of projects) {
    // Parsed and not yet released, as each Dockerfile's rules begin.
    const held = () => project.dockerfiles.filter((d) => (d as DockerfileEntry).parses > 0 && !(d as DockerfileEntry).kept).length;
    findings += check(project, true, (df) => {
      models.push(new WeakRef(df));
      mostHeld = Math.max(mostHeld, held());
    }).findings.length;
  }
  assert.ok(mostHeld >= 2 && mostHeld <= 32, `models held at once: ${mostHeld} (the window parsed ahead, at most 32)`);
  assert.ok(models.length > 40, `the corpus has Dockerfiles (${models.length})`);
  assert.ok(findings > 100, 'the rules ran');
  const parses = projects.flatMap((p) => p.dockerfiles.map((d) => (d as DockerfileEntry).parses));
  assert.deepEqual(parses.filter((n) => n !== 1), [], 'each Dockerfile parsed once: the project rules and the checklist read the outlines');
  await collect();
  const alive = models.filter((w) => w.deref() !== undefined).length;
  assert.equal(alive, 0, `${alive} of ${models.length} models are still held after their Dockerfiles were checked`);
  assert.ok(projects.every((p) => p.dockerfiles.length >= 0)); // the projects were held throughout
});

test('the findings, errors and checklist are the same as with every model kept', () => {
  const kept = corpusProjects(true).map((p) => check(p, false));
  const released = corpusProjects(false).map((p) => check(p, true));
  assert.equal(kept.length, released.length);
  for (let i = 0; i < kept.length; i++) assert.deepEqual(released[i], kept[i]);
});

test('however many Dockerfiles, a check holds at most 32 models at a time', () => {
  const files = Array.from({ length: 100 }, (_, i) => ({ kind: 'dockerfile' as const, path: `app${i}/Dockerfile`, absPath: `/nowhere/app${i}/Dockerfile`, text: `FROM alpine\nRUN echo ${i}\n` }));
  const project = buildProject('/nowhere', files);
  const entries = project.dockerfiles as DockerfileEntry[];
  let mostHeld = 0;
  check(project, true, () => (mostHeld = Math.max(mostHeld, entries.filter((d) => d.parses > 0 && !d.kept).length)));
  assert.ok(mostHeld > 1 && mostHeld <= 32, `models held at once: ${mostHeld}`);
  assert.deepEqual(new Set(entries.map((d) => d.parses)), new Set([1]), 'each parsed once');
});

test('a released model is parsed again when something still reads it', () => {
  const project = buildProject('/nowhere', [{ kind: 'dockerfile', path: 'Dockerfile', absPath: '/nowhere/Dockerfile', text: 'FROM alpine AS base\nEXPOSE 80\nFROM base\nCMD ["x"]\n' }]);
  check(project, true);
  const entry = project.dockerfiles[0] as DockerfileEntry;
  assert.equal(entry.parses, 1);
  // No compose file builds it: what the checklist cites is kept (FROM base, which stands on alpine: small), the outline is not.
  assert.deepEqual(entry.kept?.shipped, { stageLines: [1, 3], shipped: { fromLine: 3, smallBase: true, last: { CMD: 4 } }, runsSomething: true });
  assert.equal(entry.kept?.outline, null);
  assert.deepEqual(dockerfileOutline(entry).stages.map((s) => [s.name, s.fromLine, s.exposes, s.image.stage?.name ?? null]), [
    ['base', 1, ['80'], null],
    [null, 3, [], 'base'],
  ]);
  assert.equal(entry.parses, 2);
});

test('the outline is kept only of a Dockerfile a compose file builds (its rules read it after the check); the checklist reads the same of both', () => {
  const text = 'FROM golang:1.23 AS build\nRUN go build\nFROM gcr.io/distroless/static\nUSER nonroot\nCMD ["/app"]\n';
  const project = buildProject('/nowhere', [
    { kind: 'dockerfile', path: 'api/Dockerfile', absPath: '/nowhere/api/Dockerfile', text },
    { kind: 'dockerfile', path: 'jobs/Dockerfile', absPath: '/nowhere/jobs/Dockerfile', text },
    { kind: 'compose', path: 'compose.yaml', absPath: '/nowhere/compose.yaml', text: 'services:\n  api:\n    build: ./api\n' },
  ]);
  const kept = check(buildProject('/nowhere', project.files.map((f) => ({ ...f }))), false);
  const released = check(project, true);
  const [api, jobs] = project.dockerfiles as DockerfileEntry[];
  assert.ok(api!.kept?.outline, 'compose builds api: its outline is kept');
  assert.equal(jobs!.kept?.outline, null, 'nothing builds jobs with compose: only what the checklist cites');
  assert.deepEqual(api!.kept?.shipped, jobs!.kept?.shipped);
  assert.deepEqual(released.checklist, kept.checklist);
  assert.ok(released.checklist.some((i) => i.evidence.some((e) => e.file === 'jobs/Dockerfile')), 'the checklist cites jobs');
});

test('an empty Dockerfile is told without its model exactly as with it', () => {
  const pieces = ['', '\n', '\r\n', '\r', ' ', '\t', '#', '# c', ' # c', '# escape=`', '# syntax=docker/dockerfile:1', '\uFEFF', '\\', '`', 'FROM a', ' from a', 'x', '1', '-', '=', '$X', 'RUN a \\', '  \\', '<<EOF', 'EOF'];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const texts = [...pieces];
  for (let i = 0; i < 3000; i++) texts.push(Array.from({ length: 1 + (next() % 5) }, () => pieces[next() % pieces.length]).join(next() % 3 ? '\n' : ''));
  for (const text of texts) {
    const truth = parseDockerfile(text, 'Dockerfile').instructions.length > 0;
    assert.equal(hasInstructions(text, { get df() { return parseDockerfile(text, 'Dockerfile'); } }), truth, JSON.stringify(text));
  }
});
