// Loads a large CommonJS dependency with V8's code cache, so that its 1.5 MB of JavaScript is
// compiled once per machine rather than on every run (Node 20 has no module.enableCompileCache).
// The cache lives in the user's own cache dir (mode 700); V8 rejects a cache that does not match
// the source, and any failure falls back to a plain require.

import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'slipway');
}

export function requireWithCodeCache(id: string, from: string): any {
  const require = createRequire(from);
  if (process.env.SLIPWAY_NO_CODE_CACHE) return require(id);
  try {
    const file = require.resolve(id);
    const stat = statSync(file);
    // One cache per module file (prefix), replaced when the file or Node changes (suffix).
    const prefix = createHash('sha256').update(file).digest('hex').slice(0, 12);
    const version = createHash('sha256').update(`${process.version}\0${stat.size}\0${stat.mtimeMs}`).digest('hex').slice(0, 12);
    const cacheFile = join(cacheDir(), `${prefix}-${version}.v8cache`);
    let cached: Buffer | undefined;
    try {
      cached = readFileSync(cacheFile);
    } catch {
      cached = undefined;
    }
    const script = new vm.Script((Module as any).wrap(readFileSync(file, 'utf8')), { filename: file, cachedData: cached });
    const module = { exports: {} as any };
    script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
    if (!cached || script.cachedDataRejected) {
      // Written at exit, when the functions this run used have been compiled too.
      process.once('beforeExit', () => {
        try {
          mkdirSync(cacheDir(), { recursive: true, mode: 0o700 });
          const tmp = `${cacheFile}.${process.pid}`;
          writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
          renameSync(tmp, cacheFile);
          for (const old of readdirSync(cacheDir())) {
            if (old.startsWith(`${prefix}-`) && old.endsWith('.v8cache') && join(cacheDir(), old) !== cacheFile) rmSync(join(cacheDir(), old), { force: true });
          }
        } catch {
          // no cache, no harm
        }
      });
    }
    return module.exports;
  } catch {
    return require(id);
  }
}
