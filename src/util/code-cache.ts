// Loads a large CommonJS module with V8's code cache, so that its JavaScript is compiled once per
// machine rather than on every run (Node 20 has no module.enableCompileCache); ~40% less CPU at start.
//
// A code cache is code: V8 checks only the source's length, and a corrupt one crashes the process.
// So the cache is trusted only from a private folder (ours, 0700, not a link, in a parent others
// cannot swap it out of), each file carries the identity of the source it was made from (readSource)
// and the SHA-256 of its own bytes, files are read without following links and written with O_EXCL
// temp files + rename, and anything unexpected means a plain require: slower, never different.

import { isAscii } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

const MAGIC = Buffer.from('SLWYV8C2');
// magic, the source's identity, sha256(node version + source bytes), sha256(data)
const HEADER = MAGIC.length + 96;
/** A source changed less than this before it is read is "racy" (readSource). */
const RACY_MS = 3_000;
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

const sha256 = (...parts: (string | Uint8Array)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** The private cache folder, created if missing; null when it is not safe to trust (then no cache). */
export function privateCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const uid = process.getuid?.();
  if (uid === undefined) return null; // Windows: no ownership check possible, no cache
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const dir = join(base, 'slipway');
  try {
    mkdirSync(base, { recursive: true, mode: 0o700 });
    // A parent anyone may write to without the sticky bit lets them rename our folder away and plant theirs.
    const parent = lstatSync(base);
    if (!parent.isDirectory() || (parent.mode & 0o002 && !(parent.mode & 0o1000))) return null;
    try {
      mkdirSync(dir, { mode: 0o700 }); // never follows a link at `dir`: EEXIST instead
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return null;
    }
    const st = lstatSync(dir);
    if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o077) !== 0) return null;
    return dir;
  } catch {
    return null;
  }
}

/** A module file as read for the code cache. */
interface Source {
  bytes: Buffer;
  /** SHA-256 of the node version, the path and the file's size, mtime, ctime, inode and device. */
  identity: Buffer;
  /** Changed less than RACY_MS before it was read: its identity alone does not prove its bytes. */
  racy: boolean;
}

/** sha256(node version, bytes): what a cache's source is checked against when its identity is not enough. */
const bytesKey = (bytes: Buffer) => sha256(process.version, '\0', bytes);

/**
 * The module's bytes and identity. Hashing the 1.9 MB bundle cost ~1.3 ms of every start, so a source
 * is known by its file, as ccache's `compiler_check = mtime` knows a compiler (and program-stamp.ts
 * knows ShellCheck): path, size, mtime, ctime, inode and device, taken from the descriptor the bytes
 * are read from. Any write changes ctime, which cannot be set back. But file systems keep times in
 * ticks (a jiffy on Linux before 6.13, a second on HFS+, two on FAT), so a file written in the tick it
 * was read in may be written again with the same times: a file changed less than RACY_MS before it is
 * read is "racy", as git calls such index entries. A racy source's cache is checked against the hash
 * of its bytes, and no cache is written for it (the next run, past the window, writes one).
 */
function readSource(file: string): Source | null {
  const fd = openSync(file, constants.O_RDONLY);
  try {
    const st = fstatSync(fd, { bigint: true });
    if (!st.isFile() || st.size > BigInt(MAX_SOURCE_BYTES)) return null;
    const bytes = Buffer.allocUnsafeSlow(Number(st.size));
    let n = 0;
    while (n < bytes.length) {
      const got = readSync(fd, bytes, n, bytes.length - n, n);
      if (got === 0) return null; // shrunk while read: being written
      n += got;
    }
    const identity = sha256(process.version, '\0', file, '\0', [st.size, st.mtimeNs, st.ctimeNs, st.ino, st.dev].join(':'));
    const racyMs = Number(process.env.SLIPWAY_CODE_CACHE_RACY_MS ?? RACY_MS); // tests shorten it
    const racy = !(Date.now() - Number(st.ctimeMs) >= racyMs);
    return { bytes, identity, racy };
  } finally {
    closeSync(fd);
  }
}

/** Larger modules are required without a cache (the bundle is ~2 MB). */
const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

/**
 * The cache data in `file` when it is ours, whole, and made from `source` (its identity; and, when
 * racy, its bytes); else null.
 */
function readCache(file: string, source: Source): Buffer | null {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | NOFOLLOW | (constants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.uid !== process.getuid?.() || st.size < HEADER || st.size > MAX_CACHE_BYTES) return null;
    const buf = Buffer.allocUnsafeSlow(st.size); // every byte is read below, or the cache refused
    let n = 0;
    while (n < buf.length) {
      const got = readSync(fd, buf, n, buf.length - n, n);
      if (got === 0) return null;
      n += got;
    }
    const field = (i: number) => buf.subarray(MAGIC.length + 32 * i, MAGIC.length + 32 * (i + 1));
    if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    if (!field(0).equals(source.identity)) return null;
    if (source.racy && !field(1).equals(bytesKey(source.bytes))) return null;
    const data = buf.subarray(HEADER);
    if (!field(2).equals(sha256(data))) return null; // torn or corrupt
    return data;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

function writeCache(dir: string, file: string, source: Source, data: Buffer): void {
  const tmp = join(dir, `.${randomBytes(8).toString('hex')}.tmp`);
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o600);
  try {
    const bytes = Buffer.concat([MAGIC, source.identity, bytesKey(source.bytes), sha256(data), data]);
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/**
 * `variant` names the kind of run (the CLI passes its command): a cache holds the functions compiled by
 * the run that wrote it, so a cache written by `--version` would leave every later `check` compiling
 * the checker (~18 ms), and one written by `lsp` would make `--version` deserialize the whole server.
 */
export function requireWithCodeCache(id: string, from: string, variant = ''): any {
  const require = createRequire(from);
  if (process.env.SLIPWAY_NO_CODE_CACHE) return require(id);
  let file: string;
  let read: Source | null;
  let dir: string | null;
  try {
    file = require.resolve(id);
    read = readSource(file);
    dir = privateCacheDir();
  } catch {
    return require(id);
  }
  if (!dir || !read) return require(id);
  const mod = read;
  // Bytes, not a string: decoding as UTF-8 costs ~8 ms, while ASCII decoded as latin1 is a copy (the
  // build keeps dist/cli.cjs ASCII).
  const source = isAscii(mod.bytes) ? mod.bytes.toString('latin1') : mod.bytes.toString('utf8');
  // One cache per module file and variant (prefix), replaced when the file or Node changes (suffix).
  const prefix = sha256(file, '\0', variant).toString('hex').slice(0, 12);
  const cacheFile = join(dir, `${prefix}-${mod.identity.toString('hex').slice(0, 16)}.v8cache`);
  const cached = readCache(cacheFile, mod) ?? undefined;
  let script: vm.Script;
  try {
    script = new vm.Script((Module as any).wrap(source), { filename: file, cachedData: cached });
  } catch {
    return require(id);
  }
  const module = { exports: {} as any };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  if ((!cached || script.cachedDataRejected) && !mod.racy) {
    // Written at exit, when the functions this run used have been compiled too.
    process.once('beforeExit', () => {
      try {
        writeCache(dir!, cacheFile, mod, script.createCachedData());
        for (const old of readdirSync(dir!)) {
          const stale = old.startsWith(`${prefix}-`) && old.endsWith('.v8cache') && join(dir!, old) !== cacheFile;
          if (stale) unlinkSync(join(dir!, old)); // unlink removes a link itself, never its target
        }
      } catch {
        // no cache, no harm
      }
    });
  }
  return module.exports;
}
