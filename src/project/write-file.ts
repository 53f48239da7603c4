// The one way slipway writes into a project (--fix, init, -o inside the project). A checked-out
// repository is untrusted: a committed symlink (`Dockerfile -> ~/.bashrc`, `.github -> /etc`) must not
// turn a write into one outside the project. And a write must never leave half a file: the new bytes
// go to a temp file in the same folder, which is renamed over the old one (or linked, for a new file,
// so an existing one is never clobbered). A failure is a value with a message, never an exception.

import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { batches } from '../util/batches.js';
import { isInside, readProjectFile, type FileStamp } from './read-file.js';

export type WriteResult = { ok: true; path: string } | { ok: false; message: string };

const fail = (message: string): WriteResult => ({ ok: false, message });

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** Why a write failed, in words (the file itself is untouched in every case). */
export function writeErrorMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const what: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    EROFS: 'read-only file system',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOTDIR: 'a parent is not a folder',
    EISDIR: 'is a folder',
    ELOOP: 'too many levels of symbolic links',
    EEXIST: 'appeared while slipway was writing',
  };
  return (code && what[code]) ?? code ?? (e as Error).message;
}

/**
 * Where writing `abs` really lands, links resolved, when that is inside `within`: the deepest existing
 * folder on the way must be inside it, and an existing entry must be a regular file (or a link to one)
 * inside it. Missing folders are created by the write, so nothing in them can be a link yet.
 */
export function resolveTarget(abs: string, within: string): { ok: true; real: string; exists: Stats | null } | { ok: false; message: string } {
  let root: string;
  try {
    root = realpathSync(within);
  } catch (e) {
    return fail(`the project folder: ${writeErrorMessage(e)}`) as { ok: false; message: string };
  }
  let dir = dirname(abs);
  const missing: string[] = [];
  while (!lstatOrNull(dir)) {
    missing.unshift(basename(dir));
    if (dirname(dir) === dir) break;
    dir = dirname(dir);
  }
  let realDir: string;
  try {
    realDir = realpathSync(dir);
  } catch (e) {
    return { ok: false, message: writeErrorMessage(e) };
  }
  if (!isInside(root, realDir)) return { ok: false, message: `${relative(within, dir) || '.'} is a symlink to a folder outside the project: not written` };
  if (!lstatSync(realDir).isDirectory()) return { ok: false, message: `${relative(within, dir) || '.'} is not a folder: not written` };
  const candidate = join(realDir, ...missing, basename(abs));
  if (missing.length) return { ok: true, real: candidate, exists: null };
  const st = lstatOrNull(candidate);
  if (!st) return { ok: true, real: candidate, exists: null };
  if (st.isSymbolicLink()) {
    let real: string;
    try {
      real = realpathSync(candidate);
    } catch {
      return { ok: false, message: 'a symlink to nothing: not written' };
    }
    if (!isInside(root, real)) return { ok: false, message: 'a symlink to a file outside the project: not written' };
    const target = lstatSync(real);
    if (!target.isFile()) return { ok: false, message: 'a symlink to something that is not a regular file: not written' };
    return { ok: true, real, exists: target };
  }
  if (!st.isFile()) return { ok: false, message: 'not a regular file: not written' };
  return { ok: true, real: candidate, exists: st };
}

/** What a write puts in a file: its bytes, or text pieces (a report) written as they are made. */
export type FileData = Uint8Array | Iterable<string>;

/** Writes `data` to `fd` whole (writeSync may take part of a buffer). */
function writeAll(fd: number, data: FileData): void {
  for (const chunk of data instanceof Uint8Array ? [data] : batchBytes(data)) {
    for (let off = 0; off < chunk.length; ) off += writeSync(fd, chunk, off, chunk.length - off);
  }
}

function* batchBytes(pieces: Iterable<string>): Generator<Uint8Array> {
  for (const batch of batches(pieces)) yield Buffer.from(batch);
}

