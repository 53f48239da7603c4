// Reads the project facts rules need from the files around a Dockerfile: the Python dependencies
// declared in requirements*.txt, pyproject.toml (PEP 621, Poetry, PDM, uv), Pipfile and the lock files.
// Never throws: an unreadable or malformed file is skipped.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, posix, relative, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { NO_FACTS, type ProjectFacts } from './facts.js';
import { readTextOrNull } from './read-file.js';

/** PEP 503 normalised name: lower-case, runs of `-`, `_`, `.` as one `-`. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

/** The distribution name of a PEP 508 requirement (`requests[socks]>=2; python_version<"3.8"` → requests). */
export function requirementName(spec: string): string | null {
  const s = spec.trim();
  // `name @ https://...`, `name[extra]`, `name>=1`, `name ; marker`
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(?:@|[<>=!~;(]|$|\s)/.exec(s);
  return m ? normalizeName(m[1]!) : null;
}

/** `within`: the folder facts may come from (the repository root, else the Dockerfile's folder), so `-r /dev/zero` or a link to ~ is not read. */
function readText(path: string, within: string | undefined): string | null {
  return readTextOrNull(path, { within, allowBinary: true });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The extras of a PEP 508 requirement (`fastapi[standard,all]>=1` → standard, all). */
export function requirementExtras(spec: string): string[] {
  const m = /^\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*\[([^\]]*)\]/.exec(spec);
  return m ? m[1]!.split(',').map((e) => normalizeName(e)).filter(Boolean) : [];
}

/** Reads a file by path; null when it cannot be read. Lets one parser serve the disk (check) and init's snapshot. */
export type ReadText = (path: string) => string | null;

/** What a project's Python manifests declare. */
export interface PythonDeclared {
  /** Direct runtime dependencies (requirements, pyproject, Pipfile) → the file that declares them. */
  direct: Map<string, string>;
  /** Packages pinned by the lock files (direct and transitive) → the lock file. */
  locked: Map<string, string>;
  /** `name[extra]` for each extra a direct dependency asks for. */
  extras: Set<string>;
}

function addExtras(into: Set<string> | undefined, name: string, extras: string[]): void {
  if (into) for (const e of extras) into.add(`${name}[${e}]`);
}

/** The disk reader: regular files under `within` only. */
function diskReader(within: string | undefined): ReadText {
  return (path) => readText(path, within);
}

/**
 * Dependencies of a requirements file, following `-r other.txt` (relative to the file) once each.
 * `-c constraints.txt` only pins versions and adds nothing. Editable VCS URLs give their `#egg=` name.
 * Absolute paths are read from disk; relative ones (init's snapshot) through `read` as they are.
 */
export function readRequirements(
  path: string,
  into: Map<string, string>,
  sourceOf: (file: string) => string,
  seen = new Set<string>(),
  read: ReadText | string | undefined = undefined,
  extras?: Set<string>,
): void {
  const reader = typeof read === 'function' ? read : diskReader(read);
  const abs = isAbsolute(path) ? resolve(path) : posix.normalize(path);
  if (seen.has(abs)) return;
  seen.add(abs);
  const text = reader(abs);
  if (text === null) return;
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const raw of lines) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const include = /^(?:-r|--requirement)(?:\s*=\s*|\s+|(?=[^\s-]))(\S+)/.exec(line);
    if (include) {
      const next = isAbsolute(abs) ? resolve(dirname(abs), include[1]!) : posix.join(posix.dirname(abs), include[1]!);
      readRequirements(next, into, sourceOf, seen, reader, extras);
      continue;
    }
    const editable = /^(?:-e|--editable)(?:\s*=\s*|\s+)(\S+)/.exec(line);
    if (editable) {
      const egg = /#(?:.*&)?egg=([A-Za-z0-9._-]+)/.exec(editable[1]!);
      if (egg) add(into, normalizeName(egg[1]!), sourceOf(abs));
      continue;
    }
    if (line.startsWith('-')) continue;
    // URLs and local paths without a name.
    if (/^(\.|\/|~|[a-z+]+:\/\/)/i.test(line) && !/#egg=/.test(line)) continue;
    const egg = /#(?:.*&)?egg=([A-Za-z0-9._-]+)/.exec(line);
    const spec = line.split(/\s+--?[a-z]/)[0]!;
    const name = egg ? normalizeName(egg[1]!) : requirementName(spec);
    if (!name) continue;
    add(into, name, sourceOf(abs));
    addExtras(extras, name, requirementExtras(spec));
  }
}

function add(into: Map<string, string>, name: string, source: string): void {
  if (!into.has(name)) into.set(name, source);
}

