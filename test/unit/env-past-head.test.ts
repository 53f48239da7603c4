// Env files (and credential configs) longer than the head slipway reads of them: the build-context
// heads are 64 KiB (HEAD_BYTES in disk-facts.ts), an image file's kept content too (CONTENT_LIMIT). A
// secret written after 64 KiB of comments must never make the file clean: the rules that judge such
// files by their head call it "not read whole" (a secret), as the key-file fix did for PEM heads. The
// project's own env files are read whole (up to 4 MiB), so env-tracked-by-git and env-file-permissions
// see the secret itself.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { main } from '../../src/cli/main.js';
import { HEAD_BYTES } from '../../src/project/disk-facts.js';
import { CONTENT_LIMIT } from '../../src/image/model.js';
import { activeRules } from '../../src/engine/effective-rules.js';
import { checkImage } from '../../src/engine/check-image.js';
import { readArchive } from '../../src/image/read-archive.js';
import { imageAuditRules } from '../../src/rules/image/index.js';
import { chunked, dockerArchive } from './image/fixture.js';

/** 64 KiB and more of comments, then a secret. */
const PADDING = '# nothing secret on this line, only padding to push what follows past the head\n'.repeat(Math.ceil(HEAD_BYTES / 80) + 10);
const LATE_SECRET = `${PADDING}DB_PASSWORD=Xk93mQ2vLate\n`;
const DOCKERFILE = 'FROM debian:12-slim\nCOPY .env /app/.env\nCOPY . /app\nUSER 1000\nHEALTHCHECK CMD ["true"]\nCMD ["true"]\n';

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function project(files: Record<string, string>, git: boolean): string {
  const root = mkdtempSync(join(tmpdir(), 'slipway-env-head-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
  if (git) {
    const run = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: root, stdio: 'ignore' });
    run('init', '-q', '.');
    run('add', '-A');
    run('commit', '-qm', 'x');
  }
  return root;
}

async function check(root: string): Promise<{ code: number; findings: { rule: string; message: string; file: string }[] }> {
  let stdout = '';
  const code = await main(['check', '--format', 'json', '.'], { cwd: root, stdout: (t) => (stdout += t), stderr: () => {}, isTTY: false, env: {}, readStdin: async () => '' });
  return { code, findings: JSON.parse(stdout).findings };
}
const byRule = (fs: { rule: string; message: string }[], rule: string) => fs.filter((f) => f.rule === rule).map((f) => f.message);

describe('an env file whose secret comes after the 64 KiB head', () => {
  test('sent and copied: context-secret-files and copy-secret-files say "not read whole", never clean', async () => {
    const root = project({ Dockerfile: DOCKERFILE, '.dockerignore': '.git\n', '.env': LATE_SECRET }, false);
    chmodSync(join(root, '.env'), 0o600);
    const { code, findings } = await check(root);
    assert.equal(code, 1);
    assert.deepEqual(byRule(findings, 'copy-secret-files').map((m) => m.split(' into a layer')[0]), ['COPY .env puts an environment file not read whole']);
    const sent = byRule(findings, 'context-secret-files');
    assert.equal(sent.length, 1, JSON.stringify(findings));
    assert.match(sent[0]!, /^\.env \(an environment file not read whole\) is sent to the builder/);
    for (const f of findings) assert.ok(!f.message.includes('Xk93mQ2vLate'), 'never prints the value');
  });

  test('tracked by git and readable by others: the env rules read the project file whole and name the secret', async () => {
    const tracked = project({ Dockerfile: DOCKERFILE, '.dockerignore': '.git\n.env\n', '.env': LATE_SECRET }, true);
    assert.deepEqual(byRule((await check(tracked)).findings, 'env-tracked-by-git').map((m) => m.split(':')[0]), ['.env is tracked by git with a secret in DB_PASSWORD']);
    const loose = project({ Dockerfile: DOCKERFILE, '.dockerignore': '.git\n.env\n', '.env': LATE_SECRET }, false);
    chmodSync(join(loose, '.env'), 0o644);
    assert.deepEqual(byRule((await check(loose)).findings, 'env-file-permissions').map((m) => m.split(';')[0]), ['.env has mode 644: its group and all users can read its secrets (DB_PASSWORD)']);
  });

  test('below the head nothing changes: settings only, or an empty .env, are clean; a secret is named', async () => {
    for (const text of ['PORT=8080\nIMAGE=app\n', '']) {
      const root = project({ Dockerfile: DOCKERFILE, '.dockerignore': '.git\n', '.env': text }, false);
      chmodSync(join(root, '.env'), 0o600);
      const { findings } = await check(root);
      assert.deepEqual([...byRule(findings, 'copy-secret-files'), ...byRule(findings, 'context-secret-files')], [], JSON.stringify(text));
    }
    const root = project({ Dockerfile: DOCKERFILE, '.dockerignore': '.git\n', '.env': 'DB_PASSWORD=Xk93mQ2vEarly\n' }, false);
    chmodSync(join(root, '.env'), 0o600);
    assert.match(byRule((await check(root)).findings, 'copy-secret-files')[0]!, /an environment file with DB_PASSWORD/);
  });

  test('an .npmrc whose token comes after the head is not clean either', async () => {
    const root = project({ Dockerfile: 'FROM node:20-slim\nCOPY .npmrc package.json ./\nUSER 1000\nHEALTHCHECK CMD ["true"]\nCMD ["true"]\n', '.dockerignore': '.git\n', '.npmrc': `${PADDING}//registry.npmjs.org/:_authToken=npm_LateToken0123\n`, 'package.json': '{}' }, false);
    const { findings } = await check(root);
    assert.deepEqual(byRule(findings, 'copy-secret-files').map((m) => m.split(' into a layer')[0]), ['COPY .npmrc puts a .npmrc not read whole']);
  });
});

describe('image-credential-file: a file in a layer longer than the content kept of it', () => {
  const audit = async (files: { path: string; content: string }[]) => {
    const model = await readArchive(chunked(await dockerArchive({ user: '1000', healthcheck: ['CMD', 'true'], steps: [{ createdBy: 'COPY . /app # buildkit', files }] })), 'app:1');
    return checkImage(model, { rules: activeRules(imageAuditRules, {}), settings: { trustedRegistries: [], labelSchema: {}, strictLabels: false }, dockerfile: null })
      .filter((f) => f.rule === 'image-credential-file')
      .map((f) => `${f.image?.path}: ${f.message.split(',')[0]}`);
  };
  test('a .env and an .npmrc with their secret after CONTENT_LIMIT are reported as not read whole', async () => {
    assert.ok(PADDING.length > CONTENT_LIMIT);
    assert.deepEqual(await audit([{ path: 'app/.env', content: LATE_SECRET }, { path: 'root/.npmrc', content: `${PADDING}//npm.example/:_authToken=xyz0123\n` }]), [
      '/app/.env: /app/.env is an environment file not read whole',
      '/root/.npmrc: /root/.npmrc is an .npmrc not read whole',
    ]);
  });
  test('the same padding without a secret, but short enough to be read whole, is clean', async () => {
    assert.deepEqual(await audit([{ path: 'app/.env', content: PADDING.slice(0, 1000) }, { path: 'root/.npmrc', content: 'registry=https://r.example/\n' }]), []);
  });
});
