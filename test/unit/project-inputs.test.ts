// The inputs a check depended on (src/project/inputs.ts): what a --cache key is made of. A change
// that can change a finding changes the digest; reading the same disk twice gives the same digest.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildProject } from '../../src/project/build.js';
import { kindOf } from '../../src/project/discover.js';
import { inputsDigest, projectInputs } from '../../src/project/inputs.js';
import { loadDiskFacts } from '../../src/project/load-disk.js';

const dir = mkdtempSync(join(tmpdir(), 'slipway-inputs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const FILES: Record<string, string> = {
  Dockerfile: 'FROM alpine:3.20\nADD rootfs /\nCOPY . /app\n',
  'compose.yaml': 'services:\n  app:\n    build: .\n    env_file: secrets.env\n',
  '.env': 'API_KEY=abc\n',
};
for (const [p, t] of Object.entries(FILES)) writeFileSync(join(dir, p), t);
writeFileSync(join(dir, 'rootfs'), 'plain text\n');
writeFileSync(join(dir, 'secrets.env'), 'TOKEN=x\n');
chmodSync(join(dir, '.env'), 0o644);
execFileSync('git', ['init', '-q', dir]);

/** The digest of all inputs, and one per kind (so a case proves its own kind moved, not only the listing). */
function digestNow(files = FILES): { digest: string; kinds: Set<string>; of: (kind: string) => string } {
  const project = loadDiskFacts(
    buildProject(dir, Object.entries(files).map(([path, text]) => ({ kind: kindOf(path)!, path, absPath: join(dir, path), text }))),
  );
  const inputs = projectInputs(project);
  return {
    digest: inputsDigest(inputs),
    kinds: new Set(inputs.map((i) => i.kind)),
    of: (kind) => inputsDigest(inputs.filter((i) => i.kind === kind)),
  };
}

describe('projectInputs', () => {
  const first = digestNow();

  it('lists the files, the disk facts and git status a check read', () => {
    for (const k of ['file', 'environment', 'path', 'mode', 'git', 'env-file', 'dockerignore', 'listing', 'add-source', 'python']) {
      assert.ok(first.kinds.has(k), `missing ${k}: ${[...first.kinds].join(', ')}`);
    }
  });

  it('the same disk gives the same digest', () => assert.equal(digestNow().digest, first.digest));

  it('a project text changes it', () => assert.notEqual(digestNow({ ...FILES, '.env': 'API_KEY=abcd\n' }).digest, first.digest));

  for (const [name, kind, change, undo] of [
    ['a file added to the build context', 'listing', () => writeFileSync(join(dir, 'new.txt'), 'x'), () => rmSync(join(dir, 'new.txt'))],
    ['an env file mode', 'mode', () => chmodSync(join(dir, '.env'), 0o600), () => chmodSync(join(dir, '.env'), 0o644)],
    ['git tracking the .env', 'git', () => execFileSync('git', ['-C', dir, 'add', '.env']), () => execFileSync('git', ['-C', dir, 'rm', '-q', '--cached', '.env'])],
    ['an env_file outside the discovered files', 'env-file', () => writeFileSync(join(dir, 'secrets.env'), 'TOKEN=y\n'), () => writeFileSync(join(dir, 'secrets.env'), 'TOKEN=x\n')],
    ['an ADD source turned into a tar archive', 'add-source', () => execFileSync('tar', ['-cf', join(dir, 'rootfs'), '-C', dir, 'Dockerfile']), () => writeFileSync(join(dir, 'rootfs'), 'plain text\n')],
    ['a .dockerignore appearing', 'dockerignore', () => writeFileSync(join(dir, '.dockerignore'), 'rootfs\n'), () => rmSync(join(dir, '.dockerignore'))],
    ['a requirements file', 'python', () => writeFileSync(join(dir, 'requirements.txt'), 'flask\n'), () => rmSync(join(dir, 'requirements.txt'))],
  ] as const) {
    it(`${name} changes it (${kind})`, () => {
      const before = digestNow();
      change();
      try {
        const now = digestNow();
        assert.notEqual(now.of(kind), before.of(kind));
        assert.notEqual(now.digest, before.digest);
      } finally {
        undo();
      }
      assert.equal(digestNow().of(kind), before.of(kind), 'back to the same digest once undone');
    });
  }

  it('a folder the check does not look at leaves it alone', () => {
    const before = digestNow();
    const sibling = mkdtempSync(join(tmpdir(), 'slipway-inputs-sibling-'));
    try {
      writeFileSync(join(sibling, 'x'), 'y');
      assert.equal(digestNow().digest, before.digest);
    } finally {
      rmSync(sibling, { recursive: true, force: true });
    }
  });
});
