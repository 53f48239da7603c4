// Lists a build context folder (for load-disk.ts: the disk facts) as Docker's client would send it: every file, folder and symlink
// (symlinks not followed), tested against the .dockerignore; excluded folders are not walked unless
// an `!` exception could bring something back. Unreadable folders and huge trees become errors.

import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { IgnoreMatcher } from '../parse/context/dockerignore.js';
import type { ContextEntry, EntryType, WalkResult } from '../parse/context/entries.js';

export const MAX_CONTEXT_ENTRIES = 200_000;

export function walkContext(dir: string, matcher: IgnoreMatcher | null, maxEntries = MAX_CONTEXT_ENTRIES): WalkResult {
  const entries: ContextEntry[] = [];
  const errors: WalkResult['errors'] = [];
  const visited = new Set<string>();
  let truncated = false;
  const stack: string[] = [''];
  while (stack.length && !truncated) {
    const rel = stack.pop()!;
    const abs = rel ? join(dir, rel) : dir;
    let names: string[];
    try {
      const st = lstatSync(abs);
      const key = `${st.dev}:${st.ino}`;
      if (visited.has(key)) continue; // a bind-mount loop; symlinks are never followed
      visited.add(key);
      names = readdirSync(abs);
    } catch (e) {
      errors.push({ path: rel || '.', message: describe(e) });
      continue;
    }
    names.sort();
    for (let i = names.length - 1; i >= 0; i--) {
      if (entries.length >= maxEntries) {
        truncated = true;
        break;
      }
      const path = rel ? `${rel}/${names[i]}` : names[i]!;
      let type: EntryType;
      let size = 0;
      try {
        const st = lstatSync(join(dir, path));
        type = st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
        size = type === 'dir' ? 0 : st.size;
      } catch (e) {
        errors.push({ path, message: describe(e) });
        continue;
      }
      const excluded = matcher ? matcher.ignores(path) : false;
      if (type === 'dir') {
        if (excluded && !matcher!.hasExceptions) {
          entries.push({ path, type, size, excluded, unwalked: true });
          continue;
        }
        stack.push(path);
      }
      entries.push({ path, type, size, excluded });
    }
  }
  if (truncated) errors.push({ path: '.', message: `more than ${maxEntries} entries: listing stopped there, the context was not checked whole` });
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { entries, errors, truncated };
}

function describe(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied: the builder could not read it either';
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return code ?? (e as Error).message;
}
