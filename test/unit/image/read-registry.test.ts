// The registry reader over an in-memory registry: index → this platform's manifest → config and
// streamed gzip layers; the same model as from the saved archive.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readArchive } from '../../../src/image/read-archive.js';
import { readRegistryImage, type BlobSource } from '../../../src/image/read-registry.js';
import { chunked, dockerArchive, ociBlobs, type FixtureImage } from './fixture.js';

const IMAGE: FixtureImage = {
  user: '',
  steps: [
    { createdBy: 'COPY key /root/.ssh/id_rsa # buildkit', files: [{ path: 'root/.ssh/id_rsa', content: 'KEY' }] },
    { createdBy: 'RUN /bin/sh -c rm /root/.ssh/id_rsa # buildkit', files: [{ path: 'root/.ssh/.wh.id_rsa' }, { path: 'app/big', size: 300_000 }] },
  ],
};

test('registry reader: same layers, files and hidden files as the saved archive; one blob streamed at a time', async () => {
  const { index, blobs } = await ociBlobs(IMAGE);
  // A blob is opened only once every byte of the previous one has been handed out. (Counting
  // generators still "open" raced with zlib's thread pool: the last `done` may come after the next open.)
  let unfinished = 0;
  let openedEarly = 0;
  const source: BlobSource = {
    manifest: async (ref) => JSON.parse((ref === 'v1' ? index : blobs.get(ref)!).toString()),
    json: async (digest) => JSON.parse(blobs.get(digest)!.toString()),
    blob: async (digest) => {
      const body = blobs.get(digest)!;
      if (unfinished > 0) openedEarly++;
      if (body.length > 0) unfinished++;
      return (async function* () {
        let sent = 0;
        for await (const chunk of chunked(body, 1000)) {
          sent += chunk.length;
          if (sent === body.length) unfinished--;
          yield chunk;
        }
      })();
    },
  };
  const fromRegistry = await readRegistryImage(source, 'v1', 'registry/app:v1');
  const fromArchive = await readArchive(chunked(await dockerArchive(IMAGE)), 'app:1');
  const view = (m: typeof fromArchive) => ({
    layers: m.layers.map((l) => [l.diffId, l.size, l.history?.createdBy]),
    files: [...m.files.keys()].sort(),
    hidden: m.hidden.map((h) => `${h.path} ${h.layer}->${h.hiddenBy}`),
  });
  assert.deepEqual(view(fromRegistry), view(fromArchive));
  assert.equal(openedEarly, 0);
});

test('registry reader: a schema-1 or unknown manifest is a clear error', async () => {
  const source: BlobSource = { manifest: async () => ({ schemaVersion: 1, fsLayers: [] }), json: async () => ({}), blob: async () => chunked(Buffer.alloc(0)) };
  await assert.rejects(readRegistryImage(source, 'v1', 'r/app:v1'), /not an image manifest/);
});

test('registry reader: a blob that does not match its digest is refused', async () => {
  const { index, blobs } = await ociBlobs(IMAGE);
  const manifest = JSON.parse([...blobs.values()].find((b) => b.toString().includes('"layers":[{'))!.toString());
  const swapped = new Map(blobs);
  // Serve the second layer's bytes for the first layer's digest.
  swapped.set(manifest.layers[0].digest, blobs.get(manifest.layers[1].digest)!);
  const source: BlobSource = {
    manifest: async (ref) => JSON.parse((ref === 'v1' ? index : swapped.get(ref)!).toString()),
    json: async (digest) => JSON.parse(swapped.get(digest)!.toString()),
    blob: async (digest) => chunked(swapped.get(digest)!, 1000),
  };
  await assert.rejects(readRegistryImage(source, 'v1', 'r/app:v1'), /do not match the digest sha256:/);
});
