import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContextEntry } from '../../src/parse/context/entries.js';
import { copiedManifests } from '../../src/project/copied-manifests.js';
import { diskFacts } from '../../src/project/disk-facts.js';
import { projectOf } from '../rules/project-harness.js';

const ROOT = '/nonexistent/copied-manifests';

/** A project of one Dockerfile whose context (the root) lists `entries`. */
function project(dockerfile: string, entries: ContextEntry[]) {
  const disk = diskFacts({ paths: { [`${ROOT}/Dockerfile`]: 'file' }, listings: [{ dir: ROOT, ignore: null, walk: { entries, errors: [], truncated: false } }] });
  const p = projectOf({ Dockerfile: dockerfile }, ROOT, { disk });
  return { p, file: p.dockerfiles[0]!.file };
}

const file = (path: string): ContextEntry => ({ path, type: 'file', size: 1, excluded: false });

test('COPY . . brings the shallowest manifests; a named one wins', () => {
  const { p, file: df } = project('FROM node:20\nCOPY . .\n', [file('package.json'), file('a/package.json'), file('go.mod'), file('svc/requirements.txt')]);
  assert.deepEqual(copiedManifests(p, df), { node: [`${ROOT}/package.json`], go: [`${ROOT}/go.mod`], pythonDirs: [`${ROOT}/svc`] });
  const named = project('FROM node:20\nCOPY a/package.json ./\n', [file('package.json'), file('a/package.json')]);
  assert.deepEqual(copiedManifests(named.p, named.file)?.node, [`${ROOT}/a/package.json`]);
});

test('a context of 130,000 manifests does not overflow the stack', () => {
  const many = Array.from({ length: 130_000 }, (_, i) => file(`requirements-${i}.txt`));
  const { p, file: df } = project('FROM python:3.12\nCOPY . .\n', [file('Dockerfile'), ...many]);
  assert.deepEqual(copiedManifests(p, df)?.pythonDirs, [ROOT]);
});
