// With ShellCheck's results kept (a re-check), a Dockerfile whose scripts all have known comments is
// turned into its findings when it is added to the queue: nothing of it (text, line index, scripts) is
// held until the check ends. Proven with WeakRefs and a real garbage collection, real shellcheck.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { shellcheckDockerfiles, shellcheckFile, shellcheckQueue, type ShellcheckOptions } from '../../src/engine/shellcheck/run.js';
import { parseDockerfile } from '../../src/parse/dockerfile/parse.js';
import { collect } from './corpus-memory.js';

const installed = spawnSync('shellcheck', ['--version']).status === 0;
const home = mkdtempSync(join(tmpdir(), 'slipway-sc-held-'));
after(() => rmSync(home, { recursive: true, force: true }));

const texts = Array.from({ length: 12 }, (_, i) => `FROM alpine:3\nARG V${i}\nRUN echo $V${i} $undefined${i} && cd /x${i}\nRUN [ $a == ${i} ]\nLABEL n="${'x'.repeat(200)}"\n`);

it('a Dockerfile whose scripts all have kept results is held only as its findings until the check ends', async (t) => {
  if (!installed) return t.skip('shellcheck is not installed');
  const options: ShellcheckOptions = { binary: null, overrides: {}, cacheEnv: { ...process.env, XDG_CACHE_HOME: home }, cacheScope: home };
  const cold = await shellcheckDockerfiles(texts.map((text, i) => parseDockerfile(text, `d${i}/Dockerfile`)), options);
  assert.ok(cold.findings.length >= 24, `ShellCheck found things (${cold.findings.length})`);
  const queue = shellcheckQueue(options, texts.length);
  const held: WeakRef<object>[] = [];
  // In a function of its own: no variable here keeps a file.
  (() => {
    texts.forEach((text, i) => {
      const file = shellcheckFile(parseDockerfile(text, `d${i}/Dockerfile`));
      held.push(new WeakRef(file), new WeakRef(file.lines), new WeakRef(file.scripts));
      queue.add(file);
    });
  })();
  await collect();
  const alive = held.filter((w) => w.deref() !== undefined).length;
  assert.equal(alive, 0, `${alive} of ${held.length} (files, line indexes, scripts) still held before done()`);
  const kept = await queue.done();
  assert.equal(kept.cached, 24, 'every script (two per file) answered from the kept results');
  assert.equal(kept.processes, 0);
  assert.deepEqual(kept.findings, cold.findings, 'the same findings, in the same order');
});
