// The editor's ShellCheck (src/lsp/shellcheck.ts) is bounded as check's is: a shellcheck process that
// does not finish in time is stopped, says so once, and is not started again in the session.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ShellcheckCache } from '../../../src/lsp/shellcheck.js';
import { parseDockerfile } from '../../../src/parse/dockerfile/parse.js';

const dir = mkdtempSync(join(tmpdir(), 'slipway-lsp-sc-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a shellcheck that does not finish in time is stopped and not started again', async () => {
  const slow = join(dir, 'shellcheck');
  const log = join(dir, 'log');
  writeFileSync(slow, `#!/bin/sh\necho started >> ${JSON.stringify(log)}\nexec sleep 30\n`, { mode: 0o755 });
  const cache = new ShellcheckCache();
  const setup = { binary: slow, overrides: {}, timeoutMs: 300 };
  const df = parseDockerfile('FROM alpine:3\nRUN echo $a\n', 'Dockerfile');
  const started = Date.now();
  await cache.learn([df], setup);
  assert.ok(Date.now() - started < 10_000, `stopped after ~0.3 s, not 30 s (${Date.now() - started} ms)`);
  assert.match(cache.note ?? '', /shellcheck did not finish in 0\.\d+ s and was stopped/);
  assert.deepEqual(cache.findings([df], setup), []);
  await cache.learn([parseDockerfile('FROM alpine:3\nRUN echo $b\n', 'Dockerfile')], setup);
  assert.equal(readFileSync(log, 'utf8').split('\n').filter(Boolean).length, 1, 'not started again');
});
