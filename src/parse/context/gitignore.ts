// Is a path a build output that git leaves out? A COPY source missing from a fresh checkout but
// listed in a .gitignore is made by a step before `docker build` (a binary, `build/`, certificates).
// Git's patterns are turned into Docker's (same matcher as .dockerignore): a pattern without a slash
// matches at any depth below its .gitignore, one with a slash is anchored to that folder.

import { posix, relative, sep } from 'node:path';
import type { DiskFacts } from '../../project/disk-facts.js';
import { ignoreMatcher } from './dockerignore.js';

/** One .gitignore line as a .dockerignore line, or null for comments and blank lines. */
export function gitPatternAsDocker(line: string): string | null {
  const text = line.replace(/\r$/, '').replace(/(?<!\\)\s+$/, '');
  if (!text || text.startsWith('#')) return null;
  const negative = text.startsWith('!');
  let p = negative ? text.slice(1) : text;
  p = p.replace(/\/+$/, '');
  if (!p) return null;
  p = p.includes('/') ? p.replace(/^\/+/, '') : `**/${p}`;
  return `${negative ? '!' : ''}${p}`;
}

/** The .gitignore (absolute path) that leaves `abs` out, or null; `dirs` are the folders to look in, outermost last. */
export function gitIgnoredBy(disk: DiskFacts, dirs: string[], abs: string): string | null {
  for (const dir of dirs) {
    const file = `${dir}${sep}.gitignore`;
    const r = disk.gitignores[file];
    if (!r?.ok) continue;
    const rel = relative(dir, abs).split(sep).join(posix.sep);
    if (!rel || rel.startsWith('..')) continue;
    const text = r.text.split('\n').map(gitPatternAsDocker).filter((l): l is string => l !== null).join('\n');
    // `build/*` ignores what is in build/: the folder is then absent from a checkout too.
    const m = ignoreMatcher(text);
    if (m.ignores(rel) || m.ignores(`${rel}/_`)) return file;
  }
  return null;
}
