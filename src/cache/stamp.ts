// The stamp of what a check could have read: every entry under the checked folders (type, size, mode,
// mtime, ctime, inode, by lstat, links under them not followed) and every other path it depended on. Any edit,
// new file, removal, rename or chmod changes it (ctime moves on every write, even one that restores
// mtime), so an unchanged stamp means unchanged inputs, without reading a byte of content.
// Loaded by the cache-hit path (src/cli/launcher.ts): node built-ins only.

import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';

/** Past this many entries the stamp costs more than it saves: no cache for such a tree. */
export const MAX_STAMPED_ENTRIES = 50_000;

export interface StampOptions {
  /** Folders walked whole (the checked projects) and single files (config, git HEAD and index, …). */
  trees: string[];
  paths: string[];
  /** A folder left out of the walk: the cache itself, which the run writes. */
  skip?: string;
}

/** The stamp's digest, or null when a tree is too large to stamp. */
export function stampOf(options: StampOptions): string | null {
  const h = createHash('sha256');
  let entries = 0;
  // Times in ms with their fraction (microseconds survive in a double): plain numbers cost a third of BigInts here.
  const record = (path: string, st: Stats | null) => {
    entries++;
    h.update(path).update('\0');
    h.update(st ? `${st.mode}:${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}:${st.dev}\n` : 'missing\n');
  };
  const lstat = (path: string): Stats | null => {
    try {
      return lstatSync(path);
    } catch {
      return null;
    }
  };
  const follow = (path: string): Stats | null => {
    try {
      return statSync(path);
    } catch {
      return null;
    }
  };
  const walk = (dir: string): boolean => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return true; // recorded as whatever lstat said
    }
    for (const name of names) {
      const path = join(dir, name);
      if (path === options.skip || name === '.git') continue; // .git: its HEAD and index are stamped as paths
      const st = lstat(path);
      record(path, st);
      if (entries > MAX_STAMPED_ENTRIES) return false;
      if (st?.isDirectory() && !walk(path)) return false;
    }
    return true;
  };
  for (const tree of options.trees) {
    const st = lstat(tree);
    record(tree, st);
    // A folder named through a link (`check --cache proj`, proj a link): what the check read is under the
    // link's folder, so that is walked too (links under it are not followed, as the check does not).
    const target = st?.isSymbolicLink() ? follow(tree) : st;
    if (target !== st) record(tree, target);
    if (target?.isDirectory() && !walk(tree)) return null;
  }
  for (const path of options.paths) record(path, lstat(path));
  return h.digest('hex');
}
