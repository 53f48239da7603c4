// I/O for `slipway init`: reads only the few files that detection needs, and the git remote.

import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { gitRemoteUrl } from '../git.js';
import type { ProjectInput } from './detect.js';

/** Files whose contents detection reads when they exist (small, at known places). */
const CONTENT_FILES = [
  'requirements.txt', 'pyproject.toml', 'Pipfile', 'runtime.txt', '.python-version', 'manage.py', 'setup.py',
  'main.py', 'app.py', 'server.py', 'api.py', 'wsgi.py', 'asgi.py', 'app/main.py', 'app/__init__.py', 'src/main.py', 'src/app.py',
  'package.json', '.nvmrc', '.node-version',
  'server.js', 'index.js', 'app.js', 'src/index.js', 'src/server.js', 'src/main.ts', 'src/index.ts', 'src/server.ts',
  'go.mod', 'main.go',
];
/** Files whose existence matters (lockfiles and the like). */
const NAME_FILES = [
  'poetry.lock', 'uv.lock', 'pdm.lock', 'Pipfile.lock', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock',
  'pnpm-lock.yaml', 'pnpm-workspace.yaml', '.yarnrc.yml', 'go.sum', 'Dockerfile', '.dockerignore',
];
const MAX_BYTES = 256 * 1024;

async function readSmall(path: string): Promise<string | undefined> {
  try {
    const s = await stat(path);
    if (!s.isFile() || s.size > MAX_BYTES) return undefined;
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Gather the ProjectInput for `dir`. */
export async function readProject(dir: string): Promise<ProjectInput> {
  const root = resolve(dir);
  const files: Record<string, string> = {};
  const names = new Set<string>();
  let top: string[] = [];
  try {
    top = await readdir(root);
  } catch {
    top = [];
  }
  for (const n of top) names.add(n);

  const wanted = new Set([...CONTENT_FILES]);
  // Node: the file `start` runs or `main` names; Django: the settings module; Go: cmd/*/main.go.
  const pkgText = await readSmall(join(root, 'package.json'));
  if (pkgText) {
    try {
      const pkg = JSON.parse(pkgText) as { main?: string; scripts?: Record<string, string> };
      if (pkg.main) wanted.add(pkg.main.replace(/^\.\//, ''));
      const fromStart = /node\s+(?:--[\w-]+(?:=\S+)?\s+)*([\w./-]+\.(?:c|m)?js)\b/.exec(pkg.scripts?.['start'] ?? '')?.[1];
      if (fromStart) wanted.add(fromStart.replace(/^\.\//, ''));
    } catch {
      /* detect reports it */
    }
  }
  const manage = await readSmall(join(root, 'manage.py'));
  const settingsPkg = manage && /DJANGO_SETTINGS_MODULE['"]\s*,\s*['"]([\w.]+)\.settings['"]/.exec(manage)?.[1];
  if (settingsPkg) wanted.add(`${settingsPkg.replace(/\./g, '/')}/settings.py`);
  try {
    for (const d of await readdir(join(root, 'cmd'))) wanted.add(`cmd/${d}/main.go`);
  } catch {
    /* no cmd/ */
  }

  for (const rel of wanted) {
    if (rel.includes('..')) continue;
    const text = await readSmall(join(root, rel));
    if (text !== undefined) {
      files[rel] = text;
      names.add(rel);
    }
  }
  for (const rel of NAME_FILES) {
    if (names.has(rel)) continue;
    try {
      await stat(join(root, rel));
      names.add(rel);
    } catch {
      /* absent */
    }
  }
  return { dirName: basename(root), names: [...names].sort(), files, gitRemote: await gitRemote(root) };
}

/** The URL of `origin` (else the first remote), read through git (src/git.ts). */
export async function gitRemote(root: string): Promise<string | undefined> {
  try {
    return gitRemoteUrl(root) ?? undefined;
  } catch {
    return undefined; // not a repository, or no git
  }
}
