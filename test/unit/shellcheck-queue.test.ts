// ShellCheck fed one Dockerfile at a time (shellcheckQueue, what `check` uses), with the real shellcheck:
// its scripts go out in two parts — at half the files, while the rules would check the rest, and at
// done() — each distinct script once, and the findings equal one batch of every file.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shellcheckDockerfiles, shellcheckFile, shellcheckQueue } from '../../src/engine/shellcheck/run.js';
import { parseDockerfile } from '../../src/parse/dockerfile/parse.js';

const dockerfile = (name: string, runs: string[]) => parseDockerfile(`FROM debian:12-slim\n${runs.map((r) => `RUN ${r}\n`).join('')}`, name);
const FILES = [
  dockerfile('a/Dockerfile', ['echo $a', 'cd /tmp; ls `pwd`']),
  dockerfile('b/Dockerfile', ['for f in $(ls); do echo $f; done', 'echo $a']),
  dockerfile('c/Dockerfile', ['echo $a', 'cp $1 /x']),
  dockerfile('d/Dockerfile', ['[ $x == y ] && echo same']),
];
const shown = (r: { findings: { file: string; rule: string; line: number; column: number }[] }) => r.findings.map((f) => `${f.file} ${f.rule} ${f.line}:${f.column}`);

test('two sends, each distinct script once, the same findings as one batch', async () => {
  const options = { binary: null, overrides: {} };
  const queue = shellcheckQueue(options, FILES.length);
  for (const df of FILES) queue.add(shellcheckFile(df));
  const streamed = await queue.done();
  const batch = await shellcheckDockerfiles(FILES, options);
  assert.equal(streamed.note, null);
  assert.equal(streamed.processes, 2, 'one process at half the files, one for the rest');
  assert.equal(batch.processes, 1);
  assert.equal(streamed.scripts, 7);
  assert.ok(streamed.findings.length >= 5, 'ShellCheck found something');
  assert.deepEqual(shown(streamed), shown(batch));
  assert.deepEqual(
    [...new Set(streamed.findings.map((f) => f.file))],
    ['a/Dockerfile', 'b/Dockerfile', 'c/Dockerfile', 'd/Dockerfile'],
    'in the order the files were added',
  );
});

test('one Dockerfile is sent at once; no shellcheck: one note that counts every script', async () => {
  const one = shellcheckQueue({ binary: null, overrides: {} }, 1);
  one.add(shellcheckFile(FILES[0]!));
  assert.equal((await one.done()).processes, 1);
  const missing = shellcheckQueue({ binary: '/nonexistent/shellcheck', overrides: {} }, FILES.length);
  for (const df of FILES) missing.add(shellcheckFile(df));
  const outcome = await missing.done();
  assert.deepEqual(outcome.findings, []);
  assert.match(outcome.note ?? '', /shellcheck not found at '\/nonexistent\/shellcheck': the 7 RUN script\(s\) were not checked/);
});

test('shellcheck: off adds nothing and starts nothing', async () => {
  const queue = shellcheckQueue({ binary: null, overrides: { shellcheck: 'off' } }, FILES.length);
  for (const df of FILES) queue.add(shellcheckFile(df));
  assert.deepEqual(await queue.done(), { findings: [], note: null, scripts: 0, cached: 0, processes: 0 });
});
