// I/O for `slipway init`: a bounded snapshot of the project (names of its files and folders, the contents
// of manifests and sources), the git remote, and the manifests of the folders above it up to the git root.
// Only regular files are read (no FIFOs, devices or symlinks), each under a size cap.

import { lstat, readdir } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { gitBranch, gitDefaultBranch, gitRemoteUrl, gitRoot } from '../git.js';
import { readProjectFile } from '../project/read-file.js';
import type { ProjectInput } from './detect.js';
import { compareText } from '../util/compare-text.js';

const MAX_BYTES = 256 * 1024;
/** Enough for real projects' top levels; a huge tree is cut, not walked to the end. */
const MAX_ENTRIES = 4000;
const MAX_DEPTH = 5;
const MAX_SOURCES = 600;
/** Never walked: dependencies, build output, caches, VCS. */
const SKIP_DIRS = new Set([
  '.git', 'node_modules', '.venv', 'venv', 'env', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache',
  'dist', 'build', 'out', '.next', '.nuxt', 'coverage', 'vendor', 'target', '.turbo', '.cache', 'site-packages', 'bower_components',
]);
/** Contents read: manifests, version files and sources detection looks into. */
const CONTENT = /(^|\/)(requirements[^/]*\.txt|pyproject\.toml|Pipfile|runtime\.txt|\.python-version|setup\.py|setup\.cfg|package\.json|\.nvmrc|\.node-version|tsconfig[^/]*\.json|project\.json|nest-cli\.json|next\.config\.(js|mjs|ts)|go\.mod|poetry\.lock|uv\.lock|pdm\.lock|Pipfile\.lock)$/;
const SOURCE = /\.(py|js|cjs|mjs|ts|cts|mts|go)$/;
const MANIFESTS_ABOVE = ['pyproject.toml', 'uv.lock', 'package.json', 'pnpm-workspace.yaml', 'go.work'];

/** A regular file's text, or undefined (absent, not a regular file, too big, a symlink). */
export async function readRegular(path: string, max = MAX_BYTES): Promise<string | undefined> {
  try {
    if ((await lstat(path)).isSymbolicLink()) return undefined; // init reads no links at all
  } catch {
    return undefined;
  }
  // The one safe reader: no FIFO or device opened, O_NOFOLLOW|O_NONBLOCK against a swap after the check.
  const r = readProjectFile(path, { maxBytes: max, allowBinary: true });
  return r.ok ? r.text : undefined;
}

/** Gather the ProjectInput for `dir`. */
export async function readProject(dir: string): Promise<ProjectInput> {
  const root = resolve(dir);
  const names: string[] = [];
  const files: Record<string, string> = {};
  let sources = 0;
  const queue: Array<[string, number]> = [['', 0]];
  while (queue.length && names.length < MAX_ENTRIES) {
    const [rel, depth] = queue.shift()!;
    let entries;
    try {
      entries = await readdir(join(root, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => compareText(a.name, b.name));
    for (const e of entries) {
      if (names.length >= MAX_ENTRIES) break;
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        names.push(`${p}/`);
        if (!SKIP_DIRS.has(e.name) && depth + 1 < MAX_DEPTH) queue.push([p, depth + 1]);
      } else if (e.isFile()) {
        names.push(p);
        const wanted = CONTENT.test(p) || (SOURCE.test(p) && sources < MAX_SOURCES);
        if (!wanted) continue;
        const text = await readRegular(join(root, p));
        if (text === undefined) continue;
        files[p] = text;
        if (SOURCE.test(p)) sources++;
      } else if (e.isSymbolicLink()) {
        names.push(p);
      }
    }
  }
  const git = findGitRoot(root);
  const parentFiles: Record<string, string> = {};
  if (git && git !== root) {
    for (let d = dirname(root); ; d = dirname(d)) {
      for (const m of MANIFESTS_ABOVE) {
        const text = await readRegular(join(d, m));
        if (text !== undefined) parentFiles[`${relative(root, d).split('\\').join('/')}/${m}`] = text;
      }
      if (d === git || dirname(d) === d) break;
    }
  }
  return {
    dirName: basename(root),
    names: names.sort(),
    files,
    gitRemote: git ? gitRemote(git) : undefined,
    parentFiles,
    gitRoot: git,
    defaultBranch: git ? defaultBranch(git) : undefined,
  };
}

/** The git work tree root containing `dir`, through git (src/git.ts); undefined when it is not in one. */
export function findGitRoot(dir: string): string | undefined {
  try {
    return resolve(gitRoot(dir));
  } catch {
    return undefined; // not a repository, or no git
  }
}

/** The URL of `origin` (else the first remote), read through git (src/git.ts). */
export function gitRemote(root: string): string | undefined {
  try {
    return gitRemoteUrl(root) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The repository's default branch (origin/HEAD, else the local main or master), through git. */
export function defaultBranch(root: string): string | undefined {
  try {
    return gitDefaultBranch(root) ?? gitBranch(root) ?? undefined;
  } catch {
    return undefined;
  }
}
