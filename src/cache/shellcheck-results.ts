// ShellCheck's comments per RUN script, kept across runs: ShellCheck is the largest CPU cost of a check
// (~6 ms per script), and its answer depends only on the script's text, the shellcheck program and its
// options. An entry is keyed by sha256 of the script inside a pack whose own key is sha256 of exactly
// the rest (slipway's version, the program, its options), so an entry can never be stale: an edited
// script, another shellcheck build or version, other --exclude codes are other keys.
//
// One pack per checked folder (the scope): a run reads one file holding that project's scripts, not
// one file per script (780 opens, reads and HMACs on 481 Dockerfiles) nor every project's scripts.
//
// On by default (`check --no-shellcheck-cache` turns it off): packs live in the user's private cache
// folder ($XDG_CACHE_HOME/slipway/shellcheck, 0700, never in the checked project), are plain JSON data
// signed with the same private key as `check --cache` entries (store.ts), name their own key inside
// (a renamed pack is a miss), and are written atomically (concurrent runs: the last whole pack wins).
// A planted, corrupt or torn file is a miss. A script not used for 30 days leaves its pack; a pack (or
// an entry file of the one-file-per-script layout before it) not written for 30 days is removed, at
// most once a day.

import { createHash } from 'node:crypto';
import { readdirSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateCacheDir } from '../util/code-cache.js';
import { VERSION } from '../version.js';
import { programStamp } from './program-stamp.js';
import { macKey, prepareDir, readSigned, writeSigned } from './store.js';

const MAGIC = Buffer.from('SLWYSCP1');
/** A pack past this size is not read, nor written (its oldest unused scripts are left out first). */
const MAX_BYTES = 16 * 1024 * 1024;
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

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
  /** Writes the pack when this run added scripts (or a day passed since a used one was marked), and removes old files (at most once a day). */
  save(): void;
}

/** A pack's entry: when it was last used (ms) and ShellCheck's comments. */
interface Entry {
  t: number;
  c: CachedComment[];
}

/**
 * The results store for this shellcheck program, these options and this scope (the checked folder), or
 * null when there is none: no private folder or key, or the program cannot be found (or, when a shim,
 * asked its version; then check runs shellcheck as without a cache and says what went wrong).
 */
export function openShellcheckResults(binary: string, options: string[], env: NodeJS.ProcessEnv = process.env, scope = ''): ShellcheckResults | null {
  const program = programStamp(binary, env);
  if (!program) return null;
  const key = macKey(env);
  const mine = privateCacheDir(env);
  if (!key || !mine) return null;
  const dir = join(mine, 'shellcheck');
  if (!prepareDir(dir, mine)) return null;
  const packKey = sha256(JSON.stringify({ slipway: VERSION, program, options, scope }), 'hex');
  const file = join(dir, `${packKey}.pack`);
  let pack: Map<string, Entry> | undefined; // read at the first get
  const used = new Map<string, CachedComment[]>();
  let changed = false;
  const now = Date.now();
  return {
    get(script) {
      pack ??= readPack(file, key, packKey);
      const k = sha256(script);
      const e = pack.get(k);
      if (!e || !Array.isArray(e.c) || !e.c.every(isComment)) return null;
      used.set(k, e.c);
      if (!(now - e.t < DAY_MS)) changed = true;
      return e.c;
    },
    put(script, comments) {
      used.set(sha256(script), comments.map(({ line, column, endLine, endColumn, level, code, message }) => ({ line, column, endLine, endColumn, level, code, message })));
      changed = true;
    },
    save() {
      if (changed) writePack(file, key, packKey, pack ?? readPack(file, key, packKey), used, now);
      pruneOld(dir, now);
    },
  };
}

const sha256 = (text: string, encoding: 'hex' | 'base64url' = 'base64url') => createHash('sha256').update(text).digest(encoding);

/** The pack's entries when the file is whole, ours and for this key; else none. */
function readPack(file: string, key: Buffer, packKey: string): Map<string, Entry> {
  const body = readSigned(file, key, MAGIC, MAX_BYTES);
  if (!body) return new Map();
  try {
    const v = JSON.parse(body.toString('utf8')) as { key?: unknown; scripts?: unknown };
    if (v.key !== packKey || typeof v.scripts !== 'object' || v.scripts === null) return new Map();
    return new Map(Object.entries(v.scripts as Record<string, Entry>).filter(([, e]) => typeof e === 'object' && e !== null && typeof e.t === 'number'));
  } catch {
    return new Map();
  }
}

/** This run's scripts, then the others younger than MAX_AGE_MS, most recently used first, up to MAX_BYTES. */
function writePack(file: string, key: Buffer, packKey: string, old: Map<string, Entry>, used: Map<string, CachedComment[]>, now: number): void {
  const parts: string[] = [];
  let size = 0;
  const add = (k: string, e: Entry) => {
    const part = `${JSON.stringify(k)}:${JSON.stringify(e)}`;
    if (size + part.length + 1 > MAX_BYTES - 256) return false;
    parts.push(part);
    size += part.length + 1;
    return true;
  };
  for (const [k, c] of used) if (!add(k, { t: now, c })) return; // this run's scripts do not fit: keep what is there
  const rest = [...old].filter(([k, e]) => !used.has(k) && now - e.t < MAX_AGE_MS).sort((a, b) => b[1].t - a[1].t);
  for (const [k, e] of rest) if (!add(k, e)) break;
  writeSigned(file, key, MAGIC, Buffer.from(`{"key":${JSON.stringify(packKey)},"scripts":{${parts.join(',')}}}`, 'utf8'), MAX_BYTES);
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

/** Removes packs (and entry files of the older layout) not written for MAX_AGE_MS, at most once a day. */
function pruneOld(dir: string, now: number): void {
  const marker = join(dir, '.pruned');
  try {
    if (now - statSync(marker).mtimeMs < DAY_MS) return;
  } catch {
    // never pruned: prune now
  }
  try {
    writeFileSync(marker, '');
    utimesSync(marker, now / 1000, now / 1000);
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.pack') && !name.endsWith('.entry')) continue;
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
