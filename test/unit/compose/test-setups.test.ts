import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProjectModel } from '../../../src/project/model.js';
import { testComposePaths } from '../../../src/rules/compose/test-setups.js';

/** A project of these compose files whose test script is `script`. */
function project(script: string, composePaths: string[]): ProjectModel {
  return {
    disk: { testScripts: { '/p/scripts/e2e/run.sh': { ok: true, text: script } } },
    files: composePaths.map((path) => ({ kind: 'compose', path })),
  } as unknown as ProjectModel;
}

test('variables stand for part of one path segment, the path ends at a segment boundary', () => {
  const paths = ['docker-compose/cassandra/v4/docker-compose.yaml', 'docker-compose/cassandra/v4/x/docker-compose.yaml', 'other/docker-compose.yml', 'xdocker-compose.yml'];
  const found = testComposePaths(project('f="docker-compose/cassandra/v$major/docker-compose.yaml"\ndocker compose -f ${ROOT}/docker-compose.yml up\n', paths));
  assert.deepEqual([...found].sort(), ['docker-compose/cassandra/v4/docker-compose.yaml', 'other/docker-compose.yml']);
  assert.deepEqual([...testComposePaths(project('f=deploy/${a}-${b}-compose.yml\n', ['deploy/x-y-compose.yml', 'deploy/x/y-z-compose.yml', 'deploy/-compose.yml']))], ['deploy/x-y-compose.yml']);
});

test('a hostile script of many variables in one name is matched at once (no backtracking)', () => {
  const vars = Array.from({ length: 18 }, (_, i) => `$v${i}`).join('');
  const started = performance.now();
  const found = testComposePaths(project(`docker compose -f d${vars}-compose.yml up\n`, ['docker-compose.yaml', 'a/docker-compose.yml']));
  assert.deepEqual([...found], ['a/docker-compose.yml']);
  // A timeout, not a speed figure: as a regular expression, 13 variables took ~4 s on a shared core and each one
  // more took 2-3 times longer, so 18 would take many minutes; matched at once, they take milliseconds.
  assert.ok(performance.now() - started < 30_000, `took ${(performance.now() - started).toFixed(0)} ms`);
});

test('a long line in a test script is scanned in linear time', () => {
  const started = performance.now();
  const lines = ['a'.repeat(300_000), `x.yml${'compose'.repeat(20_000)}`.slice(0, 2_000), `${'compose/'.repeat(2_000)}.yml`].join('\n');
  const found = testComposePaths(project(`${lines}\ndocker compose -f ./e2e/docker-compose.yml up\n`, ['e2e/docker-compose.yml', 'docker-compose.yml']));
  assert.deepEqual([...found], ['e2e/docker-compose.yml']);
  // A timeout, not a speed figure: as a regular expression over the script, a first line of 60,000 characters
  // alone took ~3 s (quadratic in its length), so this one would take over a minute; scanned, it takes milliseconds.
  assert.ok(performance.now() - started < 30_000, `took ${(performance.now() - started).toFixed(0)} ms`);
});
