import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiPath, familiarPath, formatImageRef, imageRefProblem, parseImageRef, registryOf, withTag } from '../../../src/docker/ref.js';

const D = 'sha256:' + 'a'.repeat(64);

test('parses the parts of a reference the way docker does', () => {
  const cases: [string, string | null, string, string | null, string | null][] = [
    ['python', null, 'python', null, null],
    ['python:3.12-slim', null, 'python', '3.12-slim', null],
    ['library/python:3', null, 'library/python', '3', null],
    ['org/app', null, 'org/app', null, null],
    ['ghcr.io/org/app:1.2.3', 'ghcr.io', 'org/app', '1.2.3', null],
    ['127.0.0.1:5000/a/b', '127.0.0.1:5000', 'a/b', null, null],
    ['127.0.0.1:5000/a/b:sha-abc1234', '127.0.0.1:5000', 'a/b', 'sha-abc1234', null],
    ['localhost/app', 'localhost', 'app', null, null],
    ['Registry/app', 'Registry', 'app', null, null],
    [`python@${D}`, null, 'python', null, D],
    [`ghcr.io/o/a:1@${D}`, 'ghcr.io', 'o/a', '1', D],
    ['[::1]:5000/app:x', '[::1]:5000', 'app', 'x', null],
  ];
  for (const [text, registry, path, tag, digest] of cases) {
    const r = parseImageRef(text);
    assert.deepEqual(r, { registry, path, tag, digest }, text);
    assert.equal(formatImageRef(r), text);
  }
});

test('judges references', () => {
  for (const ok of ['python', 'ghcr.io/o/a:1.2.3', '127.0.0.1:5000/a__b/c-d.e:x', `a@${D}`, 'localhost:5000/x']) assert.equal(imageRefProblem(ok), null, ok);
  assert.match(imageRefProblem('')!, /empty/);
  assert.match(imageRefProblem('ghcr.io/Org/App')!, /lower case/);
  assert.match(imageRefProblem('a/-b')!, /not a valid repository path component/);
  assert.match(imageRefProblem('a:.bad')!, /not a valid tag/);
  assert.match(imageRefProblem('a@sha256:xyz')!, /not a valid digest/);
  assert.match(imageRefProblem('bad_host.io:x/a')!, /not a registry host/);
  assert.match(imageRefProblem('a b')!, /not a valid repository/);
});

test('Docker Hub names', () => {
  assert.equal(registryOf(parseImageRef('python')), 'docker.io');
  assert.equal(registryOf(parseImageRef('index.docker.io/library/python')), 'docker.io');
  assert.equal(apiPath(parseImageRef('python')), 'library/python');
  assert.equal(apiPath(parseImageRef('org/app')), 'org/app');
  assert.equal(apiPath(parseImageRef('ghcr.io/app')), 'app');
  assert.equal(familiarPath(parseImageRef('docker.io/library/python')), 'python');
  assert.equal(formatImageRef(withTag(parseImageRef(`a:1@${D}`), '2')), 'a:2');
});
