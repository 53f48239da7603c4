// --fix never loses data (reproducers 01–05, 22, 24 of the hardening report, own fixtures): a full disk,
// a read-only file, a file edited meanwhile, a symlink out of the project, -o through a committed
// symlink; and bytes outside the edits (Latin-1, BOM, \r\r\n, a stray \r) survive byte for byte.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';
import { readProjectFile } from '../../src/project/read-file.js';
import { replaceFile } from '../../src/project/write-file.js';

async function run(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, env: {}, readStdin: async () => '' });
  return { code, stdout, stderr };
}

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'slipway-fixwrite-'));
}

const APT = 'FROM debian:12-slim\nRUN apt-get install curl\n';
const FIXED = 'FROM debian:12-slim\nRUN apt-get install -y --no-install-recommends curl\n';

describe('fix writes', () => {
  it('keeps the mode, and replaces the file atomically (a new inode, no temp file left)', async () => {
    const root = dir();
    writeFileSync(join(root, 'Dockerfile'), APT);
    chmodSync(join(root, 'Dockerfile'), 0o640);
    const before = statSync(join(root, 'Dockerfile'));
    await run(root, 'check', '.', '--fix');
    const after = statSync(join(root, 'Dockerfile'));
    assert.equal(readFileSync(join(root, 'Dockerfile'), 'utf8'), FIXED);
    assert.equal(after.mode & 0o7777, 0o640);
    assert.notEqual(after.ino, before.ino, 'renamed over, not rewritten in place');
    assert.deepEqual(execFileSync('ls', ['-A', root], { encoding: 'utf8' }).trim().split('\n'), ['Dockerfile']);
  });

  it('a file edited after it was read is skipped and reported, the edit kept', () => {
    const root = dir();
    const file = join(root, 'Dockerfile');
    writeFileSync(file, APT);
    const read = readProjectFile(file, { within: root });
    assert.ok(read.ok);
    writeFileSync(file, `${APT}# USER EDIT\n`);
    const w = replaceFile(file, Buffer.from(FIXED), { within: root, expect: read.stamp });
    assert.ok(!w.ok && /changed since it was read/.test(w.message));
    assert.match(readFileSync(file, 'utf8'), /USER EDIT/);
  });

  it('a symlinked Dockerfile or folder out of the project is neither read nor written', async () => {
    const base = dir();
    mkdirSync(join(base, 'project'));
    mkdirSync(join(base, 'outside', 'svc'), { recursive: true });
    writeFileSync(join(base, 'outside', 'Dockerfile.real'), APT);
    writeFileSync(join(base, 'outside', 'svc', 'Dockerfile'), APT);
    symlinkSync('../outside/Dockerfile.real', join(base, 'project', 'Dockerfile'));
    symlinkSync('../outside/svc', join(base, 'project', 'svc'));
    await run(base, 'check', 'project', '--fix');
    assert.equal(readFileSync(join(base, 'outside', 'Dockerfile.real'), 'utf8'), APT);
    assert.equal(readFileSync(join(base, 'outside', 'svc', 'Dockerfile'), 'utf8'), APT);
    // Written through a link that stays inside: the target is fixed, the link stays a link.
    const inner = dir();
    writeFileSync(join(inner, 'real.Dockerfile'), APT);
    symlinkSync('real.Dockerfile', join(inner, 'Dockerfile'));
    await run(inner, 'check', '.', '--fix');
    assert.equal(readFileSync(join(inner, 'real.Dockerfile'), 'utf8'), FIXED);
    assert.ok(statSync(join(inner, 'Dockerfile')).isFile());
  });

  it('-o through a committed symlink out of the project is refused (exit 2), the target untouched', async () => {
    const base = dir();
    mkdirSync(join(base, 'proj'));
    mkdirSync(join(base, 'outside'));
    writeFileSync(join(base, 'outside', 'keep.txt'), 'IMPORTANT\n');
    writeFileSync(join(base, 'proj', 'Dockerfile'), 'FROM alpine:3\n');
    symlinkSync('../outside/keep.txt', join(base, 'proj', 'slipway.sarif'));
    const r = await run(join(base, 'proj'), 'check', '--format', 'sarif', '--output', 'slipway.sarif');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--output slipway\.sarif: a symlink to a file outside the project/);
    assert.equal(readFileSync(join(base, 'outside', 'keep.txt'), 'utf8'), 'IMPORTANT\n');
    const ok = await run(join(base, 'proj'), 'check', '--format', 'sarif', '--output', 'report.sarif');
    assert.notEqual(ok.code, 2);
    assert.match(readFileSync(join(base, 'proj', 'report.sarif'), 'utf8'), /"version": "2.1.0"/);
  });

  it('bytes outside the edits survive: Latin-1, a BOM, \\r\\r\\n line ends, a stray \\r; a second --fix changes nothing', async () => {
    const root = dir();
    const cases: Record<string, [Buffer, Buffer]> = {
      latin1: [
        Buffer.from('FROM debian:12-slim\n# caf\xe9\nRUN printf "\xff\xfe" > /bom && apt-get install curl\n', 'latin1'),
        Buffer.from('FROM debian:12-slim\n# caf\xe9\nRUN printf "\xff\xfe" > /bom && apt-get install -y --no-install-recommends curl\n', 'latin1'),
      ],
      bom: [Buffer.from(`\ufeff${APT}`), Buffer.from(`\ufeff${FIXED}`)],
      crcrlf: [
        Buffer.from('FROM alpine:3\r\r\nMAINTAINER Jane Doe\r\r\nRUN echo ok\r\r\nCMD ["x"]\r\r\n'),
        Buffer.from('FROM alpine:3\r\r\nLABEL org.opencontainers.image.authors="Jane Doe"\r\r\nRUN echo ok\r\r\nCMD ["x"]\r\r\n'),
      ],
      stray: [
        Buffer.from('FROM alpine:3\n# a stray\r here\nRUN apk add --no-cache ca-certificates\nADD drone-scp /bin\n\nENTRYPOINT ["drone-scp"]\n'),
        Buffer.from('FROM alpine:3\n# a stray\r here\nRUN apk add --no-cache ca-certificates\nCOPY drone-scp /bin\n\nENTRYPOINT ["drone-scp"]\n'),
      ],
    };
    for (const [name, [input]] of Object.entries(cases)) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'Dockerfile'), input);
    }
    writeFileSync(join(root, 'stray', 'drone-scp'), '#!/bin/sh\n'); // ADD → COPY is fixed only for a source known not to be an archive
    await run(root, 'check', '.', '--fix');
    for (const [name, [, want]] of Object.entries(cases)) {
      assert.deepEqual(readFileSync(join(root, name, 'Dockerfile')), want, name);
    }
    await run(root, 'check', '.', '--fix');
    for (const [name, [, want]] of Object.entries(cases)) assert.deepEqual(readFileSync(join(root, name, 'Dockerfile')), want, `${name}, second pass`);
  });
});

