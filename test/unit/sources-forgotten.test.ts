// A streamed check forgets each Dockerfile's COPY/ADD sources (missing-sources.ts neededSources) once its
// contexts were judged: asked again after the check, they would be taken from the model anew, and the model
// cannot be parsed again once its text was released. Kept (the holder put back), they answer without it.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkProject } from '../../src/engine/check-project.js';
import { activeRules } from '../../src/engine/effective-rules.js';
import { contextsFor } from '../../src/parse/context/context.js';
import { neededSources } from '../../src/parse/context/missing-sources.js';
import { buildProject } from '../../src/project/build.js';
import { discover } from '../../src/project/discover.js';
import { loadDiskFacts, loadDockerfileDiskFacts } from '../../src/project/load-disk.js';
import { RULES } from '../../src/rules/index.js';

test("after a streamed check, no Dockerfile's COPY sources are kept", () => {
  const root = mkdtempSync(join(tmpdir(), 'slipway-sources-'));
  try {
    for (const name of ['api', 'web']) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'Dockerfile'), 'FROM node:22-slim\nCOPY package.json missing.js ./\nCOPY . .\n');
      writeFileSync(join(root, name, 'package.json'), '{}');
    }
    const files = discover([root]).files.map((f) => ({ kind: f.kind, path: f.path, absPath: f.path, text: readFileSync(f.path, 'utf8') }));
    const project = loadDiskFacts(buildProject(root, files), { models: false });
    const { findings } = checkProject(project, {
      rules: activeRules(RULES, { shellcheck: 'off' }),
      settings: { trustedRegistries: [], labelSchema: {}, strictLabels: false },
      beforeDockerfile: (file) => loadDockerfileDiskFacts(project, file),
      releaseModels: true,
      releaseTexts: true,
    });
    assert.ok(findings.some((f) => f.rule === 'copy-source-missing'), 'the context rules read the sources');
    for (const { file } of project.dockerfiles) {
      const [c] = contextsFor(project, file);
      assert.throws(() => neededSources(c!), /released/, `${file.path}: its sources were forgotten, so asking reads the released text`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
