// A check keeps one Dockerfile's parsed RUN shells at a time: once a Dockerfile's rules ran, the engine
// drops them (forgetShells), so memory does not grow with the files by their shells. Proven with WeakRefs
// and a real garbage collection, on the committed ecosystem corpus, while the project (and so every
// model) is still held.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { checkProject } from '../../src/engine/check-project.js';
import { activeRules } from '../../src/engine/effective-rules.js';
import { forgetShells, parseDockerfile } from '../../src/parse/dockerfile/parse.js';
import type { ShellScript } from '../../src/parse/dockerfile/shell.js';
import { buildProject } from '../../src/project/build.js';
import { discover } from '../../src/project/discover.js';
import { loadDiskFacts } from '../../src/project/load-disk.js';
import { withTriggers } from '../../src/rules/dockerfile/helpers.js';
import { RULES } from '../../src/rules/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Lets the current job end (WeakRef targets are kept until it does), then collects. */
async function collect(): Promise<void> {
  await new Promise((r) => setImmediate(r));
  gc();
  await new Promise((r) => setImmediate(r));
  gc();
}

const CORPUS = join(import.meta.dirname, '..', 'ecosystem', 'corpus');

test('once a Dockerfile is checked, its RUN shells are not kept (the models still are)', async () => {
  const projects = readdirSync(CORPUS).map((name) => {
    const root = join(CORPUS, name);
    const files = discover([root]).files.map((f) => ({ kind: f.kind, path: f.path, absPath: f.path, text: readFileSync(f.path, 'utf8') }));
    return loadDiskFacts(buildProject(root, files));
  });
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
