// Reads an image straight from a registry (Registry HTTP API v2): the manifest (an index picks this
// machine's platform), the config, then each layer blob streamed into the same layer scanner as
// `docker save` output. Nothing is written to disk and no blob is held in memory.

import { createHash } from 'node:crypto';
import { assemble } from './config.js';
import type { ImageModel } from './model.js';
import { isIndex, isManifest, pickFromIndex, type Manifest } from './oci.js';
import { ImageFormatError, scanLayer, type LayerScan } from './scan-layer.js';

/** What the reader needs of a registry: JSON documents and streamed blobs of one repository. */
export interface BlobSource {
  /** The manifest (or index) a tag or digest names, parsed. */
  manifest(reference: string): Promise<unknown>;
  /** A blob parsed as JSON (the image config). */
  json(digest: string): Promise<unknown>;
  /** A blob's bytes as a stream. */
  blob(digest: string): Promise<AsyncIterable<Uint8Array>>;
}

/** The blob's chunks as Buffers, hashed on the way: a registry that sends other bytes than the digest names is caught. */
async function* verified(source: AsyncIterable<Uint8Array>, digest: string, what: string): AsyncGenerator<Buffer> {
  const [alg, hex] = digest.split(':');
  const hash = alg === 'sha256' || alg === 'sha512' ? createHash(alg) : null;
  for await (const chunk of source) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    hash?.update(b);
    yield b;
  }
  if (hash && hash.digest('hex') !== hex) throw new ImageFormatError(`${what}: the registry sent bytes that do not match the digest ${digest}`);
}

export async function readRegistryImage(source: BlobSource, reference: string, shownAs: string, stats?: { bytes: number }): Promise<ImageModel> {
  let doc = await source.manifest(reference);
  for (let depth = 0; isIndex(doc) && depth < 4; depth++) doc = await source.manifest(pickFromIndex(doc).digest);
  if (!isManifest(doc)) throw new ImageFormatError(`${shownAs}: the registry's manifest is not an image manifest (schema 1 manifests are not supported)`);
  const manifest: Manifest = doc;
  const config = await source.json(manifest.config.digest);
  const scans: LayerScan[] = [];
  // One layer at a time: memory stays that of one stream, whatever the image's size.
  for (const layer of manifest.layers) {
    const what = `${shownAs}: layer ${layer.digest}`;
    const scan = await scanLayer(verified(await source.blob(layer.digest), layer.digest, what), what);
    if (stats) stats.bytes += scan.bytesRead;
    scans.push(scan);
  }
  return assemble(shownAs, config, scans);
}
