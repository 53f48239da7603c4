// Cache entries of `slipway check --cache`: one file per invocation (cwd, arguments, version), holding
// the stamp of the inputs it was computed from and what the run printed. ShellCheck's results (one pack per
// checked folder, shellcheck-results.ts) are signed files of the same kind, with a magic of their own.
//
// A cache folder may sit inside the checked project (node_modules/.cache/slipway), and a hostile
// repository can ship one. So an entry is trusted only when it carries an HMAC made with a key that
// lives in the user's private cache folder (~/.cache/slipway, 0700, checked as the code cache's is):
// a planted, corrupt, torn or foreign file is a miss, never an answer. Entries are plain JSON data,
// never code. They are written to a fresh O_EXCL temporary file and renamed into place, so concurrent
// runs each write a whole entry and readers see one whole entry or the previous one. A check's entry is
// written and read in pieces (entry-writer.ts, entry-reader.ts); ShellCheck's packs whole (readSigned).
// Loaded by the cache-hit path (src/cli/launcher.ts): node built-ins only.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { privateCacheDir } from '../util/code-cache.js';

/** The magic of a check's entry (layout in entry-writer.ts; 1 was a JSON body, its entries are misses). */
export const MAGIC = Buffer.from('SLWYCHK2');
export const MAC_BYTES = 32;
/** A report larger than this is not cached (and a bigger file is not read). */
export const MAX_ENTRY_BYTES = 32 * 1024 * 1024;
/** The most an entry's fields other than standard output may take (read whole). */
export const MAX_META_BYTES = 4 * 1024 * 1024;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

/** What a check's entry holds besides standard output. */
export interface EntryMeta {
  /** What the entry answers: the invocation (version, cwd, arguments, output mode). */
  slot: string;
  /** stampOf() of the inputs before the run; a hit needs the same stamp now. */
  stamp: string;
  /** Paths outside the checked folders that the run depended on (stamped too). */
  paths: string[];
  exitCode: number;
  stderr: string;
}

/** Reads a regular file (not through a link) of at most `max` bytes; null otherwise. */
function readSmallFile(path: string, max: number): Buffer | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  } catch {
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > max) return null;
    const buf = Buffer.alloc(st.size);
    for (let n = 0; n < buf.length; ) {
      const got = readSync(fd, buf, n, buf.length - n, n);
      if (got === 0) return null;
      n += got;
    }
    return buf;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Writes `bytes` to `file` atomically: a new private temporary file in the same folder, then rename. */
function writeAtomically(file: string, bytes: Buffer): void {
  const tmp = join(dirname(file), `.${randomBytes(8).toString('hex')}.tmp`);
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o600);
  try {
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, file);
  } catch (e) {
    unlinkSync(tmp);
    throw e;
  }
}

/** The HMAC key, made on first use; null when there is no private folder to keep it in. */
export function macKey(env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const dir = privateCacheDir(env);
  if (!dir) return null;
  const file = join(dir, 'check-cache.key');
  const uid = process.getuid?.();
  const existing = readSmallFile(file, 64);
  if (existing) {
    try {
      const st = lstatSync(file);
      if (st.uid === uid && (st.mode & 0o077) === 0 && existing.length === 32) return existing;
    } catch {
      // fall through: no cache
    }
    return null;
  }
  try {
    writeAtomically(file, randomBytes(32));
  } catch {
    return null;
  }
  const made = readSmallFile(file, 64);
  return made && made.length === 32 ? made : null;
}

// The magic is signed too: an entry of one kind (a check's report) never reads as another (ShellCheck's comments).
const mac = (key: Buffer, magic: Buffer, body: Buffer) => createHmac('sha256', key).update(magic).update(body).digest();

/** The body of a signed file (`magic`, HMAC, body) when it is whole and ours; else null. */
export function readSigned(file: string, key: Buffer, magic: Buffer, max = MAX_ENTRY_BYTES): Buffer | null {
  const buf = readSmallFile(file, max);
  if (!buf || buf.length < magic.length + MAC_BYTES || !buf.subarray(0, magic.length).equals(magic)) return null;
  const body = buf.subarray(magic.length + MAC_BYTES);
  return timingSafeEqual(buf.subarray(magic.length, magic.length + MAC_BYTES), mac(key, magic, body)) ? body : null;
}

/** Writes `body` signed (see readSigned) to `file` atomically; false when it cannot (the run is not affected). */
export function writeSigned(file: string, key: Buffer, magic: Buffer, body: Buffer, max = MAX_ENTRY_BYTES): boolean {
  if (body.length + magic.length + MAC_BYTES > max) return false;
  try {
    writeAtomically(file, Buffer.concat([magic, mac(key, magic, body), body]));
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes the cache folder `dir` below `from` one level at a time, and says whether it is safe to write:
 * every level a real folder of ours, none a symbolic link (a committed `node_modules/.cache` link must
 * not send the cache, or a single mkdir, out of the project). `from` itself must exist.
 */
export function prepareDir(dir: string, from: string): boolean {
  const rel = relative(from, dir);
  if (rel.startsWith('..') || isAbsolute(rel)) return false;
  const uid = process.getuid?.();
  let d = from;
  try {
    for (const part of ['', ...rel.split(sep).filter(Boolean)]) {
      d = join(d, part);
      try {
        mkdirSync(d, { mode: 0o700 }); // never follows a link at `d`: EEXIST instead
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return false;
      }
      const st = lstatSync(d);
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) return false;
    }
    return true;
  } catch {
    return false;
  }
}
