// Project detection for `slipway init`: a pure function from a snapshot of the project (read-project.ts)
// to a Stack. Each language has its reader in detect/; this file holds the shared shape and helpers.

import { detectGo } from './detect/go.js';
import { detectNode } from './detect/node.js';
import { detectPython } from './detect/python.js';

export type Language = 'python' | 'node' | 'go';
export type PackageManager = 'pip' | 'poetry' | 'uv' | 'pdm' | 'pipenv' | 'npm' | 'yarn' | 'pnpm' | 'go';
export type Framework =
  | 'fastapi'
  | 'starlette'
  | 'flask'
  | 'django'
  | 'express'
  | 'fastify'
  | 'nestjs'
  | 'nextjs'
  | 'none';
/** Backing services the dependencies show; the compose file offers them. */
export type Service = 'postgres' | 'mysql' | 'mongo' | 'redis';
/** What init must know for sure, else ask (terminal) or stop (--yes). */
export type Unknown = 'language' | 'entry' | 'port';

/** What detection reads: file contents by relative path (POSIX separators) and the names that exist. */
export interface ProjectInput {
  /** Directory name, the fallback project name. */
  dirName: string;
  /** Relative paths of the files that exist (a bounded walk; directories end with `/`). */
  names: readonly string[];
  /** Contents of the files that detection needs (manifests, sources), by relative path. */
  files: Readonly<Record<string, string>>;
  /** `origin` remote URL from .git/config, if any. */
  gitRemote?: string;
  /** Files of the folders above the project up to the git root, by path relative to the project (`../uv.lock`). */
  parentFiles?: Readonly<Record<string, string>>;
  /** The git work tree root (absolute), when the project is in one: the workflow goes there. */
  gitRoot?: string;
  /** The repository's default branch, as git says. */
  defaultBranch?: string;
}

export interface PythonFacts {
  /** Folder the app's packages are imported from, when not the project root (`src`). */
  importRoot?: string;
  /** The entry is an app factory (`module:create_app`): the server calls it. */
  factory?: boolean;
  /** Install the project itself into the virtualenv (uv src layouts). */
  installProject?: boolean;
  /** Django: the server module (`proj.wsgi:application` or `proj.asgi:application`). */
  djangoServer?: 'wsgi' | 'asgi';
  /** Environment variables the settings read, in the project's own names. */
  envVars: string[];
  /** The app writes an SQLite file next to its code: the app folder must be writable. */
  sqliteInAppDir?: boolean;
  /** The project is a member of a uv workspace whose lock file is above it. */
  workspaceRoot?: string;
}

export interface NodeFacts {
  /** Package-manager scripts that build the app, in order (`prestart:prod`, `build`). */
  buildScripts: string[];
  /** Run `tsc` when TypeScript has no build script. */
  tsc?: boolean;
  /** A file the build must produce (the CMD's script): the build stage checks it. */
  built?: string;
  /** Next.js `output: 'standalone'`. */
  standalone?: boolean;
  /** Prisma client to generate before the build. */
  prisma?: boolean;
  /** The development command (a dev/start:dev script, else node --watch). */
  devCommand?: string[];
  /** Environment the start script sets (`NODE_ENV=production node …`). */
  startEnv: Record<string, string>;
}

export interface GoFacts {
  /** cgo dependencies (mattn/go-sqlite3 …): a cgo build and a glibc runtime. */
  cgo: string[];
  /** Folders the binary reads at run time (config/, templates/, migrations/ …), copied next to it. */
  runtimeDirs: string[];
  /** Every main package found. */
  mains: string[];
  /** Environment variables the code reads (os.Getenv, `env:"NAME"` struct tags), the required ones marked. */
  envVars: Array<{ name: string; required: boolean }>;
}

export interface Stack {
  language: Language;
  /** Project name from the manifest or the directory; lower-case, image-name safe. */
  name: string;
  packageManager: PackageManager;
  framework: Framework;
  /**
   * Python: `module:variable` for ASGI/WSGI apps, a script path for plain apps, `-m pkg` as `pkg` + module flag,
   * the Django project package for Django. Node: the file `node` runs. Go: the main package (`.` or `./cmd/x`).
   */
  entry?: string;
  /** The production command, when given (--command) or read from a start script as argv. */
  command?: string[];
  port?: number;
  /** The app reads its port from this variable: the image sets it. */
  portEnv?: string;
  /** Declared runtime version, major.minor (Go: major.minor of the `go` directive; Node: major). */
  version?: string;
  /** Dependencies with C extensions (Python) or native addons (Node): never alpine. */
  nativeDeps: string[];
  /** Files the Dockerfile copies before the source to install dependencies (all exist). */
  manifests: string[];
  /** Node: package.json scripts that matter. */
  scripts: { build?: string; start?: string; dev?: string };
  /** Yarn Berry (.yarnrc.yml) vs classic. */
  yarnBerry?: boolean;
  /** Django: STATIC_ROOT is configured, so collectstatic can run at build time. */
  djangoStaticRoot?: boolean;
  /** A server the CMD runs that the project does not list: the image installs it (and says so). */
  missingServer?: string;
  python?: PythonFacts;
  node?: NodeFacts;
  go?: GoFacts;
  /** Folders the app writes to (logs/, uploads/ …): owned by the app user in the image. */
  writableDirs: string[];
  services: Service[];
  /** Human-readable notes on what was guessed (printed with the plan). */
  notes: string[];
  /** What could not be detected for sure and must be asked or given by flags. */
  unknown: Unknown[];
  /** Why each unknown is unknown: printed when --yes stops. */
  why: Partial<Record<Unknown, string>>;
}

