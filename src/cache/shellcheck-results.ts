// ShellCheck's comments per RUN script, kept across runs: ShellCheck is the largest CPU cost of a check
// (~6 ms per script), and its answer depends only on the script's text, the shellcheck program and its
// options. So the key is sha256 of exactly those (with slipway's version), and an entry can never be
// stale: an edited script, another shellcheck build or version, other --exclude codes are other keys.
//
// On by default (`check --no-shellcheck-cache` turns it off): entries live in the user's private cache
// folder ($XDG_CACHE_HOME/slipway/shellcheck, 0700, never in the checked project), are plain JSON data
// signed with the same private key as `check --cache` entries (store.ts), name their own key inside
// (a renamed entry is a miss), and are written atomically. A planted, corrupt or torn file is a miss.
// Entries not written for 30 days are removed, at most once a day.

import { createHash } from 'node:crypto';
import { readdirSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateCacheDir } from '../util/code-cache.js';
import { VERSION } from '../version.js';
import { programStamp } from './program-stamp.js';
import { macKey, prepareDir, readSigned, writeSigned } from './store.js';

const MAGIC = Buffer.from('SLWYSCR1');
/** One script's comments are small; a bigger file is not read. */
const MAX_BYTES = 4 * 1024 * 1024;
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;
const PRUNE_EVERY_MS = 24 * 3600 * 1000;

/** One comment of shellcheck's json1 output, without the file it was in. */
export interface CachedComment {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
}

export interface ShellcheckResults {
  get(script: string): CachedComment[] | null;
  put(script: string, comments: CachedComment[]): void;
  /** Removes old entries (at most once a day). */
  prune(): void;
}

/**
 * The results store for this shellcheck program and these options, or null when there is none: no
 * private folder or key, or the program cannot be found (or, when a shim, asked its version; then check runs
 * shellcheck as without a cache and says what went wrong).
 */
export function openShellcheckResults(binary: string, options: string[], env: NodeJS.ProcessEnv = process.env): ShellcheckResults | null {
  const program = programStamp(binary, env);
  if (!program) return null;
  const key = macKey(env);
  const mine = privateCacheDir(env);
  if (!key || !mine) return null;
  const dir = join(mine, 'shellcheck');
  if (!prepareDir(dir, mine)) return null;
  const prefix = JSON.stringify({ slipway: VERSION, program, options });
  const keyOf = (script: string) => createHash('sha256').update(prefix).update('\0').update(script).digest('hex');
  return {
    get(script) {
      const k = keyOf(script);
      const body = readSigned(join(dir, `${k}.entry`), key, MAGIC, MAX_BYTES);
      if (!body) return null;
      try {
        const v = JSON.parse(body.toString('utf8')) as { key?: unknown; comments?: unknown };
        return v.key === k && Array.isArray(v.comments) && v.comments.every(isComment) ? v.comments : null;
      } catch {
        return null;
      }
    },
    put(script, comments) {
      const k = keyOf(script);
      const plain = comments.map(({ line, column, endLine, endColumn, level, code, message }) => ({ line, column, endLine, endColumn, level, code, message }));
      writeSigned(join(dir, `${k}.entry`), key, MAGIC, Buffer.from(JSON.stringify({ key: k, comments: plain }), 'utf8'), MAX_BYTES);
    },
    prune() {
      pruneOld(dir);
    },
  };
}

function isComment(c: unknown): c is CachedComment {
  const x = c as CachedComment;
  return (
    typeof x === 'object' &&
    x !== null &&
    [x.line, x.column, x.endLine, x.endColumn, x.code].every((n) => Number.isInteger(n) && n >= 0) &&
    typeof x.level === 'string' &&
    typeof x.message === 'string'
  );
}

function pruneOld(dir: string): void {
  const marker = join(dir, '.pruned');
  const now = Date.now();
  try {
    if (now - statSync(marker).mtimeMs < PRUNE_EVERY_MS) return;
  } catch {
    // never pruned: prune now
  }
  try {
    writeFileSync(marker, '');
    utimesSync(marker, now / 1000, now / 1000);
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.entry')) continue;
      const file = join(dir, name);
      try {
        if (now - statSync(file).mtimeMs > MAX_AGE_MS) unlinkSync(file);
      } catch {
        // gone already, or not ours to remove
      }
    }
  } catch {
    // the cache is an optimisation: never a failure of the check
  }
}
