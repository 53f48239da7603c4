// Loads a large CommonJS module with V8's code cache, so that its JavaScript is compiled once per
// machine rather than on every run (Node 20 has no module.enableCompileCache); ~40% less CPU at start.
//
// A code cache is code: V8 checks only the source's length, and a corrupt one crashes the process.
// So the cache is trusted only from a private folder (ours, 0700, not a link, in a parent others
// cannot swap it out of), each file carries the SHA-256 of the source it was made from and of its own
// bytes, files are read without following links and written with O_EXCL temp files + rename, and
// anything unexpected means a plain require: slower, never different.

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
  readFileSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

const MAGIC = Buffer.from('SLWYV8C1');
const HEADER = MAGIC.length + 64; // magic, sha256(node version + source), sha256(data)
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

/** The cache data in `file` when it is ours, whole, and made from exactly `sourceKey`; else null. */
function readCache(file: string, sourceKey: Buffer): Buffer | null {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | NOFOLLOW | (constants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.uid !== process.getuid?.() || st.size < HEADER || st.size > MAX_CACHE_BYTES) return null;
    const buf = Buffer.alloc(st.size);
    let n = 0;
    while (n < buf.length) {
      const got = readSync(fd, buf, n, buf.length - n, n);
      if (got === 0) return null;
      n += got;
    }
    if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    if (!buf.subarray(MAGIC.length, MAGIC.length + 32).equals(sourceKey)) return null;
    const data = buf.subarray(HEADER);
    if (!buf.subarray(MAGIC.length + 32, HEADER).equals(sha256(data))) return null; // torn or corrupt
    return data;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

function writeCache(dir: string, file: string, sourceKey: Buffer, data: Buffer): void {
  const tmp = join(dir, `.${randomBytes(8).toString('hex')}.tmp`);
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o600);
  try {
    const bytes = Buffer.concat([MAGIC, sourceKey, sha256(data), data]);
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
  let bytes: Buffer;
  let dir: string | null;
  try {
    file = require.resolve(id);
    bytes = readFileSync(file);
    dir = privateCacheDir();
  } catch {
    return require(id);
  }
  if (!dir) return require(id);
  // Bytes, not a string: hashing a 1.7 MB string re-encodes it (~8 ms), and decoding it as UTF-8
  // costs as much again, while ASCII decoded as latin1 is a copy (the build keeps dist/cli.cjs ASCII).
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  // One cache per module file and variant (prefix), replaced when its content or Node changes (suffix).
  const sourceKey = sha256(process.version, '\0', bytes);
  const prefix = sha256(file, '\0', variant).toString('hex').slice(0, 12);
  const cacheFile = join(dir, `${prefix}-${sourceKey.toString('hex').slice(0, 16)}.v8cache`);
  const cached = readCache(cacheFile, sourceKey) ?? undefined;
  let script: vm.Script;
  try {
    script = new vm.Script((Module as any).wrap(source), { filename: file, cachedData: cached });
  } catch {
    return require(id);
  }
  const module = { exports: {} as any };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  if (!cached || script.cachedDataRejected) {
    // Written at exit, when the functions this run used have been compiled too.
    process.once('beforeExit', () => {
      try {
        writeCache(dir!, cacheFile, sourceKey, script.createCachedData());
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
