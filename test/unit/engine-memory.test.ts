// A check keeps one Dockerfile's parsed RUN shells at a time: once a Dockerfile's rules ran, the engine
// drops them (forgetShells), so memory does not grow with the files by their shells. Proven with WeakRefs
// and a real garbage collection, on the committed ecosystem corpus, while the project (and so every
// model) is still held.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkProject } from '../../src/engine/check-project.js';
import { activeRules } from '../../src/engine/effective-rules.js';
import { forgetShells, parseDockerfile } from '../../src/parse/dockerfile/parse.js';
import type { ShellScript } from '../../src/parse/dockerfile/shell.js';
import { withTriggers } from '../../src/rules/dockerfile/helpers.js';
import { RULES } from '../../src/rules/index.js';
import { collect, corpusProjects } from './corpus-memory.js';

test('once a Dockerfile is checked, its RUN shells are not kept (the models still are)', async () => {
  const projects = corpusProjects();
  const shells: WeakRef<ShellScript>[] = [];
  let findings = 0;
  for (const project of projects) {
    const r = checkProject(project, {
      rules: activeRules(RULES, {}),
      settings: { trustedRegistries: [], labelSchema: {}, strictLabels: false },
      // Parse the file's shells (the rules then read these) and hold them weakly.
      eachDockerfile: (_file, df) => {
        for (const inst of withTriggers(df.instructions)) if (inst.shell) shells.push(new WeakRef(inst.shell));
      },
    });
    findings += r.findings.length;
  }
  assert.ok(shells.length > 100, `the corpus has RUN shells (${shells.length})`);
  assert.ok(findings > 100, 'the rules ran');
  await collect();
  const alive = shells.filter((w) => w.deref() !== undefined).length;
  assert.equal(alive, 0, `${alive} of ${shells.length} shells are still held after their Dockerfiles were checked`);
  assert.ok(projects.every((p) => p.dockerfiles.length >= 0)); // the projects were held throughout
});

test('a forgotten shell is parsed again on the next read, equal to the first', () => {
  const df = parseDockerfile('FROM alpine\nRUN apk add --no-cache curl && echo "$(date)" | tee /log\n', 'Dockerfile');
  const run = df.instructions[1]!;
  const first = run.shell;
  assert.ok(first && first.commands.length >= 3);
  assert.equal(run.shell, first, 'kept until forgotten');
  forgetShells(df);
  const again = run.shell;
  assert.notEqual(again, first);
  assert.deepEqual(again, first);
});
