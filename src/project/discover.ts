// Finds the files `slipway check` reads under the given paths, as a table of kinds,
// skipping .git, node_modules, vendor and whatever .gitignore files ignore.

import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isInside, readTextOrNull } from './read-file.js';
import { compareText } from '../util/compare-text.js';

export type FileKind = 'dockerfile' | 'compose' | 'dockerignore' | 'workflow' | 'env';

/** `Dockerfile.tmpl`, `Dockerfile.j2`, `Dockerfile.orig`…: the source of a Dockerfile or a leftover, which nobody builds as it is. */
const NOT_BUILT = /\.(tmpl|tpl|template|j2|jinja2?|erb|mustache|hbs|gotmpl|m4|in|orig|bak|rej|swp|md|txt)$/i;

/** Which files are which kind, by name and path relative to the folder searched. First match wins. */
export const FILE_KINDS: { kind: FileKind; matches: (name: string, rel: string) => boolean }[] = [
  {
    kind: 'compose',
    // As dclint finds them, and as `docker compose -f` users name them: compose.prod.yaml, docker-compose-dev.yml, docker-compose_test.yml.
    matches: (name) => /^(docker-)?compose([._-][\w.-]*)?\.ya?ml$/.test(name),
  },
  { kind: 'dockerignore', matches: (name) => name === '.dockerignore' || name.endsWith('.dockerignore') },
  { kind: 'workflow', matches: (_name, rel) => /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(rel) },
  { kind: 'env', matches: (name) => name === '.env' || name.startsWith('.env.') },
  {
    kind: 'dockerfile',
    matches: (name) =>
      name === 'Dockerfile' ||
      // the docker CLI falls back to a lowercase `dockerfile` when there is no `Dockerfile` (walk skips it then)
      name === 'dockerfile' ||
      ((name.startsWith('Dockerfile.') || name.startsWith('Containerfile.')) && !NOT_BUILT.test(name)) ||
      name === 'Containerfile' ||
      /\.(dockerfile|Dockerfile)$/.test(name),
  },
];

export function kindOf(path: string, rel = path): FileKind | null {
  return kindOfName(basename(path), rel.split(sep).join('/'));
}

/** kindOf for a file name and its path with `/` separators (the walk has both at hand). */
function kindOfName(name: string, rel: string): FileKind | null {
  return FILE_KINDS.find((k) => k.matches(name, rel))?.kind ?? null;
}

/** Kinds found even where .gitignore ignores them: a `.env` is meant to be ignored by git, and still checked. */
const FOUND_WHEN_IGNORED = new Set<FileKind>(['env']);

const SKIP_DIRS = new Set(['.git', 'node_modules', 'vendor', '.hg', '.svn']);

export interface Discovered {
  path: string;
  kind: FileKind;
}

export interface DiscoverResult {
  files: Discovered[];
  /** Paths that could not be read (reported as file errors). */
  unreadable: { path: string; message: string }[];
}

/**
 * Expands files and folders into the files to check. A file named explicitly is checked
 * whatever its name (as Dockerfile); a folder is searched recursively.
 */
export function discover(paths: string[], extraIgnores: string[] = []): DiscoverResult {
  const result: DiscoverResult = { files: [], unreadable: [] };
  const seen = new Set<string>();
  const add = (path: string, kind: FileKind) => {
    if (seen.has(path)) return;
    seen.add(path);
    result.files.push({ path, kind });
  };
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch (e) {
      result.unreadable.push({ path, message: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message });
      continue;
    }
    // An ignore without patterns ignores nothing: not asked about every entry.
    if (stat.isDirectory()) walk(path, path, '', extraIgnores.length ? [rootIgnore(extraIgnores)] : [], add, result, new Set());
    else add(path, kindOf(path) ?? 'dockerfile');
  }
  return result;
}

const realRoots = new Map<string, string>();
function realRoot(root: string): string {
  if (!realRoots.has(root)) realRoots.set(root, realpathSync(root));
  return realRoots.get(root)!;
}

function rootIgnore(patterns: string[]): { base: string; ig: Ignore } {
  return { base: '', ig: ignore().add(patterns) };
}

function walk(
  root: string,
  dir: string,
  /** `dir` relative to `root`, with `/` separators ('' for the root): built as the walk descends, not recomputed per entry. */
  relDir: string,
  ignores: { base: string; ig: Ignore }[],
  add: (path: string, kind: FileKind) => void,
  result: DiscoverResult,
  visited: Set<string>,
): void {
  let real: string;
  let entries;
  try {
    const st = statSync(dir);
    real = st.ino + ':' + st.dev;
    if (visited.has(real)) return; // a symlink loop
    visited.add(real);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    result.unreadable.push({ path: dir, message: (e as Error).message });
    return;
  }
  let scoped = ignores;
  if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
    // An unreadable (or special, or linked-out) .gitignore ignores nothing.
    const text = readTextOrNull(join(dir, '.gitignore'), { within: root });
    if (text !== null) scoped = [...ignores, { base: relDir ? `${relDir}/` : '', ig: ignore().add(text) }];
  }
  entries.sort((a, b) => compareText(a.name, b.name));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
    let isDir = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        isDir = statSync(full).isDirectory();
        // A linked folder outside the searched one is not walked (one link to / would list the machine).
        if (isDir && !isInside(realRoot(root), realpathSync(full))) continue;
      } catch {
        continue; // a dangling link
      }
    }
    if (isDir && SKIP_DIRS.has(entry.name)) continue;
    const ignored = scoped.some(({ base, ig }) => {
      if (!rel.startsWith(base)) return false;
      const sub = rel.slice(base.length);
      return sub !== '' && ig.ignores(isDir ? `${sub}/` : sub);
    });
    if (isDir) {
      if (!ignored) walk(root, full, rel, scoped, add, result, visited);
      continue;
    }
    if (entry.name === 'dockerfile' && entries.some((e) => e.name === 'Dockerfile')) continue; // docker build reads Dockerfile
    const kind = kindOfName(entry.name, rel);
    if (kind && (!ignored || FOUND_WHEN_IGNORED.has(kind))) add(full, kind);
  }
}
