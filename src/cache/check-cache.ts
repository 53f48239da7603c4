// `slipway check --cache`: what an unchanged project printed last time, printed again without checking.
// An entry answers one invocation (slipway build, cwd, arguments, colour) and holds the stamp of every
// input (stamp.ts): the checked folders whole, the config files, git's HEAD and index, the shellcheck
// program, and whatever outside the checked folders the run depended on (projectInputs). Entries live
// in <project>/node_modules/.cache/slipway when the project has a node_modules folder, else in
// $XDG_CACHE_HOME/slipway/check (~/.cache/slipway/check), or in --cache-location.
// Loaded by the cache-hit path (src/cli/launcher.ts): node built-ins and the cache files only.

import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { privateCacheDir } from '../util/code-cache.js';
import { VERSION } from '../version.js';
import { CHECK_OPTIONS } from '../cli/commands/check-options.js';
import { checkRoot } from '../project/check-root.js';
import { stampOf } from './stamp.js';
import { openEntry, type VerifiedEntry } from './entry-reader.js';
import { EntryWriter } from './entry-writer.js';
import { macKey, prepareDir } from './store.js';

export interface CacheContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

export interface OpenCache {
  file: string;
  key: Buffer;
  slot: string;
  roots: string[];
  /** Stamped paths that are not under the roots: config, git, shellcheck, the build. */
  paths: string[];
  skip: string;
}

/** Git's files for the repository holding `dir` (a worktree's `.git` file points to them). */
function gitPaths(dir: string): string[] {
  for (let d = dir; ; d = dirname(d)) {
    const dotGit = join(d, '.git');
    try {
      const st = lstatSync(dotGit);
      // HEAD and index say what is tracked and committed; info/exclude what is ignored.
      const files = (gitDir: string) => [join(gitDir, 'HEAD'), join(gitDir, 'index'), join(gitDir, 'info', 'exclude')];
      if (st.isDirectory()) return files(dotGit);
      if (st.isFile()) {
        const m = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8').slice(0, 4096));
        return [dotGit, ...files(m ? resolve(d, m[1]!.trim()) : dotGit)];
      }
    } catch {
      // not here: one folder up
    }
    if (dirname(d) === d) return [];
  }
}

/** Where a `shellcheck` on PATH would be found: every candidate, so that installing one changes the stamp. */
function shellcheckPaths(env: NodeJS.ProcessEnv): string[] {
  return (env.PATH ?? '')
    .split(delimiter)
    .filter((d) => isAbsolute(d))
    .map((d) => join(d, 'shellcheck'));
}

/**
 * Opens the cache for `check` with these arguments; null when the invocation is not cached (--fix,
 * --output, standard input, images, --help), or there is no safe place or key.
 */
