// The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml) shipped at the root.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const root = new URL('../../../', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, root), 'utf8');

describe('action.yml', () => {
  const text = read('action.yml');
  const action = parse(text);

  it('is a valid composite action (action-validator)', () => {
    const { validateAction } = require('@action-validator/core') as { validateAction(src: string): { errors: unknown[] } };
    assert.deepEqual(validateAction(text).errors, []);
    assert.equal(action.runs.using, 'composite');
  });

  it('runs slipway check --format sarif and uploads the report to code scanning', () => {
    const steps = action.runs.steps as { uses?: string; run?: string; with?: Record<string, string> }[];
    const check = steps.find((s) => s.run?.includes('slipway'))!;
    assert.match(check.run!, /npx --yes "slipway@\$\{SLIPWAY_VERSION\}" check --format sarif --output "\$SLIPWAY_SARIF"/);
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    assert.equal(upload.with!.sarif_file, '${{ inputs.sarif-file }}');
    assert.equal(action.inputs['sarif-file'].default, 'slipway.sarif');
  });

  it('never interpolates inputs into a script (no injection)', () => {
    for (const s of action.runs.steps as { run?: string }[]) assert.doesNotMatch(s.run ?? '', /\$\{\{/);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(read('.pre-commit-hooks.yaml')) as { id: string; language: string; entry: string; files: string; pass_filenames: boolean }[];
  const hook = hooks.find((h) => h.id === 'slipway')!;

  it('runs slipway check with node, cached (an unchanged repository is answered at once)', () => {
    assert.equal(hook.language, 'node');
    assert.equal(hook.entry, 'slipway check --cache');
    assert.equal(hook.pass_filenames, false);
  });

  it('runs for the files slipway checks, and not for others', () => {
    const re = new RegExp(hook.files);
    for (const p of ['Dockerfile', 'api/Dockerfile.prod', 'Containerfile', 'web.dockerfile', 'compose.yaml', 'docker-compose.override.yml', '.dockerignore', 'api/Dockerfile.dockerignore', '.env', '.env.example', '.github/workflows/ci.yml']) {
      assert.ok(re.test(p), p);
    }
    for (const p of ['README.md', 'src/app.py', 'compose.yaml.bak', 'docs/workflows/x.yml', 'package.json']) assert.ok(!re.test(p), p);
  });
});
