// ADD unpacks by content: the magic-byte reader on real archives made by the system's tar and gzip.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { sourceKind as kindAt } from '../../../src/project/source-kind.js';

const dir = mkdtempSync(join(tmpdir(), 'slipway-magic-'));
const sourceKind = (abs: string) => kindAt(abs, dir);
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'a.txt'), 'hello\n');
mkdirSync(join(dir, 'folder'));

describe('sourceKind', () => {
  const tar = (name: string, ...flags: string[]) => {
    execFileSync('tar', ['-c', ...flags, '-f', join(dir, name), '-C', dir, 'a.txt']);
    return join(dir, name);
  };
  it('a POSIX tar without a tar name', () => assert.equal(sourceKind(tar('rootfs', '--format=posix')), 'archive'));
  it('a GNU tar', () => assert.equal(sourceKind(tar('gnu', '--format=gnu')), 'archive'));
  it('a v7 tar (no magic, checksum only)', () => assert.equal(sourceKind(tar('v7', '--format=v7')), 'archive'));
  it('a gzipped tar named .bin', () => assert.equal(sourceKind(tar('data.bin', '-z')), 'archive'));
  it('a gzipped single file is copied as is', () => {
    writeFileSync(join(dir, 'log.gz'), gzipSync(Buffer.alloc(2000, 'x')));
    assert.equal(sourceKind(join(dir, 'log.gz')), 'file');
  });
  it('bzip2 may hold a tar', () => {
    writeFileSync(join(dir, 'x.bz'), Buffer.from('BZh91AY&SY'));
    assert.equal(sourceKind(join(dir, 'x.bz')), 'maybe-archive');
  });
  it('a text file, an empty file, a folder', () => {
    writeFileSync(join(dir, 'empty'), '');
    assert.equal(sourceKind(join(dir, 'a.txt')), 'file');
    assert.equal(sourceKind(join(dir, 'empty')), 'file');
    assert.equal(sourceKind(join(dir, 'folder')), 'dir');
  });
  it('a symlink is not followed', () => {
    symlinkSync('/etc/passwd', join(dir, 'link'));
    assert.equal(sourceKind(join(dir, 'link')), 'maybe-archive');
  });
  it('absent', () => assert.equal(sourceKind(join(dir, 'nope')), null));
});