export function openCache(argv: string[], ctx: CacheContext): OpenCache | null {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: CHECK_OPTIONS });
  } catch {
    return null;
  }
  const { values: v, positionals } = parsed;
  if (!v.cache || v.help || v.fix || v['fix-dry-run'] || v.output !== undefined || v.image?.length || v['image-file']?.length || v.registry) return null;
  const paths = positionals.length ? positionals : ['.'];
  if (paths.includes('-')) return null;
  const roots = paths.map((p) => checkRoot(resolve(ctx.cwd, p)));
  const key = macKey(ctx.env);
  if (!key) return null;

  const nodeModules = join(roots[0]!, 'node_modules');
  let dir: string;
  let from: string;
  if (v['cache-location']) {
    // The user's own choice, made as given (parents included).
    dir = resolve(ctx.cwd, v['cache-location']);
    from = dirname(dir);
    try {
      mkdirSync(from, { recursive: true });
    } catch {
      return null;
    }
  } else if (isRealDir(roots[0]!) && isRealDir(nodeModules)) {
    // (A folder named through a link keeps its entries in the private folder below: prepareDir never
    // makes folders through a link.)
    dir = join(nodeModules, '.cache', 'slipway');
    from = roots[0]!;
  } else {
    const mine = privateCacheDir(ctx.env);
    if (!mine) return null;
    dir = join(mine, 'check');
    from = mine;
  }
  if (!prepareDir(dir, from)) return null;

  const build = fileURLToPath(new URL('./cli.cjs', import.meta.url));
  // Everything but --cache/--cache-location decides what is printed, and so does where colour comes from.
  const shown = argv.filter((a, i) => a !== '--cache' && !a.startsWith('--cache-location') && argv[i - 1] !== '--cache-location');
  const slot = JSON.stringify({ version: VERSION, node: process.version, cwd: ctx.cwd, argv: shown, tty: ctx.isTTY, noColor: ctx.env.NO_COLOR ?? null });
  const configs = ['.slipway.yaml', '.slipway.yml', '.hadolint.yaml', '.hadolint.yml'].map((n) => join(ctx.cwd, n));
  if (v.config) configs.push(resolve(ctx.cwd, v.config));
  return {
    file: join(dir, `${createHash('sha256').update(slot).digest('hex').slice(0, 40)}.entry`),
    key,
    slot,
    roots,
    paths: [build, ...configs, ...roots.flatMap(gitPaths), ...shellcheckPaths(ctx.env)],
    skip: dir,
  };
}

function isRealDir(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The stamp of the checked folders and the fixed paths; null when too many to stamp. */
export function mainStamp(cache: OpenCache): string | null {
  return stampOf({ trees: cache.roots, paths: cache.paths, skip: cache.skip });
}

/** The stamp of the inputs now; `extra` (outside the checked folders) comes from the entry. */
function currentStamp(cache: OpenCache, extra: string[]): string | null {
  const main = mainStamp(cache);
  const outside = stampOf({ trees: extra, paths: [], skip: cache.skip });
  return main && outside ? `${main}:${outside}` : null;
}

/** What the same invocation printed when its inputs were as they are now (verified, printed in pieces), or null. */
export function lookup(cache: OpenCache): VerifiedEntry | null {
  const entry = openEntry(cache.file, cache.key);
  if (entry && entry.slot === cache.slot && currentStamp(cache, entry.paths) === entry.stamp) return entry;
  entry?.close();
  return null;
}

/** The entry of this run: what it prints goes to the entry as it is printed (entry-writer.ts). */
export function startEntry(cache: OpenCache): EntryWriter {
  return new EntryWriter(cache.file, cache.key);
}

/**
 * Puts a run's entry in place. `before` is mainStamp() taken before any file was read, so an edit made
 * during the run makes the entry stale rather than wrong; `outside` are the inputs outside the checked
 * folders that the run depended on. False (and nothing kept) when the run is not one to keep.
 */
export function finishEntry(cache: OpenCache, entry: EntryWriter, before: string | null, outside: string[], exitCode: number): boolean {
  if (!before || (exitCode !== 0 && exitCode !== 1)) {
    entry.discard();
    return false;
  }
  const extra = [...new Set(outside.filter((p) => !cache.roots.some((r) => p === r || p.startsWith(r.endsWith('/') ? r : `${r}/`))))].sort();
  const outsideStamp = stampOf({ trees: extra, paths: [], skip: cache.skip });
  if (!outsideStamp) {
    entry.discard();
    return false;
  }
  return entry.finish({ slot: cache.slot, stamp: `${before}:${outsideStamp}`, paths: extra, exitCode });
}

/** Stores a whole run's output at once (finishEntry with every piece known). */
export function save(cache: OpenCache, before: string | null, outside: string[], result: { exitCode: number; stdout: string; stderr: string }): boolean {
  const entry = startEntry(cache);
  entry.stdout(result.stdout);
  entry.stderr(result.stderr);
  return finishEntry(cache, entry, before, outside, result.exitCode);
}
