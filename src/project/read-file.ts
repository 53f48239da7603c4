// The one way slipway reads a project's files. A checked-out repository is untrusted: a committed
// symlink can point at ~/.ssh/id_rsa or /dev/zero, a FIFO named `.env` blocks a read forever. So only
// regular files under a size cap are read, a symlink that leaves the project is not followed, and a
// refusal is a value (it becomes an error entry with a position), never an exception.

import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { FileError } from '../types.js';
import { decodeBytes } from './bytes.js';

/** Files larger than this are reported, not read (a Dockerfile or compose file is a few KB). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** What the disk held when the file was read: a fix is written only if it still holds exactly that. */
export interface FileStamp {
  /** The file that was read, links resolved (a fix replaces this file). */
  realPath: string;
  dev: number;
  ino: number;
  mode: number;
  size: number;
  sha256: string;
}

export type RefusalCode = 'missing' | 'not-a-file' | 'outside' | 'too-large' | 'binary' | 'unreadable';

export type ReadResult =
  | { ok: true; text: string; bytes: Buffer; stamp: FileStamp }
  | { ok: false; code: RefusalCode; message: string };

export interface ReadOptions {
  /** The project folder: the file, links resolved, must be inside it. Omit only for paths the user named. */
  within?: string;
  maxBytes?: number;
  /** Read files with NUL bytes too (default: refused as binary). */
  allowBinary?: boolean;
  /** Read the first maxBytes of a larger file instead of refusing it. */
  head?: boolean;
}

const refuse = (code: RefusalCode, message: string): ReadResult => ({ ok: false, code, message });

function kindOfNode(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Is `path` (absolute, links resolved) `dir` or inside it? */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The path with every link resolved, by the C library's realpath(3): one call, where Node's own
 * realpathSync lstats each component in JavaScript and allocates a Stats for it (a third of a check's
 * disk time on many files). The file and the folder it must be inside are resolved by the same function.
 */
const realPath = realpathSync.native;

/** `dir` with its links resolved (a project under /tmp -> /private/tmp still contains its own files). */
function realDir(dir: string): string {
  try {
    return realPath(dir);
  } catch {
    return dir;
  }
}

/** The refusal message of a path that is not there. */
export const NO_SUCH_FILE = 'no such file or directory';

function errnoMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return NO_SUCH_FILE;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return code ?? (e as Error).message;
}

/** Reads one project file; see the top of this file for what is refused. Never throws. */
export function readProjectFile(abs: string, opts: ReadOptions = {}): ReadResult {
  const max = opts.maxBytes ?? MAX_FILE_BYTES;
  let real: string;
  let st: Stats;
  try {
    real = realPath(abs);
    st = lstatSync(real);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      // A dangling link says where it points only in its own message, never its target's text.
      return refuse('missing', isLink(abs) ? 'a symlink to nothing: not read' : NO_SUCH_FILE);
    }
    return refuse('unreadable', `cannot read: ${errnoMessage(e)}`);
  }
  if (opts.within !== undefined && !isInside(realDir(opts.within), real)) {
    return refuse('outside', 'a symlink to a file outside the project: not read');
  }
  // Checked before opening: opening a FIFO for reading blocks, reading a device never ends.
  if (!st.isFile()) return refuse('not-a-file', `${kindOfNode(st)}, not a regular file: not read`);
  if (st.size > max && !opts.head) return refuse('too-large', `larger than ${humanLimit(max)}: not checked`);
  let fd: number;
  try {
    // O_NOFOLLOW and O_NONBLOCK: a swap to a link or a FIFO after the checks neither follows nor blocks.
    fd = openSync(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return refuse('unreadable', `cannot read: ${errnoMessage(e)}`);
  }
  try {
    const fst = fstatSync(fd);
    if (!fst.isFile() || fst.ino !== st.ino || fst.dev !== st.dev) return refuse('unreadable', 'the file changed while it was read: not read');
    const bytes = readCapped(fd, max, fst.size, opts.head);
    if (!bytes) return refuse('too-large', `larger than ${humanLimit(max)}: not checked`);
    if (!opts.allowBinary && bytes.includes(0)) return refuse('binary', 'binary file: not checked');
    const stamp: FileStamp = { realPath: real, dev: fst.dev, ino: fst.ino, mode: fst.mode, size: bytes.length, sha256: sha256(bytes) };
    return { ok: true, text: decodeBytes(bytes), bytes, stamp };
  } catch (e) {
    return refuse('unreadable', `cannot read: ${errnoMessage(e)}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * The file's bytes, or null when there are more than `max` (it grew since the stat); `head`: the first `max`.
 * One buffer of the size the stat gave, plus the byte that shows the end (or growth): most files are read
 * by one call into it. A 64 KiB chunk per read made two 64 KiB buffers and a copy for every small file.
 */
function readCapped(fd: number, max: number, size: number, head = false): Buffer | null {
  const limit = head ? max : max + 1;
  let buf = Buffer.allocUnsafe(Math.min(limit, size + 1));
  let total = 0;
  for (;;) {
    if (total === buf.length) {
      if (total === limit) break;
      // It grew since the stat: more room, up to the cap.
      const bigger = Buffer.allocUnsafe(Math.min(limit, Math.max(total * 2, 64 * 1024)));
      buf.copy(bigger, 0, 0, total);
      buf = bigger;
    }
    const n = readSync(fd, buf, total, buf.length - total, null);
    if (n === 0) break;
    total += n;
  }
  if (total > max) return null;
  return buf.subarray(0, total);
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function humanLimit(bytes: number): string {
  return bytes >= 1 << 20 ? `${bytes / (1 << 20)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/** A refusal as the error entry reports show: the file, line 1, column 1. */
export function refusalError(file: string, r: { message: string }): FileError {
  return { file, line: 1, column: 1, message: r.message };
}

/** The text, or null for any refusal (for optional files: requirements, lock files, env_file …). */
export function readTextOrNull(abs: string, opts: ReadOptions = {}): string | null {
  const r = readProjectFile(abs, opts);
  return r.ok ? r.text : null;
}

/** Reads a stream with the same cap and binary check as a file, holding at most one byte over the cap. */
export async function readStreamCapped(stream: AsyncIterable<Buffer | string>, max = MAX_FILE_BYTES): Promise<ReadResult> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += b.length;
    if (total > max) return refuse('too-large', `larger than ${humanLimit(max)}: not checked`);
    chunks.push(b);
  }
  return fromBytes(Buffer.concat(chunks, total), max);
}

/** Bytes that did not come from a file (standard input): the same cap and binary check. */
export function fromBytes(bytes: Buffer, max = MAX_FILE_BYTES): ReadResult {
  if (bytes.length > max) return refuse('too-large', `larger than ${humanLimit(max)}: not checked`);
  if (bytes.includes(0)) return refuse('binary', 'binary file: not checked');
  return { ok: true, text: decodeBytes(bytes), bytes, stamp: { realPath: '-', dev: 0, ino: 0, mode: 0, size: bytes.length, sha256: sha256(bytes) } };
}
