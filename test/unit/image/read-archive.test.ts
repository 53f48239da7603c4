// The archive reader on docker-archive and OCI-layout tars built in memory: layer order from the
// manifest that comes last, whiteouts and opaque directories, deleted-but-shipped files, gzip layers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readArchive } from '../../../src/image/read-archive.js';
import { ImageFormatError } from '../../../src/image/scan-layer.js';
import { chunked, dockerArchive, ociArchive, type FixtureImage } from './fixture.js';

const IMAGE: FixtureImage = {
  user: '1000',
  env: ['PATH=/bin', 'MODE=prod'],
  labels: { team: 'a' },
  healthcheck: ['CMD', 'true'],
  steps: [
    { createdBy: 'COPY busybox /bin/busybox # buildkit', files: [{ path: 'bin', type: 'directory' }, { path: 'bin/busybox', size: 1000, mode: 0o755 }] },
    { createdBy: 'ENV MODE=prod', empty: true },
    {
      createdBy: 'COPY . /app # buildkit',
      files: [
        { path: 'app', type: 'directory' },
        { path: 'app/.npmrc', content: '//registry.npmjs.org/:_authToken=abc\n' },
        { path: 'app/cache/a', size: 10 },
        { path: 'app/cache/b', size: 20 },
        { path: 'app/main.js', size: 50 },
      ],
    },
    {
      createdBy: 'RUN /bin/sh -c rm -rf /app/.npmrc /app/cache && mkdir /app/cache # buildkit',
      files: [
        { path: 'app/.wh..npmrc', size: 0 },
        { path: 'app/cache', type: 'directory' },
        { path: 'app/cache/.wh..wh..opq', size: 0 },
        { path: 'app/cache/c', size: 5 },
        { path: 'app/main.js', size: 60 },
      ],
    },
    { createdBy: 'USER 1000', empty: true },
  ],
};

function check(image: Awaited<ReturnType<typeof readArchive>>) {
  assert.equal(image.layers.length, 3);
  assert.deepEqual(image.layers.map((l) => l.history?.createdBy.split(' ')[0]), ['COPY', 'COPY', 'RUN']);
  assert.deepEqual(image.layers.map((l) => l.size), [1000, 10 + 20 + 50 + 37, 5 + 60]);
  assert.match(image.layers[0]!.diffId, /^sha256:[0-9a-f]{64}$/);
  assert.equal(image.config.user, '1000');
  assert.deepEqual(image.config.healthcheck, ['CMD', 'true']);
  assert.deepEqual(image.config.env[1], { name: 'MODE', value: 'prod' });
  assert.deepEqual(image.config.labels, [{ name: 'team', value: 'a' }]);
  assert.deepEqual([...image.files.keys()].sort(), ['/app', '/app/cache', '/app/cache/c', '/app/main.js', '/bin', '/bin/busybox']);
  assert.equal(image.files.get('/app/main.js')!.layer, 2);
  assert.equal(image.files.get('/bin/busybox')!.mode & 0o777, 0o755);
  const hidden = image.hidden.map((h) => `${h.path} ${h.layer}->${h.hiddenBy} ${h.how}`).sort();
  assert.deepEqual(hidden, ['/app/.npmrc 1->2 whiteout', '/app/cache/a 1->2 opaque', '/app/cache/b 1->2 opaque', '/app/main.js 1->2 overwritten']);
  const npmrc = image.hidden.find((h) => h.path === '/app/.npmrc')!;
  assert.equal(npmrc.content?.toString(), '//registry.npmjs.org/:_authToken=abc\n', 'small credential files keep their content for the rules');
  assert.equal(image.files.get('/app/main.js')!.content, undefined, 'other files keep none');
}

test('docker archive (manifest.json last, small chunks): layers, config, final view and hidden files', async () => {
  check(await readArchive(chunked(await dockerArchive(IMAGE)), 'app:1'));
});

test('docker archive piped through gzip is read too', async () => {
  check(await readArchive(chunked(gzipSync(await dockerArchive(IMAGE))), 'app:1'));
});

test('OCI layout with gzip layers, blobs before index.json, an attestation in the index', async () => {
  check(await readArchive(chunked(await ociArchive(IMAGE), 65536), 'app:1'));
});

test('a layer written twice is linked once (docker save) and read for both places', async () => {
  const same = { createdBy: 'COPY a /a # buildkit', files: [{ path: 'a', size: 3 }] };
  const image = await readArchive(chunked(await dockerArchive({ steps: [same, { createdBy: 'RUN /bin/sh -c rm /a', files: [{ path: '.wh.a' }] }, same] })), 'app:1');
  assert.equal(image.layers.length, 3);
  assert.equal(image.files.get('/a')!.layer, 2);
  assert.deepEqual(image.hidden.map((h) => `${h.path} ${h.layer}->${h.hiddenBy}`), ['/a 0->1']);
});

test('not an image: a clear error, never a crash', async () => {
  await assert.rejects(readArchive(chunked(Buffer.from('hello world, not a tar'.repeat(40))), 'x'), ImageFormatError);
  const onlyLayer = await dockerArchive(IMAGE);
  await assert.rejects(readArchive(chunked(onlyLayer.subarray(0, 4096)), 'x'), ImageFormatError);
});

test('an empty input or a missing file: clear errors', async () => {
  await assert.rejects(readArchive(chunked(Buffer.alloc(0)), 'x'), /neither manifest\.json \(docker save\) nor index\.json/);
  const { readImageFile } = await import('../../../src/image/sources.js');
  await assert.rejects(readImageFile('/nonexistent/x.tar', 'x.tar'), /cannot read x\.tar: ENOENT/);
  await assert.rejects(readImageFile('/dev/null', 'empty.tar'), /neither manifest/);
});

test('hostile archives: ../ names stay inside the image, link loops and missing layers are errors', async () => {
  const image = await readArchive(chunked(await dockerArchive({ steps: [{ createdBy: 'COPY x / # buildkit', files: [{ path: '../../etc/cron.d/x', size: 1 }, { path: 'a/../../b', size: 1 }] }] })), 'app:1');
  assert.deepEqual([...image.files.keys()].sort(), ['/b', '/etc/cron.d/x']);
  // A manifest naming a layer that is only a link to itself.
  const tar = await import('tar-stream');
  const pack = tar.default.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack) chunks.push(c as Buffer);
  })();
  pack.entry({ name: 'l/layer.tar', type: 'symlink', linkname: '../l/layer.tar' });
  const manifest = JSON.stringify([{ Config: 'c.json', Layers: ['l/layer.tar'] }]);
  pack.entry({ name: 'c.json' }, '{"rootfs":{"diff_ids":["sha256:x"]}}');
  pack.entry({ name: 'manifest.json' }, manifest);
  pack.finalize();
  await done;
  await assert.rejects(readArchive(chunked(Buffer.concat(chunks)), 'app:1'), /lacks layer l\/layer\.tar/);
});
