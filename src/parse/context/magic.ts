// What ADD does with a local file depends on its content, not its name: BuildKit unpacks a tar
// archive, plain or compressed (gzip, bzip2, xz, zstd), and copies anything else as it is.
// kindOfBytes tells which from a file's first bytes (read once, for the disk facts: src/project/source-kind.ts).

import { createRequire } from 'node:module';

// zlib is loaded for a gzip head only: loading it cost ~0.8 ms of every check, and most projects ADD no archive.
const zlib = () => createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib');

/** `archive`: ADD unpacks it; `maybe-archive`: compressed, content unknown; `file`/`dir`: ADD copies it. */
export type SourceKind = 'archive' | 'maybe-archive' | 'file' | 'dir';

export function kindOfBytes(head: Buffer): SourceKind {
  if (isTar(head)) return 'archive';
  if (head[0] === 0x1f && head[1] === 0x8b) {
    // gzip: decompress the head to see whether a tar is inside (a gzipped single file is copied as is).
    const { gunzipSync, constants } = zlib(); // outside the try: a failure to load it is not "odd bytes"
    try {
      const inner = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
      if (inner.length >= 512) return isTar(inner) ? 'archive' : 'file';
    } catch {
      // truncated or odd: unknown
    }
    return 'maybe-archive';
  }
  const bzip2 = head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68;
  const xz = head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]));
  const zstd = head.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]));
  return bzip2 || xz || zstd ? 'maybe-archive' : 'file';
}

/** A tar header: `ustar` magic (POSIX, GNU), or an old v7 header whose checksum adds up. */
function isTar(b: Buffer): boolean {
  if (b.length < 512) return false;
  if (b.subarray(257, 262).toString('latin1') === 'ustar') return true;
  const stored = parseInt(b.subarray(148, 156).toString('latin1').replace(/\0.*$/s, '').trim(), 8);
  if (!Number.isFinite(stored)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : b[i]!;
  return sum === stored && b[0] !== 0;
}
