// ShellCheck fed one Dockerfile at a time (shellcheckQueue, what `check` uses), with the real shellcheck:
// its scripts go out while the rules would run (one process at a time, from `earlyBatch` scripts on)
// and the rest with the last file, each distinct script once, and the findings equal one batch of every file.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

test('a send while the rules run and one with the last file, each distinct script once, the same findings as one batch', async () => {
  const options = { binary: null, overrides: {}, earlyBatch: 2 };
  const queue = shellcheckQueue(options, FILES.length);
  for (const df of FILES) queue.add(shellcheckFile(df));
  const streamed = await queue.done();
  const batch = await shellcheckDockerfiles(FILES, options);
  assert.equal(streamed.note, null);
  assert.equal(streamed.processes, 2, 'one process for a (2 scripts), none for c while it runs, one for the rest with d');
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

test('add() starts the next process once the last one wrote its output, without the event loop turning', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-sc-queue-'));
  try {
    const fake = join(dir, 'shellcheck');
    // Each process runs until the test opens the gate (or its folder goes): "still runs" never depends on how fast the test is.
    const log = JSON.stringify(join(dir, 'log'));
    const gate = join(dir, 'gate');
    writeFileSync(fake, `#!/bin/sh\necho started >> ${log}\nwhile [ -d ${JSON.stringify(dir)} ] && [ ! -e ${JSON.stringify(gate)} ]; do sleep 0.02; done\necho '{"comments":[]}'\necho wrote >> ${log}\n`, { mode: 0o755 });
    const queue = shellcheckQueue({ binary: fake, overrides: {}, earlyBatch: 2 }, FILES.length + 1);
    const said = (what: string) => (existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').split('\n').filter((l) => l === what).length : 0);
    const started = () => said('started');
    queue.add(shellcheckFile(FILES[0]!)); // 2 scripts: a process starts
    // The rules do not yield: wait without the event loop, as they would run.
    const waitSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    for (let i = 0; i < 3_000 && !started(); i++) waitSync(20); // bounds for a loaded machine: 60 s
    queue.add(shellcheckFile(FILES[1]!)); // 1 new script
    queue.add(shellcheckFile(FILES[2]!)); // 2 pending, the first still runs: none starts
    assert.equal(started(), 1);
    writeFileSync(gate, '');
    // Until the first has written its output (it says so after): a fixed 1.5 s wait assumed it would by then.
    for (let i = 0; i < 3_000 && !said('wrote'); i++) waitSync(20);
    assert.equal(said('wrote'), 1);
    queue.add(shellcheckFile(dockerfile('e/Dockerfile', ['echo 5', 'echo 6']))); // 4 pending, none running: a process starts
    for (let i = 0; i < 3_000 && started() < 2; i++) waitSync(20); // its shell writes the log line once it runs
    assert.equal(started(), 2);
    queue.add(shellcheckFile(FILES[3]!)); // the last one announced: the rest
    const outcome = await queue.done();
    assert.equal(outcome.note, null);
    assert.equal(outcome.processes, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