export interface Remote {
  host: string;
  owner: string;
  repo: string;
}

export const DEFAULT_VERSIONS: Record<Language, string> = { python: '3.12', node: '22', go: '1.23' };
export const DEFAULT_PORTS: Record<Framework, number> = {
  fastapi: 8000,
  starlette: 8000,
  flask: 8000,
  django: 8000,
  express: 3000,
  fastify: 3000,
  nestjs: 3000,
  nextjs: 3000,
  none: 8000,
};

export class DetectError extends Error {
  override name = 'DetectError';
}

export interface DetectOverrides {
  language?: Language;
  entry?: string;
  port?: number;
  /** The production command, as argv (--command). */
  command?: string[];
}

/** Detect the stack. Throws DetectError only when the language cannot be told and none is given. */
export function detect(input: ProjectInput, overrides: DetectOverrides = {}): Stack {
  const language = overrides.language ?? detectLanguage(input);
  if (!language) throw new DetectError('cannot tell the language: no requirements.txt, pyproject.toml, Pipfile, package.json or go.mod');
  const stack =
    language === 'python' ? detectPython(input, overrides) : language === 'node' ? detectNode(input, overrides) : detectGo(input, overrides);
  const known = (u: Unknown) => {
    stack.unknown = stack.unknown.filter((x) => x !== u);
    delete stack.why[u];
  };
  if (overrides.command !== undefined) {
    stack.command = overrides.command;
    known('entry');
  }
  if (overrides.entry !== undefined) {
    const problem = applyEntry(stack, input, overrides.entry);
    if (problem) throw new DetectError(`--entry ${JSON.stringify(overrides.entry)}: ${problem}`);
    known('entry');
  }
  if (overrides.port !== undefined) {
    stack.port = overrides.port;
    known('port');
  }
  return stack;
}

/**
 * Use `entry` (from --entry or the terminal) as what the image runs. Returns why it cannot be, when the
 * file or package it names is not in the project and no build makes it: never a CMD that cannot start.
 */