describe('fix writes that fail (as root: a tmpfs; as nobody: permissions)', () => {
  const BIN = resolve('src/cli/bin.ts');
  const TSX = import.meta.resolve('tsx');

  it('a full disk: an error entry for that file, the file whole, the run goes on', (t) => {
    const root = dir();
    const mnt = join(root, 'mnt');
    mkdirSync(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt], { stdio: 'ignore' });
    } catch {
      return t.skip('needs root to mount a small tmpfs');
    }
    try {
      const big = ['FROM debian:12-slim', ...Array.from({ length: 800 }, (_, i) => `RUN apt-get install pkg${i}`), 'CMD ["x"]'].join('\n') + '\n';
      writeFileSync(join(mnt, 'Dockerfile'), big);
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${join(mnt, 'filler')}`, 'bs=4k'], { stdio: 'ignore' });
      } catch {
        // dd stops at ENOSPC: that is the point
      }
      mkdirSync(join(root, 'b'));
      writeFileSync(join(root, 'b', 'Dockerfile'), APT);
      const r = spawnSync(process.execPath, ['--import', TSX, BIN, 'check', 'mnt', 'b', '--fix', '--format', 'json'], { cwd: root, encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 26 }); // 800 RUNs: >1 MB of JSON
      assert.equal(r.status, 1, r.stderr);
      const errors = JSON.parse(r.stdout).errors;
      assert.deepEqual(errors.map((e: any) => `${e.file}: ${e.message}`), ['mnt/Dockerfile: --fix: no space left on device: not rewritten (the file is unchanged)']);
      assert.equal(readFileSync(join(mnt, 'Dockerfile'), 'utf8'), big);
      assert.equal(readFileSync(join(root, 'b', 'Dockerfile'), 'utf8'), FIXED);
    } finally {
      execFileSync('umount', [mnt]);
    }
  });

  it('as nobody: a read-only file and an unwritable folder are error entries; the writable one is fixed', (t) => {
    try {
      execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true'], { stdio: 'ignore' });
    } catch {
      return t.skip('needs setpriv and root');
    }
    const root = dir();
    chmodSync(root, 0o777);
    for (const d of ['a', 'b', 'c']) {
      mkdirSync(join(root, d));
      writeFileSync(join(root, d, 'Dockerfile'), APT);
    }
    chmodSync(join(root, 'a', 'Dockerfile'), 0o444); // root's folder, read-only file
    chownSync(join(root, 'b'), 65534, 65534);
    chownSync(join(root, 'b', 'Dockerfile'), 65534, 65534); // nobody's: fixable
    chownSync(join(root, 'c', 'Dockerfile'), 65534, 65534); // nobody's file in root's folder: no temp file possible
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'env', 'XDG_CACHE_HOME=/tmp', process.execPath, '--import', TSX, BIN, 'check', '.', '--fix', '--format', 'json'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 1, r.stderr);
    const errors = JSON.parse(r.stdout).errors.map((e: any) => `${e.file}: ${e.message}`);
    assert.deepEqual(errors, ['a/Dockerfile: --fix: read-only: not rewritten', 'c/Dockerfile: --fix: permission denied: not rewritten (the file is unchanged)']);
    assert.equal(readFileSync(join(root, 'a', 'Dockerfile'), 'utf8'), APT);
    assert.equal(readFileSync(join(root, 'b', 'Dockerfile'), 'utf8'), FIXED);
    assert.equal(readFileSync(join(root, 'c', 'Dockerfile'), 'utf8'), APT);
    assert.equal(statSync(join(root, 'b', 'Dockerfile')).uid, 65534);
  });
});
