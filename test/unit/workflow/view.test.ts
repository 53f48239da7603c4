// The workflow view: triggers, builds/pushes/tags/logins found in actions and scripts, positions,
// parse errors, and no throw on any shape of YAML.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { generateValidator, GENERATED_PATH } from '../../../src/parse/workflow/schema-codegen.js';
import { runsOnTags, pushesOnMain, validateWorkflowFile, workflowOf, type Loc } from '../../../src/parse/workflow/index.js';
import { projectOf } from '../../rules/project-harness.js';

const WF = '.github/workflows/ci.yml';
const view = (text: string) => {
  const project = projectOf({ [WF]: text });
  return { project, view: workflowOf(project) };
};
const at = (l: Loc | null) => {
  if (!l) return null;
  const p = l.file.lines.positionAt(l.start);
  return `${p.line}:${p.column} ${l.file.text.slice(l.start, l.end)}`;
};

describe('workflow view', () => {
  it('reads triggers in every form', () => {
    const t = (on: string) => view(`on: ${on}\njobs: {}\n`).view.files[0]!.triggers;
    assert.deepEqual([...t('push').events], ['push']);
    assert.equal(t('push').pushBranches, 'all');
    assert.deepEqual([...t('[push, pull_request]').events], ['push', 'pull_request']);
    assert.equal(t('[push, pull_request]').pullRequest, true);
    const m = t("\n  push:\n    branches: [main]\n    tags: ['v*']\n  pull_request_target:\n");
    assert.deepEqual(m.pushBranches, ['main']);
    assert.deepEqual(m.pushTags, ['v*']);
    assert.equal(m.pullRequest, true);
    assert.ok(pushesOnMain(m) && runsOnTags(m));
    const tagsOnly = t("\n  push:\n    tags: ['v*']\n");
    assert.equal(tagsOnly.pushBranches, 'none');
    assert.ok(!pushesOnMain(tagsOnly) && runsOnTags(tagsOnly));
    assert.ok(!runsOnTags(t('push')), 'a bare push is not a release trigger');
    assert.ok(runsOnTags(t('\n  release:\n    types: [published]\n')));
  });

  it('locates docker commands in a block script, with expressions masked', () => {
    const text = 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo "${{ secrets.T }}" | docker login ghcr.io -u me --password-stdin\n          docker build \\\n            -t ghcr.io/o/app:${{ github.sha }} .\n          docker push ghcr.io/o/app:${{ github.sha }}\n';
    const { view: v } = view(text);
    const job = v.files[0]!.jobs[0]!;
    const b = job.builds[0]!;
    assert.equal(b.via, 'run');
    assert.equal(b.push, 'yes');
    assert.equal(at(b.loc), '8:11 docker build \\\n            -t ghcr.io/o/app:${{ github.sha }} .');
    assert.equal(at(b.pushLoc), '10:11 docker push ghcr.io/o/app:${{ github.sha }}');
    assert.equal(at(b.tags.sha), '9:16 ghcr.io/o/app:${{ github.sha }}');
    assert.deepEqual(b.registries, ['ghcr.io']);
    assert.equal(job.logins[0]!.registry, 'ghcr.io');
    assert.equal(job.logins[0]!.passwordInArgv, false);
  });

  it('reads build-push-action: push modes, tags, metadata-action, cache', () => {
    const text = "on: [push, pull_request]\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - id: meta\n        uses: docker/metadata-action@v5\n        with:\n          images: ghcr.io/o/app\n          tags: |\n            type=sha,prefix=\n            type=semver,pattern={{version}}\n          flavor: latest=true\n      - uses: docker/build-push-action@v6\n        with:\n          push: ${{ github.event_name != 'pull_request' }}\n          tags: ${{ steps.meta.outputs.tags }}\n          cache-from: type=gha\n";
    const b = view(text).view.files[0]!.jobs[0]!.builds[0]!;
    assert.equal(b.via, 'build-push-action');
    assert.equal(b.push, 'conditional');
    assert.equal(at(b.tags.sha), '11:13 type=sha,prefix=');
    assert.equal(at(b.tags.semver), '12:13 type=semver,pattern={{version}}');
    assert.equal(at(b.tags.latest), '13:19 latest=true');
    assert.deepEqual(b.registries, ['ghcr.io']);
    assert.equal(b.cache, true);
  });

  it('reports invalid YAML as a file error with its position, never throws', () => {
    const { project, view: v } = view('on: push\njobs:\n  b: [\n');
    assert.equal(v.files[0]!.root, null);
    assert.equal(project.errors.length > 0, true);
    assert.equal(project.errors[0]!.file, WF);
    assert.match(project.errors[0]!.message, /^invalid YAML/);
  });

  it('never throws on odd shapes', () => {
    const odd = [
      '',
      'null',
      '42',
      'on: 3\njobs: 3\n',
      'jobs:\n  a: null\n  b: [1, 2]\n  c:\n    steps: "x"\n  d:\n    steps:\n      - null\n      - run: 3\n      - uses: 4\n      - uses: docker/build-push-action@v6\n        with: [1]\n      - uses: docker/login-action\n        with:\n          password:\n',
      'on:\n  push:\n    branches: main\n    tags: 3\njobs:\n  a:\n    steps:\n      - run: "docker build -t \\"x:${{ github.sha }}\\" ."\n      - run: docker\n      - run: docker login -p\n      - run: "docker buildx"\n      - run: "if [ ; then"\n',
      'a: &x [*x]\n',
      'x: &a\n  - *a\n  - *a\njobs: *a\n',
    ];
    for (const text of odd) {
      const { project, view: v } = view(text);
      for (const f of v.files) validateWorkflowFile(f);
      assert.ok(Array.isArray(project.errors));
    }
  });

  it('ships the schema validator generated from schema/github-workflow.schema.json', () => {
    assert.equal(readFileSync(GENERATED_PATH, 'utf8'), generateValidator(), 'stale: run `npx tsx src/parse/workflow/schema-codegen.ts`');
  });
});