export function applyEntry(stack: Stack, input: ProjectInput, entry: string): string | undefined {
  const has = (p: string) => input.names.includes(p);
  if (stack.language === 'python') {
    const factory = entry.endsWith('()');
    const value = factory ? entry.slice(0, -2) : entry;
    if (value.endsWith('.py')) {
      if (!has(value)) return `${value} is not in the project`;
    } else {
      const mod = value.split(':')[0]!.replace(/\./g, '/');
      const roots = ['', 'src/', ...(stack.python?.importRoot ? [`${stack.python.importRoot}/`] : [])];
      const found = roots.find((r) => has(`${r}${mod}.py`) || has(`${r}${mod}/__init__.py`) || has(`${r}${mod}/__main__.py`));
      if (found === undefined) return `no module ${value.split(':')[0]} (${mod}.py or ${mod}/__init__.py) in the project`;
      if (stack.python && found === 'src/') stack.python.importRoot = 'src';
      if (stack.framework !== 'none' && stack.framework !== 'django' && !value.includes(':')) return 'name the app as module:variable (app.main:app)';
    }
    stack.entry = value;
    if (stack.python) stack.python.factory = factory;
    stack.command = undefined;
    return undefined;
  }
  if (stack.language === 'node') {
    const file = entry.replace(/^\.\//, '');
    const builds = Boolean(stack.node && (stack.node.buildScripts.length || stack.node.tsc));
    if (!has(file) && !builds) return `${file} is not in the project and no build script makes it`;
    stack.entry = file;
    stack.command = ['node', file];
    if (stack.node) stack.node.built = has(file) ? undefined : file;
    if (stack.node && !stack.node.devCommand?.length) stack.node.devCommand = ['node', '--watch', file];
    return undefined;
  }
  const dir = entry === '.' ? '' : `${entry.replace(/^\.\//, '').replace(/\/+$/, '')}/`;
  if (!input.names.some((n) => n.startsWith(dir) && !n.slice(dir.length).includes('/') && n.endsWith('.go'))) return `no Go files in ${dir || 'the project root'}`;
  stack.entry = dir ? `./${dir.slice(0, -1)}` : '.';
  return undefined;
}

export function detectLanguage(input: ProjectInput): Language | undefined {
  const has = (n: string) => input.names.includes(n);
  if (has('go.mod')) return 'go';
  const python = has('requirements.txt') || has('pyproject.toml') || has('Pipfile') || has('setup.py') || has('manage.py');
  if (has('package.json') && !python) return 'node';
  if (python) return 'python';
  return undefined;
}

/** A fresh Stack with the fields every language fills. */
export function baseStack(language: Language, name: string, packageManager: PackageManager): Stack {
  return {
    language,
    name,
    packageManager,
    framework: 'none',
    nativeDeps: [],
    manifests: [],
    scripts: {},
    writableDirs: [],
    services: [],
    notes: [],
    unknown: [],
    why: {},
  };
}

/** Mark something as not known for sure, with the reason --yes prints. */
export function unsure(stack: Stack, what: Unknown, why: string): void {
  if (!stack.unknown.includes(what)) stack.unknown.push(what);
  stack.why[what] = why;
}

// ------------------------------------------------------------------------------------------ names

/** An image-name-safe project name: lower case, [a-z0-9._-], starting with a letter or digit. */
export function imageSafeName(raw: string): string {
  const s = raw
    .toLowerCase()
    .replace(/^@[^/]+\//, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/[-._]+$/, '');
  return s || 'app';
}

/** One path component of a registry repository name (the Distribution spec's grammar). */
const IMAGE_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/**
 * Parse a git remote URL (https, ssh, scp-like) into host/owner/repo. Undefined when it is not one, or
 * when owner or repository are not valid image path components (they end up in YAML and image names).
 */
export function parseRemote(url: string | undefined): Remote | undefined {
  if (!url) return undefined;
  const u = url.trim();
  const m = /^(?:[a-z+]+:\/\/)?(?:[^@/\s]+@)?([a-z0-9.-]+)(?::\d+)?[:/](.+?)(?:\.git)?\/?$/i.exec(u);
  if (!m) return undefined;
  const host = m[1]!.toLowerCase();
  const parts = m[2]!.replace(/^\/+/, '').split('/').filter(Boolean);
  if (parts.length < 2) return undefined;
  const repo = imageSafeName(parts[parts.length - 1]!);
  const owner = parts.slice(0, -1).join('/').toLowerCase();
  if (!owner.split('/').every((c) => IMAGE_COMPONENT.test(c)) || !IMAGE_COMPONENT.test(repo)) return undefined;
  return { host, owner, repo };
}

/** The registry for a git host: GitHub → ghcr.io, GitLab → registry.gitlab.com, else ghcr.io. */
export function registryFor(host: string | undefined): string {
  if (host === 'gitlab.com') return 'registry.gitlab.com';
  return 'ghcr.io';
}

/** "3.11.4" / ">=3.11" / "^3.10" / "~=3.12.1" → "3.11" etc.: the lowest major.minor a spec allows. */
export function majorMinor(spec: string | undefined, majorOnly = false): string | undefined {
  if (!spec) return undefined;
  const m = /(\d+)(?:\.(\d+))?/.exec(spec);
  if (!m) return undefined;
  if (majorOnly) return m[1];
  return m[2] !== undefined ? `${m[1]}.${m[2]}` : undefined;
}

/** Top-level folders that exist in the snapshot. */
export function topDirs(input: ProjectInput): string[] {
  return input.names.filter((n) => /^[^/]+\/$/.test(n)).map((n) => n.slice(0, -1));
}

/** Folders apps write to at run time, by convention: owned by the app user when the project has them. */
export const WRITABLE_DIR_NAMES = ['logs', 'log', 'tmp', 'uploads', 'media', 'storage'];

export function writableDirs(input: ProjectInput): string[] {
  const dirs = new Set(topDirs(input));
  return WRITABLE_DIR_NAMES.filter((d) => dirs.has(d));
}

/** Services the dependency names show (package names of any ecosystem). */
export function servicesOf(deps: Iterable<string>): Service[] {
  const out = new Set<Service>();
  for (const raw of deps) {
    const d = raw.toLowerCase();
    if (/^(psycopg2?(-binary)?|psycopg-binary|asyncpg|pg|postgres|pg-promise|github\.com\/(lib\/pq|jackc\/pgx.*)|gorm\.io\/driver\/postgres)$/.test(d)) out.add('postgres');
    else if (/^(mysqlclient|pymysql|mysql-connector(-python)?|aiomysql|mysql2?|github\.com\/go-sql-driver\/mysql|gorm\.io\/driver\/mysql)$/.test(d)) out.add('mysql');
    else if (/^(pymongo|motor|mongodb|mongoose|go\.mongodb\.org\/mongo-driver.*)$/.test(d)) out.add('mongo');
    else if (/^(redis|ioredis|aioredis|django-redis|github\.com\/(go-redis\/redis.*|redis\/go-redis.*))$/.test(d)) out.add('redis');
  }
  return [...out].sort();
}
