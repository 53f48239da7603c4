// Reads a saved image (`docker save` output or a file) as one tar stream: the docker-archive format
// (manifest.json, <id>/layer.tar, <config>.json) and the OCI layout (index.json, blobs/sha256/…).
// `docker save` writes manifest.json last, so every layer is scanned as it streams past and the
// manifest then says which scans make the image, in which order. Nothing is written to disk.

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { assemble } from './config.js';
import type { ImageModel } from './model.js';
import { blobPath, isIndex, isManifest, pickFromIndex, type Manifest } from './oci.js';
import { compressionOf, ImageFormatError, scanLayer, type LayerScan } from './scan-layer.js';
import { tarPath } from './tar-path.js';

/** Manifests and configs are small; a larger JSON-looking blob is a layer or an attack. */
const JSON_LIMIT = 16 * 1024 * 1024;

interface ArchiveParts {
  json: Map<string, unknown>;
  scans: Map<string, LayerScan>;
  /** Layer paths that are links to another entry (docker save links layers it already wrote). */
  links: Map<string, string>;
}

export interface ReadStats {
  /** Bytes of the archive read. */
  bytes: number;
}

const name = (entryName: string) => tarPath(entryName).slice(1);

async function* prepend(first: Buffer, it: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (first.length) yield first;
  for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
}

async function collect(it: AsyncIterator<Buffer>, first: Buffer, limit: number, what: string): Promise<Buffer> {
  const parts = [first];
  let size = first.length;
  for (let n = await it.next(); !n.done; n = await it.next()) {
    size += n.value.length;
    if (size > limit) throw new ImageFormatError(`${what} is larger than ${limit >> 20} MiB`);
    parts.push(n.value);
  }
  return Buffer.concat(parts);
}

async function readParts(source: AsyncIterable<Buffer>, what: string, stats: ReadStats): Promise<ArchiveParts> {
  const parts: ArchiveParts = { json: new Map(), scans: new Map(), links: new Map() };
  const sourceIt = source[Symbol.asyncIterator]();
  const first = await sourceIt.next();
  const head = first.done ? Buffer.alloc(0) : first.value;
  const counted = async function* () {
    for await (const chunk of prepend(head, sourceIt)) {
      stats.bytes += chunk.length;
      yield chunk;
    }
  };
  const extract = tar.extract();
  const input = Readable.from(counted(), { objectMode: false, highWaterMark: 1 });
  // `docker save | gzip > app.tar.gz` is read as well.
  const feeding = compressionOf(head) === 'gzip' ? pipeline(input, createGunzip(), extract) : pipeline(input, extract);
  const reading = (async () => {
    for await (const entry of extract) {
      const h = entry.header;
      const path = name(h.name);
      const it = (entry as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
      if ((h.type === 'symlink' || h.type === 'link') && h.linkname) {
        parts.links.set(path, h.type === 'symlink' ? name(`${path.slice(0, path.lastIndexOf('/') + 1)}${h.linkname}`) : name(h.linkname));
      }
      if (h.type !== 'file' || !h.size) {
        for (let n = await it.next(); !n.done; n = await it.next());
        continue;
      }
      const firstChunk = await it.next();
      const start = firstChunk.done ? Buffer.alloc(0) : firstChunk.value;
      const looksJson = h.size <= JSON_LIMIT && (start[0] === 0x7b || start[0] === 0x5b); // { or [
      if (looksJson) {
        const body = await collect(it, start, JSON_LIMIT, `${what}: ${path}`);
        try {
          parts.json.set(path, JSON.parse(body.toString('utf8')));
        } catch {
          if (!/\.json$/.test(path)) parts.scans.set(path, await scanLayer((async function* () {
            yield body;
          })(), `${what}: ${path}`));
        }
      } else if (/(^|\/)(layer\.tar|[^/]+\.tar(\.gz)?)$/.test(path) || path.startsWith('blobs/')) {
        parts.scans.set(path, await scanLayer({ [Symbol.asyncIterator]: () => prepend(start, it) }, `${what}: ${path}`));
      } else {
        for (let n = await it.next(); !n.done; n = await it.next());
      }
    }
  })();
  try {
    await Promise.all([feeding, reading]);
  } catch (e) {
    extract.destroy();
    if (e instanceof ImageFormatError) throw e;
    throw new ImageFormatError(`${what}: not a readable image archive (${(e as Error).message})`);
  }
  return parts;
}

interface DockerManifestEntry {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

/** The image from a saved archive's stream. `ref` picks one image when the archive holds several. */
export async function readArchive(source: AsyncIterable<Buffer>, ref: string, stats: ReadStats = { bytes: 0 }): Promise<ImageModel> {
  const parts = await readParts(source, ref, stats);
  const resolve = (path: string): string => {
    for (let i = 0, p = path; i < 16; i++) {
      const next = parts.links.get(p);
      if (next === undefined) return p;
      p = next;
    }
    return path;
  };
  const scan = (path: string): LayerScan => {
    const s = parts.scans.get(resolve(name(path)));
    if (!s) throw new ImageFormatError(`${ref}: the archive lacks layer ${path}`);
    return s;
  };
  const json = (path: string): unknown => {
    const doc = parts.json.get(resolve(name(path)));
    if (doc === undefined) throw new ImageFormatError(`${ref}: the archive lacks ${path}`);
    return doc;
  };

  const dockerManifest = parts.json.get('manifest.json');
  if (Array.isArray(dockerManifest) && dockerManifest.length) {
    const entries = dockerManifest as DockerManifestEntry[];
    const entry = entries.find((e) => e.RepoTags?.some((t) => t === ref || t === `${ref}:latest`)) ?? entries[0]!;
    return assemble(ref, json(entry.Config), entry.Layers.map(scan));
  }
  let doc = parts.json.get('index.json');
  if (doc === undefined) throw new ImageFormatError(`${ref}: neither manifest.json (docker save) nor index.json (OCI layout) in the archive`);
  for (let depth = 0; isIndex(doc) && depth < 4; depth++) doc = json(blobPath(pickFromIndex(doc, ref).digest));
  if (!isManifest(doc)) throw new ImageFormatError(`${ref}: the OCI index leads to no image manifest`);
  const manifest: Manifest = doc;
  return assemble(ref, json(blobPath(manifest.config.digest)), manifest.layers.map((l) => scan(blobPath(l.digest))));
}
