// Reads the project facts rules need from the files around a Dockerfile: the Python dependencies
// declared in requirements*.txt, pyproject.toml (PEP 621, Poetry, PDM, uv), Pipfile and the lock files.
// Never throws: an unreadable or malformed file is skipped.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
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

/**
 * Dependencies of a requirements file, following `-r other.txt` (relative to the file) once each.
 * `-c constraints.txt` only pins versions and adds nothing. Editable VCS URLs give their `#egg=` name.
 */
export function readRequirements(path: string, into: Map<string, string>, sourceOf: (file: string) => string, seen = new Set<string>(), within?: string): void {
  const abs = resolve(path);
  if (seen.has(abs)) return;
  seen.add(abs);
  const text = readText(abs, within);
  if (text === null) return;
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const raw of lines) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const include = /^(?:-r|--requirement)(?:\s*=\s*|\s+|(?=[^\s-]))(\S+)/.exec(line);
    if (include) {
      readRequirements(resolve(dirname(abs), include[1]!), into, sourceOf, seen, within);
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
    const name = egg ? normalizeName(egg[1]!) : requirementName(line.split(/\s+--?[a-z]/)[0]!);
    if (name) add(into, name, sourceOf(abs));
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

function readToml(path: string, within?: string): Record<string, unknown> | null {
  const text = readText(path, within);
  if (text === null) return null;
  try {
    return table(parseToml(text));
  } catch {
    return null;
  }
}

/** Runtime dependencies of pyproject.toml: PEP 621 `project.dependencies` (PDM, uv, Hatch, setuptools) and Poetry's. */
export function readPyproject(path: string, into: Map<string, string>, source: string, within?: string): void {
  const doc = readToml(path, within);
  if (!doc) return;
  const project = table(doc.project);
  for (const spec of strings(project?.dependencies)) {
    const name = requirementName(spec);
    if (name) add(into, name, source);
  }
  const poetry = table(table(doc.tool)?.poetry);
  const deps = table(poetry?.dependencies);
  for (const key of Object.keys(deps ?? {})) if (key.toLowerCase() !== 'python') add(into, normalizeName(key), source);
}

/** Pipfile `[packages]` (not `[dev-packages]`). */
export function readPipfile(path: string, into: Map<string, string>, source: string, within?: string): void {
  const doc = readToml(path, within);
  for (const key of Object.keys(table(doc?.packages) ?? {})) add(into, normalizeName(key), source);
}

/** Package names of poetry.lock, uv.lock and pdm.lock (`[[package]] name = ...`). */
export function readTomlLock(path: string, into: Map<string, string>, source: string, within?: string): void {
  const doc = readToml(path, within);
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
export function readPipfileLock(path: string, into: Map<string, string>, source: string, within?: string): void {
  const text = readText(path, within);
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
      const seen = new Set<string>();
      for (const file of files) {
        try {
          const name = basename(file);
          const within = root ?? start;
          if (name.endsWith('.txt')) readRequirements(file, deps, sourceOf, seen, within);
          else if (name === 'pyproject.toml') readPyproject(file, deps, sourceOf(file), within);
          else if (name === 'Pipfile') readPipfile(file, deps, sourceOf(file), within);
          else if (name === 'Pipfile.lock') readPipfileLock(file, deps, sourceOf(file), within);
          else readTomlLock(file, deps, sourceOf(file), within);
        } catch {
          // one bad file does not hide the others
        }
      }
      break;
    }
    facts.pythonDependencies = [...deps.keys()];
    facts.pythonDependencySources = [...new Set(deps.values())];
  } catch {
    // never throws: no facts
  }
  return facts;
}
