// Reads a `check --cache` entry (layout in entry-writer.ts) without holding the report: reading a
// 1,924-file hit whole and JSON.parse-ing it peaked at 110 MB (json) / 146 MB (sarif).
//
// First the HMAC is checked over the whole file, read in pieces, keeping a SHA-256 of each piece of
// standard output. Printing then reads each piece again and gives it out only when its digest is the
// verified one: no byte is printed before it is verified, nor one that changed since. An entry of one
// piece (one project's report) is read once and printed from memory, as before.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { MAC_BYTES, MAGIC, MAX_ENTRY_BYTES, MAX_META_BYTES, type EntryMeta } from './store.js';

/** Standard output is verified, kept and printed in pieces of this size. */
export const PIECE_BYTES = 256 * 1024;
const HEAD = MAGIC.length + MAC_BYTES;

/** A verified entry: its fields, and its standard output in pieces (an error if the file changed since). */
export interface VerifiedEntry extends EntryMeta {
  /** Each piece is valid until the next one is asked for (one buffer is reused: garbage of 256 kB buffers was the memory). */
  stdout(): Generator<Buffer>;
  /** Lets the file go (done by stdout() once it ended; for an entry that is not printed). */
  close(): void;
}

/** The entry in `file` when it is whole and ours (its HMAC checks) and well-formed; else null. */
export function openEntry(file: string, key: Buffer): VerifiedEntry | null {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  let entry: VerifiedEntry | null = null;
  try {
    entry = verify(fd, key);
    return entry;
  } catch {
    return null;
  } finally {
    if (!entry) closeSync(fd);
  }
}

function verify(fd: number, key: Buffer): VerifiedEntry | null {
  const st = fstatSync(fd);
  if (!st.isFile() || st.size > MAX_ENTRY_BYTES || st.size < HEAD + 4) return null;
  const size = st.size;
  const head = readAt(fd, 0, HEAD);
  if (!head.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const metaLength = readAt(fd, size - 4, 4).readUInt32BE(0);
  const metaStart = size - 4 - metaLength;
  if (metaLength > MAX_META_BYTES || metaStart < HEAD) return null;

  const hmac = createHmac('sha256', key).update(MAGIC);
  const pieces: { at: number; length: number; digest: Buffer | null }[] = [];
  const small = metaStart - HEAD <= PIECE_BYTES;
  const buffer = Buffer.allocUnsafe(small ? metaStart - HEAD : PIECE_BYTES);
  for (let at = HEAD; at < metaStart; at += PIECE_BYTES) {
    const piece = readAt(fd, at, Math.min(PIECE_BYTES, metaStart - at), buffer);
    hmac.update(piece);
    pieces.push({ at, length: piece.length, digest: small ? null : createHash('sha256').update(piece).digest() });
  }
  const only = small ? buffer : null; // the one piece of a small entry, kept
  const rest = readAt(fd, metaStart, metaLength + 4);
  hmac.update(rest);
  if (!timingSafeEqual(head.subarray(MAGIC.length), hmac.digest())) return null;
  const meta = parseMeta(rest.subarray(0, metaLength));
  if (!meta) return null;

  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  if (only || !pieces.length) close(); // nothing left to read
  return {
    ...meta,
    close,
    *stdout() {
      try {
        if (only) {
          yield only;
          return;
        }
        for (const p of pieces) {
          const piece = readAt(fd, p.at, p.length, buffer);
          if (!createHash('sha256').update(piece).digest().equals(p.digest!)) throw new Error('the --cache entry changed while it was printed');
          yield piece;
        }
      } finally {
        close();
      }
    },
  };
}

/** Exactly `length` bytes at `at`, in `into` when given (a file cut short while read throws: a miss). */
function readAt(fd: number, at: number, length: number, into?: Buffer): Buffer {
  const buf = into ? into.subarray(0, length) : Buffer.allocUnsafe(length);
  for (let n = 0; n < length; ) {
    const got = readSync(fd, buf, n, length - n, at + n);
    if (got === 0) throw new Error('short read');
    n += got;
  }
  return buf;
}

function parseMeta(bytes: Buffer): EntryMeta | null {
  let v: unknown;
  try {
    v = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  const e = v as EntryMeta;
  const ok =
    typeof e === 'object' &&
    e !== null &&
    typeof e.slot === 'string' &&
    typeof e.stamp === 'string' &&
    Array.isArray(e.paths) &&
    e.paths.every((p) => typeof p === 'string') &&
    (e.exitCode === 0 || e.exitCode === 1) &&
    typeof e.stderr === 'string';
  return ok ? { slot: e.slot, stamp: e.stamp, paths: e.paths, exitCode: e.exitCode, stderr: e.stderr } : null;
}
