// Reads an image straight from a registry (Registry HTTP API v2): the manifest (an index picks this
// machine's platform), the config, then each layer blob streamed into the same layer scanner as
// `docker save` output. Nothing is written to disk and no blob is held in memory.

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

async function* buffers(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  for await (const chunk of source) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
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
    const scan = await scanLayer(buffers(await source.blob(layer.digest)), `${shownAs}: layer ${layer.digest}`);
    if (stats) stats.bytes += scan.bytesRead;
    scans.push(scan);
  }
  return assemble(shownAs, config, scans);
}
