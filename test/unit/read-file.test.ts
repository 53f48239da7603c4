// The one project-file reader: regular files only (FIFOs, devices and folders refused without being
// opened), symlinks that leave the project refused, a size cap, binary refused; and the lossless
// bytes ⇄ text mapping every fix relies on.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeBytes, encodeText } from '../../src/project/bytes.js';
import { readProjectFile, readStreamCapped } from '../../src/project/read-file.js';

function project(): { root: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'slipway-read-'));
  const root = join(base, 'project');
  const outside = join(base, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  return { root, outside };
}

const code = (r: ReturnType<typeof readProjectFile>) => (r.ok ? 'ok' : r.code);

test('read-file: special files are refused without blocking (FIFO, /dev/zero link, folder)', () => {
  const { root } = project();
  execFileSync('mkfifo', [join(root, '.env')]);
  symlinkSync('/dev/zero', join(root, 'Dockerfile'));
  mkdirSync(join(root, 'compose.yaml'));
  // Within the project check the FIFO is refused as a special file (it would block on open).
  assert.equal(code(readProjectFile(join(root, '.env'), { within: root })), 'not-a-file');
  assert.equal(code(readProjectFile(join(root, 'compose.yaml'), { within: root })), 'not-a-file');
  // /dev/zero is outside the project, and a device: either way not read.
  assert.equal(code(readProjectFile(join(root, 'Dockerfile'), { within: root })), 'outside');
  assert.equal(code(readProjectFile(join(root, 'Dockerfile'))), 'not-a-file');
  const r = readProjectFile(join(root, '.env'), { within: root });
  assert.ok(!r.ok && /FIFO/.test(r.message), JSON.stringify(r));
});

test('read-file: a symlink out of the project is not followed; one inside is', () => {
  const { root, outside } = project();
  writeFileSync(join(outside, 'id_rsa'), '-----BEGIN RSA PRIVATE KEY-----\nsecret\n');
  symlinkSync('../outside/id_rsa', join(root, '.env'));
  mkdirSync(join(outside, 'svc'));
  writeFileSync(join(outside, 'svc', 'Dockerfile'), 'FROM alpine:3\n');
  symlinkSync('../outside/svc', join(root, 'svc'));
  writeFileSync(join(root, 'real.env'), 'A=1\n');
  symlinkSync('real.env', join(root, '.env.local'));
  symlinkSync('/nonexistent/x', join(root, 'dangling'));
  const env = readProjectFile(join(root, '.env'), { within: root });
  assert.equal(code(env), 'outside');
  assert.ok(!env.ok && !env.message.includes('secret'));
  assert.equal(code(readProjectFile(join(root, 'svc', 'Dockerfile'), { within: root })), 'outside');
  const inside = readProjectFile(join(root, '.env.local'), { within: root });
  assert.ok(inside.ok && inside.text === 'A=1\n' && inside.stamp.realPath.endsWith('/project/real.env'));
  assert.equal(code(readProjectFile(join(root, 'dangling'), { within: root })), 'missing');
  assert.equal(code(readProjectFile(join(root, 'nothing'), { within: root })), 'missing');
});

test('read-file: size cap and binary', async () => {
  const { root } = project();
  writeFileSync(join(root, 'big'), Buffer.alloc(2000, 'a'));
  writeFileSync(join(root, 'bin'), Buffer.from('FROM x\n\0\0'));
  assert.equal(code(readProjectFile(join(root, 'big'), { maxBytes: 1000 })), 'too-large');
  assert.equal(code(readProjectFile(join(root, 'big'), { maxBytes: 2000 })), 'ok');
  assert.equal(code(readProjectFile(join(root, 'bin'))), 'binary');
  // Standard input: the same cap (it has no size to stat) and binary check.
  const big = Readable.from([Buffer.alloc(600, 'a'), Buffer.alloc(600, 'a')]);
  assert.equal(code(await readStreamCapped(big, 1000)), 'too-large');
  assert.equal(code(await readStreamCapped(Readable.from([Buffer.from('a\0')]))), 'binary');
  const ok = await readStreamCapped(Readable.from([Buffer.from('FROM a\n')]));
  assert.ok(ok.ok && ok.text === 'FROM a\n');
});

test('read-file: the bytes read are the file, at every size around the cap, whole or as a head', () => {
  const { root } = project();
  const path = join(root, 'f');
  for (const size of [0, 1, 2, 999, 1000, 1001, 4095, 4096, 4097, 70_000]) {
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i++) bytes[i] = 32 + ((i * 7) % 90);
    writeFileSync(path, bytes);
    for (const max of [1, 1000, 4096, 70_000, 100_000]) {
      const whole = readProjectFile(path, { maxBytes: max });
      if (size > max) assert.equal(code(whole), 'too-large', `${size}/${max}`);
      else assert.ok(whole.ok && whole.bytes.equals(bytes) && whole.stamp.size === size, `${size}/${max}`);
      const head = readProjectFile(path, { maxBytes: max, head: true });
      assert.ok(head.ok && head.bytes.equals(bytes.subarray(0, max)), `head ${size}/${max}`);
    }
  }
});

test('read-file: a file longer than its stat said (procfs: size 0) is read whole, or refused past the cap', { skip: process.platform !== 'linux' }, () => {
  const r = readProjectFile('/proc/self/status');
  assert.ok(r.ok && r.text.startsWith('Name:') && r.text.includes('\nPid:'), JSON.stringify(r));
  assert.equal(code(readProjectFile('/proc/self/status', { maxBytes: 10 })), 'too-large');
  const head = readProjectFile('/proc/self/status', { maxBytes: 10, head: true });
  assert.ok(head.ok && head.bytes.length === 10 && head.text.startsWith('Name:'));
});

test('bytes: any bytes survive decode → encode; valid UTF-8 decodes as usual', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
      assert.deepEqual(encodeText(decodeBytes(b)), Buffer.from(b));
    }),
    { seed: 7, numRuns: 5000 },
  );
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      assert.equal(decodeBytes(Buffer.from(s)), s);
    }),
    { seed: 7, numRuns: 2000 },
  );
  const latin1 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# caf\xe9\r\r\nx\xff\xfe', 'latin1')]);
  const text = decodeBytes(latin1);
  assert.equal(text.length, latin1.length - 2, 'one character per undecodable byte (the BOM is one): offsets stay put');
  assert.deepEqual(encodeText(text.replace('caf', 'CAF')), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# CAF\xe9\r\r\nx\xff\xfe', 'latin1')]));
});
