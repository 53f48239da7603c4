// Reads one layer as a tar stream (gzip-compressed or not), never writing it to disk: records each
// entry's path, type, size and mode, the whiteouts, and the first bytes of the few files rules read.
// Memory is the entry list plus one chunk in flight, whatever the layer's size.

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { CONTENT_LIMIT, contentWanted, type EntryType, type LayerFile } from './model.js';
import { baseOf, dirOf, tarPath } from './tar-path.js';

export interface LayerScan {
  files: LayerFile[];
  whiteouts: string[];
  opaqueDirs: string[];
  /** Sum of regular file sizes. */
  size: number;
  /** Bytes read from the source (compressed bytes for a gzip layer). */
  bytesRead: number;
}

export class ImageFormatError extends Error {
  override name = 'ImageFormatError';
}

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

const TYPES: Record<string, EntryType> = { file: 'file', 'contiguous-file': 'file', directory: 'dir', symlink: 'symlink', link: 'link' };

/** The compression of a blob, from its first bytes. */
export function compressionOf(head: Buffer): 'gzip' | 'zstd' | 'none' {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

/** Yields `first` then the rest of `it`: a peeked stream put back together. */
async function* prepend(first: Buffer, it: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (first.length) yield first;
  for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
}

/** Scans a layer from its raw bytes. `what` names it in errors. */
export async function scanLayer(source: AsyncIterable<Buffer>, what: string): Promise<LayerScan> {
  const scan: LayerScan = { files: [], whiteouts: [], opaqueDirs: [], size: 0, bytesRead: 0 };
  const it = source[Symbol.asyncIterator]();
  // Gather a few bytes to tell gzip from tar.
  let head = Buffer.alloc(0);
  while (head.length < 4) {
    const n = await it.next();
    if (n.done) break;
    head = Buffer.concat([head, n.value]);
  }
  const compression = compressionOf(head);
  if (compression === 'zstd') throw new ImageFormatError(`${what}: zstd-compressed layers are not supported (Node.js has no zstd); push with gzip compression`);
  const counted = async function* () {
    for await (const chunk of prepend(head, it)) {
      scan.bytesRead += chunk.length;
      yield chunk;
    }
  };
  const extract = tar.extract();
  const input = Readable.from(counted(), { objectMode: false, highWaterMark: 1 });
  const feeding = compression === 'gzip' ? pipeline(input, createGunzip({ chunkSize: 128 * 1024 }), extract) : pipeline(input, extract);
  // The event API, not async iteration: a layer of 20,000 small files spends its time per entry.
  extract.on('entry', (h, entry, next) => {
    const path = tarPath(h.name);
    const base = baseOf(path);
    const want = h.type === 'file' && contentWanted(path) ? ([] as Buffer[]) : null;
    let kept = 0;
    if (want) {
      entry.on('data', (data) => {
        const chunk = data as Buffer;
        if (kept >= CONTENT_LIMIT) return;
        want.push(chunk.subarray(0, CONTENT_LIMIT - kept));
        kept += Math.min(chunk.length, CONTENT_LIMIT - kept);
      });
    }
    entry.on('end', () => {
      if (base === OPAQUE) scan.opaqueDirs.push(dirOf(path));
      else if (base.startsWith(WHITEOUT)) scan.whiteouts.push(`${dirOf(path) === '/' ? '' : dirOf(path)}/${base.slice(WHITEOUT.length)}`);
      else if (path !== '/') {
        const type = TYPES[h.type ?? 'file'] ?? 'other';
        const size = type === 'file' ? (h.size ?? 0) : 0;
        scan.size += size;
        scan.files.push({ path, type, size, mode: h.mode ?? 0, layer: -1, ...(want ? { content: Buffer.concat(want) } : {}) });
      }
      next();
    });
    entry.resume();
  });
  try {
    await feeding;
  } catch (e) {
    extract.destroy();
    if (e instanceof ImageFormatError) throw e;
    throw new ImageFormatError(`${what}: not a readable layer (${(e as Error).message})`);
  }
  return scan;
}
