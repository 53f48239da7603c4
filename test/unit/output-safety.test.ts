// Output is safe (reproducers 09, 10 and 15 of the hardening report, own fixtures): no secret value in
// any format or --fix-dry-run diff (Dockerfile ENV, compose environment, multi-line .env values),
// --fix-dry-run with a machine format prints a valid document, file names reach the terminal escaped.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';

async function run(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, env: {}, readStdin: async () => '' });
  return { code, stdout, stderr };
}

const TOKEN = 'ghp_Zq7Wm2Lx9Rt4Kv8Nc3Jp6Hs1Df5Gb0Ya2Ue4i';
const KEY_LINE = 'MIIEpAIBAAKCAQEAx9Rt4Kv8Nc3Jp6Hs1Df5Gb0Ya2Ue4iZq7Wm2Lx9Rt4Kv8Nc3Jp';
const SECRET_WORD = 'hunter2-correct-horse-battery';

function secretProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-out-'));
  writeFileSync(join(dir, '.env'), `GITHUB_TOKEN=\n${TOKEN}\nKEY ="-----BEGIN RSA PRIVATE KEY-----\n${KEY_LINE}\nabc==\n-----END RSA PRIVATE KEY-----"\n`);
  writeFileSync(join(dir, 'Dockerfile'), `FROM python:3.12\nENV DB_PASSWORD ${SECRET_WORD}\nENV GITHUB_TOKEN ${TOKEN}\nRUN apt-get install curl\n`);
  writeFileSync(join(dir, 'docker-compose.yml'), `version: "3"\nservices:\n  app:\n    image: x:1\n    restart: always\n    environment:\n      PASSWORD: ${SECRET_WORD}\n      TOKEN: ${TOKEN}\n`);
  return dir;
}

describe('output safety', () => {
  it('no secret value in any format, nor in the --fix-dry-run diff', async () => {
    const dir = secretProject();
    for (const format of ['text', 'json', 'sarif', 'checkstyle', 'gitlab', 'github']) {
      for (const extra of [[], ['--fix-dry-run']]) {
        const r = await run(dir, 'check', '.', '--format', format, ...extra);
        const out = r.stdout + r.stderr;
        for (const secret of [TOKEN, KEY_LINE, SECRET_WORD, 'abc==']) assert.ok(!out.includes(secret), `${format} ${extra.join(' ')}: printed ${secret}`);
        if (extra.length && format === 'text') assert.match(out, /^\+ENV GITHUB_TOKEN=\*\*\*\*$/m, 'the diff is there, masked');
      }
    }
  });

  it('--fix-dry-run with json, sarif, checkstyle, gitlab: stdout is a valid document, the diff on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-out-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM debian:12-slim\nRUN apt-get install curl\n');
    for (const format of ['json', 'sarif', 'gitlab']) {
      const r = await run(dir, 'check', '.', '--fix-dry-run', '--format', format);
      assert.doesNotThrow(() => JSON.parse(r.stdout), format);
      assert.match(r.stderr, /^\+RUN apt-get install -y --no-install-recommends curl$/m);
    }
    const xml = await run(dir, 'check', '.', '--fix-dry-run', '--format', 'checkstyle');
    assert.match(xml.stdout, /^<\?xml[^]*<\/checkstyle>\s*$/);
  });

  it('slipway context escapes control characters and newlines in file names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-out-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3\n');
    writeFileSync(join(dir, 'evil\u001b]0;TITLE\u0007\u001b[2K\rBuild context . 0 files'), '');
    writeFileSync(join(dir, 'x\nBuild context ., no secrets'), '');
    const r = await run(dir, 'context', '.');
    assert.doesNotMatch(r.stdout, /[\u0000-\u0008\u000b-\u001f\u007f]/);
    assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('Build context')).length, 1, r.stdout);
    assert.match(r.stdout, /evil\\x1b\]0;TITLE\\x07\\x1b\[2K\\rBuild context/);
  });
});