function table(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function readToml(path: string, read: ReadText): Record<string, unknown> | null {
  const text = read(path);
  if (text === null) return null;
  try {
    return table(parseToml(text));
  } catch {
    return null;
  }
}

/** Runtime dependencies of pyproject.toml: PEP 621 `project.dependencies` (PDM, uv, Hatch, setuptools) and Poetry's. */
export function readPyproject(path: string, into: Map<string, string>, source: string, read?: ReadText | string, extras?: Set<string>): void {
  const doc = readToml(path, typeof read === 'function' ? read : diskReader(read));
  if (!doc) return;
  const project = table(doc.project);
  for (const spec of strings(project?.dependencies)) {
    const name = requirementName(spec);
    if (!name) continue;
    add(into, name, source);
    addExtras(extras, name, requirementExtras(spec));
  }
  const poetry = table(table(doc.tool)?.poetry);
  const deps = table(poetry?.dependencies);
  for (const [key, value] of Object.entries(deps ?? {})) {
    if (key.toLowerCase() === 'python') continue;
    add(into, normalizeName(key), source);
    addExtras(extras, normalizeName(key), strings(table(value)?.extras).map(normalizeName));
  }
}

/** Pipfile `[packages]` (not `[dev-packages]`). */
export function readPipfile(path: string, into: Map<string, string>, source: string, read?: ReadText | string): void {
  const doc = readToml(path, typeof read === 'function' ? read : diskReader(read));
  for (const key of Object.keys(table(doc?.packages) ?? {})) add(into, normalizeName(key), source);
}

/** Package names of poetry.lock, uv.lock and pdm.lock (`[[package]] name = ...`). */
export function readTomlLock(path: string, into: Map<string, string>, source: string, read?: ReadText | string): void {
  const doc = readToml(path, typeof read === 'function' ? read : diskReader(read));
  const packages = Array.isArray(doc?.package) ? (doc!.package as unknown[]) : [];
  for (const p of packages) {
    const name = table(p)?.name;
    // uv.lock lists the project itself as a package with `source = { editable = "." }` or `virtual`.
    const src = table(table(p)?.source);
    if (src && ('editable' in src || 'virtual' in src)) continue;
    if (typeof name === 'string') add(into, normalizeName(name), source);
  }
}

/** Pipfile.lock `default` section (JSON). */
export function readPipfileLock(path: string, into: Map<string, string>, source: string, read?: ReadText | string): void {
  const text = (typeof read === 'function' ? read : diskReader(read))(path);
  if (text === null) return;
  try {
    const doc = table(JSON.parse(text));
    for (const key of Object.keys(table(doc?.default) ?? {})) add(into, normalizeName(key), source);
  } catch {
    // malformed: skipped
  }
}

/** The nearest directory at or above `dir` that holds `.git`, or null. */
function gitRoot(dir: string): string | null {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return null;
  }
}

/** The Python manifests of one directory, requirements files first. */
function manifestsIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const out = names.filter((n) => /^requirements.*\.txt$/i.test(n)).map((n) => join(dir, n));
  const reqDir = join(dir, 'requirements');
  if (isDir(reqDir)) {
    try {
      out.push(...readdirSync(reqDir).sort().filter((n) => n.endsWith('.txt')).map((n) => join(reqDir, n)));
    } catch {
      // unreadable: skipped
    }
  }
  for (const n of ['pyproject.toml', 'Pipfile', 'poetry.lock', 'uv.lock', 'pdm.lock', 'Pipfile.lock']) if (names.includes(n)) out.push(join(dir, n));
  return out.filter(isFile);
}

/**
 * The dependencies declared by a set of manifest files (requirements*.txt, pyproject.toml, Pipfile and
 * the lock files), read through `read`: the one reader `check` (from disk) and `init` (from its snapshot) share.
 */
export function readPythonManifests(files: readonly string[], read: ReadText, sourceOf: (file: string) => string = (f) => f): PythonDeclared {
  const out: PythonDeclared = { direct: new Map(), locked: new Map(), extras: new Set() };
  const seen = new Set<string>();
  for (const file of files) {
    try {
      const name = basename(file);
      if (name.endsWith('.txt')) readRequirements(file, out.direct, sourceOf, seen, read, out.extras);
      else if (name === 'pyproject.toml') readPyproject(file, out.direct, sourceOf(file), read, out.extras);
      else if (name === 'Pipfile') readPipfile(file, out.direct, sourceOf(file), read);
      else if (name === 'Pipfile.lock') readPipfileLock(file, out.locked, sourceOf(file), read);
      else if (name.endsWith('.lock')) readTomlLock(file, out.locked, sourceOf(file), read);
    } catch {
      // one bad file does not hide the others
    }
  }
  return out;
}

/**
 * The facts for a Dockerfile in `dockerfileDir`. Python manifests are looked for next to the Dockerfile,
 * then in each parent up to the repository root (the nearest directory with `.git`); the nearest
 * directory that has any wins, so a service's own requirements are not mixed with the root's.
 */
export function loadProjectFacts(dockerfileDir: string): ProjectFacts {
  const facts: ProjectFacts = { ...NO_FACTS, pythonDependencies: [], pythonDependencySources: [] };
  try {
    const start = resolve(dockerfileDir);
    const root = gitRoot(start);
    const dirs: string[] = [start];
    if (root && root !== start && start.startsWith(root)) {
      for (let d = dirname(start); ; d = dirname(d)) {
        dirs.push(d);
        if (d === root || dirname(d) === d) break;
      }
    }
    const deps = new Map<string, string>();
    const sourceOf = (file: string) => relative(start, file).split('\\').join('/') || file;
    for (const dir of dirs) {
      const files = manifestsIn(dir);
      if (!files.length) continue;
      const declared = readPythonManifests(files, diskReader(root ?? start), sourceOf);
      for (const m of [declared.direct, declared.locked]) for (const [k, v] of m) add(deps, k, v);
      break;
    }
    facts.pythonDependencies = [...deps.keys()];
    facts.pythonDependencySources = [...new Set(deps.values())];
  } catch {
    // never throws: no facts
  }
  return facts;
}