/** Writes `data` to a new temp file next to `real` (O_EXCL, no link followed); returns its path. */
function writeTemp(real: string, data: FileData, mode: number, owner: Stats | null): string {
  const tmp = join(dirname(real), `.${basename(real)}.slipway-${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  try {
    try {
      if (owner && process.getuid?.() === 0) fchownSync(fd, owner.uid, owner.gid); // root fixing someone's file keeps it theirs
    } catch {
      // best effort
    }
    fchmodSync(fd, mode & 0o7777);
    writeAll(fd, data);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkQuiet(tmp);
    throw e;
  }
  closeSync(fd);
  return tmp;
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function unchanged(real: string, expect: FileStamp, within: string): boolean {
  const now = readProjectFile(real, { within, allowBinary: true });
  return now.ok && now.stamp.sha256 === expect.sha256 && now.stamp.ino === expect.ino && now.stamp.dev === expect.dev;
}

/**
 * Replaces the file `abs` (a --fix): only if it still holds what was read (`expect`), keeping its mode
 * (and owner, when run as root). The old file is either whole or replaced whole.
 */
export function replaceFile(abs: string, bytes: Uint8Array, opts: { within: string; expect: FileStamp }): WriteResult {
  const target = resolveTarget(abs, opts.within);
  if (!target.ok) return target;
  if (!target.exists) return fail('deleted since it was read: not rewritten');
  const { real, exists } = target;
  if (!unchanged(real, opts.expect, opts.within)) return fail('changed since it was read: not rewritten (run slipway again)');
  try {
    accessSync(real, constants.W_OK);
  } catch {
    return fail('read-only: not rewritten');
  }
  let tmp: string;
  try {
    tmp = writeTemp(real, bytes, exists.mode, exists);
  } catch (e) {
    return fail(`${writeErrorMessage(e)}: not rewritten (the file is unchanged)`);
  }
  // The last look before the swap: an edit made while the fix was written is not thrown away.
  if (!unchanged(real, opts.expect, opts.within)) {
    unlinkQuiet(tmp);
    return fail('changed since it was read: not rewritten (run slipway again)');
  }
  try {
    renameSync(tmp, real);
  } catch (e) {
    unlinkQuiet(tmp);
    return fail(`${writeErrorMessage(e)}: not rewritten (the file is unchanged)`);
  }
  return { ok: true, path: real };
}

/** Moves `tmp` to `real` only if nothing is there: a hard link fails with EEXIST instead of replacing. */
function createFrom(tmp: string, real: string): void {
  try {
    linkSync(tmp, real);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // File systems without hard links: check, then rename (a narrow race instead of none).
    if ((code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') || lstatOrNull(real)) throw e;
    renameSync(tmp, real);
    return;
  }
  unlinkQuiet(tmp);
}

/**
 * Writes a generated file (init, -o): `create` only if nothing is there (never clobbers one that
 * appeared since), `replace` whatever regular file is there. Missing folders are created.
 */
export function writeProjectFile(abs: string, data: FileData, opts: { within: string; mode: 'create' | 'replace'; fileMode?: number }): WriteResult {
  const target = resolveTarget(abs, opts.within);
  if (!target.ok) return target;
  const { real, exists } = target;
  if (opts.mode === 'create' && exists) return fail('already exists: not overwritten');
  let tmp: string;
  try {
    mkdirSync(dirname(real), { recursive: true });
    // mkdir created only what was missing; a link planted meanwhile would show here.
    if (!isInside(realpathSync(opts.within), realpathSync(dirname(real)))) return fail('a folder on the way became a symlink out of the project: not written');
    tmp = writeTemp(real, data, exists?.mode ?? opts.fileMode ?? 0o644, exists);
  } catch (e) {
    return fail(`${writeErrorMessage(e)}: not written`);
  }
  try {
    if (opts.mode === 'create') createFrom(tmp, real);
    else renameSync(tmp, real);
  } catch (e) {
    unlinkQuiet(tmp);
    return fail(`${writeErrorMessage(e)}: not written`);
  }
  return { ok: true, path: real };
}

/**
 * Writes a file the user named outside any project (-o /tmp/report.sarif, -o /dev/stdout): links are
 * followed, as any program would. A regular file (or a new one) gets the temp file + rename, so a failed
 * write (a full disk) leaves the old file whole and no half report; anything else (a device, a FIFO) is
 * written in place. So is a file in a folder the user may not create files in (the only way to write it).
 */
export function writeUserFile(abs: string, data: FileData): WriteResult {
  let st: Stats | null = null;
  try {
    st = statSync(abs);
  } catch {
    // nothing there yet (or a link to nothing, which writing in place creates, as before)
  }
  const link = lstatOrNull(abs)?.isSymbolicLink() ?? false;
  if ((st && !st.isFile()) || (!st && link)) return writeInPlace(abs, data);
  let real: string;
  let tmp: string;
  try {
    real = st ? realpathSync(abs) : join(realpathSync(dirname(abs)), basename(abs));
    tmp = writeTemp(real, data, st?.mode ?? (0o666 & ~process.umask()), st);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return writeInPlace(abs, data);
    return fail(`${writeErrorMessage(e)}: not written`);
  }
  try {
    renameSync(tmp, real);
  } catch (e) {
    unlinkQuiet(tmp);
    return fail(`${writeErrorMessage(e)}: not written`);
  }
  return { ok: true, path: real };
}

function writeInPlace(abs: string, data: FileData): WriteResult {
  let fd: number;
  try {
    fd = openSync(abs, 'w');
  } catch (e) {
    return fail(`${writeErrorMessage(e)}: not written`);
  }
  try {
    writeAll(fd, data);
  } catch (e) {
    return fail(`${writeErrorMessage(e)}: not written whole`);
  } finally {
    closeSync(fd);
  }
  return { ok: true, path: abs };
}
