import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { bakeMayNameContext } from '../../src/project/bake-files.js';
import { buildProject } from '../../src/project/build.js';
import { kindOf } from '../../src/project/discover.js';
import { dockerfileFacts } from '../../src/project/dockerfile-facts.js';
import { loadDiskFacts } from '../../src/project/load-disk.js';

const dir = mkdtempSync(join(tmpdir(), 'slipway-bake-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function factsOf(files: Record<string, string>, dockerfile: string) {
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), t);
  }
  const sources = Object.entries(files).filter(([p]) => kindOf(p)).map(([path, text]) => ({ kind: kindOf(path)!, path, absPath: join(dir, path), text }));
  const project = loadDiskFacts(buildProject(dir, sources));
  return dockerfileFacts(project, project.files.find((f) => f.path === dockerfile)!);
}

test('the bake file above a Dockerfile is read (discourse_docker: image/docker-bake.hcl, image/discourse_dev/Dockerfile)', () => {
  const hcl = 'target "dev" {\n  contexts = {\n    from = "target:base-${branch}-${arch}"\n    templates = "../templates"\n  }\n}\n';
  const facts = factsOf({ 'image/docker-bake.hcl': hcl, 'image/discourse_dev/Dockerfile': 'FROM b:1\nCOPY --from=templates /a /a\n' }, 'image/discourse_dev/Dockerfile');
  assert.deepEqual(facts.bakeFiles, [{ path: 'image/docker-bake.hcl', text: hcl }]);
});

test('a bake file that is a link out of the project is not read', () => {
  const outside = mkdtempSync(join(tmpdir(), 'slipway-bake-out-'));
  after(() => rmSync(outside, { recursive: true, force: true }));
  writeFileSync(join(outside, 'docker-bake.hcl'), 'target "x" { contexts = { templates = "." } }\n');
  mkdirSync(join(dir, 'linked'), { recursive: true });
  symlinkSync(join(outside, 'docker-bake.hcl'), join(dir, 'linked', 'docker-bake.hcl'));
  const facts = factsOf({ 'linked/Dockerfile': 'FROM b:1\n' }, 'linked/Dockerfile');
  assert.deepEqual(facts.bakeFiles.filter((b) => b.path.startsWith('linked')), []);
});

test('compose build.additional_contexts names, as a map and as a list', () => {
  const df = 'FROM b:1\nCOPY --from=templates /a /a\n';
  const map = factsOf({ 'm/compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      additional_contexts:\n        templates: ../templates\n', 'm/Dockerfile': df }, 'm/Dockerfile');
  assert.deepEqual(map.composeUses.map((u) => u.namedContexts), [['templates']]);
  const list = factsOf({ 'l/compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      additional_contexts:\n        - templates=../templates\n        - base=docker-image://alpine:3\n', 'l/Dockerfile': df }, 'l/Dockerfile');
  assert.deepEqual(list.composeUses.map((u) => u.namedContexts), [['templates', 'base']]);
});

test('bakeMayNameContext: a key after contexts, in HCL or JSON; not an args key, not a value', () => {
  assert.equal(bakeMayNameContext('target "a" {\n  contexts = {\n    templates = "../t"\n  }\n}\n', 'templates'), true);
  assert.equal(bakeMayNameContext('{"target": {"a": {"contexts": {\n "templates": "../t"}}}}', 'templates'), true);
  assert.equal(bakeMayNameContext('target "a" {\n  args = {\n    templates = "1"\n  }\n}\n', 'templates'), false);
  assert.equal(bakeMayNameContext('target "a" {\n  contexts = {\n    base = "templates"\n  }\n}\n', 'templates'), false);
  assert.equal(bakeMayNameContext('target "a" {\n  contexts = {\n    a.b = "x"\n  }\n}\n', 'a+b'), false); // the name is matched literally
});
