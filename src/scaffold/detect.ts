// Project detection for `slipway init`: a pure function from a few file contents to a Stack.
// read-project.ts gathers the input; nothing here touches the file system.

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

/** What detection reads: file contents by relative path (POSIX separators) and the names that exist. */
export interface ProjectInput {
  /** Directory name, the fallback project name. */
  dirName: string;
  /** Relative paths that exist (at least the top level; lockfiles are looked up here). */
  names: readonly string[];
  /** Contents of the files that detection needs, by relative path. */
  files: Readonly<Record<string, string>>;
  /** `origin` remote URL from .git/config, if any. */
  gitRemote?: string;
}

export interface Stack {
  language: Language;
  /** Project name from the manifest or the directory; lower-case, image-name safe. */
  name: string;
  packageManager: PackageManager;
  framework: Framework;
  /**
   * Python: `module:variable` for ASGI/WSGI apps, a script path for plain apps, the Django project
   * package for Django. Node: the file `node` runs. Go: the main package (`.` or `./cmd/x`).
   */
  entry?: string;
  port?: number;
  /** Declared runtime version, major.minor (Go: major.minor of the `go` directive). */
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
  /** Whether a dependency the generated CMD needs (uvicorn, gunicorn) is declared. */
  missingServer?: string;
  /** Human-readable notes on what was guessed (printed with the plan). */
  notes: string[];
  /** What could not be detected and should be asked or given by flags. */
  unknown: Array<'language' | 'entry' | 'port'>;
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

/** Python packages that build C extensions or link system libraries (musl/alpine needs a toolchain). */
export const PYTHON_NATIVE = new Set([
  'numpy', 'pandas', 'scipy', 'scikit-learn', 'matplotlib', 'pillow', 'lxml', 'psycopg2', 'psycopg2-binary',
  'psycopg', 'mysqlclient', 'cryptography', 'cffi', 'bcrypt', 'grpcio', 'uvloop', 'httptools', 'orjson',
  'pydantic-core', 'pydantic', 'ujson', 'regex', 'pyyaml', 'greenlet', 'gevent', 'torch', 'tensorflow',
  'numba', 'shapely', 'pyarrow', 'psutil', 'msgpack', 'asyncpg', 'aiohttp', 'frozenlist', 'multidict',
  'yarl', 'markupsafe', 'argon2-cffi', 'pynacl', 'pycryptodome', 'zstandard', 'lz4', 'python-ldap',
]);

/** Node packages with native addons (node-gyp or prebuilt binaries tied to libc). */
export const NODE_NATIVE = new Set([
  'bcrypt', 'sharp', 'sqlite3', 'better-sqlite3', 'canvas', 'argon2', 'node-sass', 'grpc', 'bufferutil',
  'utf-8-validate', 'cpu-features', 'ssh2', 're2', 'leveldown', 'node-rdkafka', 'libxmljs', 'zeromq',
]);

/** System libraries a few Python packages need when no wheel fits: build-time and run-time Debian packages. */
export const PYTHON_SYSTEM_PACKAGES: Record<string, { build: string[]; runtime: string[] }> = {
  psycopg2: { build: ['gcc', 'libc6-dev', 'libpq-dev'], runtime: ['libpq5'] },
  mysqlclient: { build: ['gcc', 'libc6-dev', 'pkg-config', 'default-libmysqlclient-dev'], runtime: ['libmariadb3'] },
  'python-ldap': { build: ['gcc', 'libc6-dev', 'libldap2-dev', 'libsasl2-dev'], runtime: ['libldap-2.5-0', 'libsasl2-2'] },
};

export class DetectError extends Error {
  override name = 'DetectError';
}

export interface DetectOverrides {
  language?: Language;
  entry?: string;
  port?: number;
}

/** Detect the stack. Throws DetectError only when the language cannot be told and none is given. */
export function detect(input: ProjectInput, overrides: DetectOverrides = {}): Stack {
  const language = overrides.language ?? detectLanguage(input);
  if (!language) throw new DetectError('cannot tell the language: no requirements.txt, pyproject.toml, Pipfile, package.json or go.mod');
  const stack =
    language === 'python' ? detectPython(input) : language === 'node' ? detectNode(input) : detectGo(input);
  if (overrides.entry !== undefined) {
    stack.entry = overrides.entry;
    stack.unknown = stack.unknown.filter((u) => u !== 'entry');
  }
  if (overrides.port !== undefined) {
    stack.port = overrides.port;
    stack.unknown = stack.unknown.filter((u) => u !== 'port');
  }
  return stack;
}

export function detectLanguage(input: ProjectInput): Language | undefined {
  const has = (n: string) => input.names.includes(n);
  if (has('go.mod')) return 'go';
  if (has('package.json') && !(has('requirements.txt') || has('pyproject.toml') || has('Pipfile') || has('manage.py'))) return 'node';
  if (has('requirements.txt') || has('pyproject.toml') || has('Pipfile') || has('setup.py') || has('manage.py')) return 'python';
  if (has('package.json')) return 'node';
  return undefined;
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

/** Parse a git remote URL (https, ssh, scp-like) into host/owner/repo. */
export function parseRemote(url: string | undefined): Remote | undefined {
  if (!url) return undefined;
  const u = url.trim();
  const m = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?([^/:]+)(?::\d+)?[:/](.+?)(?:\.git)?\/?$/i.exec(u);
  if (!m) return undefined;
  const host = m[1]!.toLowerCase();
  const parts = m[2]!.replace(/^\/+/, '').split('/').filter(Boolean);
  if (parts.length < 2) return undefined;
  const repo = parts[parts.length - 1]!;
  const owner = parts.slice(0, -1).join('/');
  return { host, owner: owner.toLowerCase(), repo: imageSafeName(repo) };
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

// ----------------------------------------------------------------------------------------- python

/** Normalised requirement names (PEP 503) declared by the project, in any of its manifests. */
export function pythonDependencies(files: Readonly<Record<string, string>>): string[] {
  const names = new Set<string>();
  const add = (spec: string) => {
    const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec);
    if (m) names.add(m[1]!.toLowerCase().replace(/[._]+/g, '-'));
  };
  const req = files['requirements.txt'];
  if (req) {
    for (const line of req.split(/\r?\n/)) {
      const t = line.replace(/#.*/, '').trim();
      if (!t || t.startsWith('-')) continue;
      add(t);
    }
  }
  const py = files['pyproject.toml'];
  if (py) {
    // PEP 621 `dependencies = [ "a>=1", "b" ]` (may span lines)
    const deps = /^\s*dependencies\s*=\s*\[([\s\S]*?)\]/m.exec(py);
    if (deps) for (const s of deps[1]!.matchAll(/["']([^"']+)["']/g)) add(s[1]!);
    // Poetry `[tool.poetry.dependencies]` table
    for (const section of tomlSections(py, /^tool\.poetry\.(?:group\.[^.]+\.)?dependencies$/)) {
      for (const line of section.split(/\r?\n/)) {
        const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*=/.exec(line);
        if (m && m[1]!.toLowerCase() !== 'python') add(m[1]!);
      }
    }
  }
  const pipfile = files['Pipfile'];
  if (pipfile) {
    for (const section of tomlSections(pipfile, /^packages$/)) {
      for (const line of section.split(/\r?\n/)) {
        const m = /^\s*"?([A-Za-z0-9][A-Za-z0-9._-]*)"?\s*=/.exec(line);
        if (m) add(m[1]!);
      }
    }
  }
  return [...names];
}

/** Bodies of TOML tables whose header matches. */
function tomlSections(text: string, header: RegExp): string[] {
  const out: string[] = [];
  const re = /^\s*\[([^\]\n]+)\]\s*$/gm;
  const heads = [...text.matchAll(re)];
  heads.forEach((h, i) => {
    if (!header.test(h[1]!.trim())) return;
    const start = h.index! + h[0].length;
    const end = i + 1 < heads.length ? heads[i + 1]!.index! : text.length;
    out.push(text.slice(start, end));
  });
  return out;
}

function pythonVersion(input: ProjectInput): string | undefined {
  const f = input.files;
  const pv = f['.python-version']?.trim().split(/\s+/)[0];
  if (pv && majorMinor(pv)) return majorMinor(pv);
  const rt = /python-(\d+\.\d+)/.exec(f['runtime.txt'] ?? '');
  if (rt) return rt[1];
  const py = f['pyproject.toml'] ?? '';
  const rp = /^\s*requires-python\s*=\s*["']([^"']+)["']/m.exec(py);
  if (rp) return lowestAllowed(rp[1]!);
  for (const section of tomlSections(py, /^tool\.poetry\.dependencies$/)) {
    const m = /^\s*python\s*=\s*["']([^"']+)["']/m.exec(section);
    if (m) return lowestAllowed(m[1]!);
  }
  const pipfile = /python_version\s*=\s*["'](\d+\.\d+)/.exec(f['Pipfile'] ?? '');
  if (pipfile) return pipfile[1];
  return undefined;
}

/**
 * From a version specifier, the version to pin: the first lower bound (`>=3.11`, `^3.11`, `~=3.11`,
 * `==3.11.*`), else the first version that is mentioned.
 */
function lowestAllowed(spec: string): string | undefined {
  const lower = /(?:>=|\^|~=|~|==|===)\s*(\d+\.\d+)/.exec(spec);
  if (lower) return lower[1];
  const gt = /(?:^|,)\s*>\s*(\d+)\.(\d+)/.exec(spec);
  if (gt) return `${gt[1]}.${Number(gt[2]) + 1}`;
  return majorMinor(spec);
}

const PY_ENTRY_CANDIDATES = ['main.py', 'app.py', 'server.py', 'api.py', 'wsgi.py', 'asgi.py', 'app/main.py', 'app/__init__.py', 'src/main.py', 'src/app.py'];

function moduleOf(path: string): string {
  return path.replace(/\.py$/, '').replace(/\/__init__$/, '').replace(/\//g, '.');
}

function detectPython(input: ProjectInput): Stack {
  const f = input.files;
  const has = (n: string) => input.names.includes(n);
  const deps = pythonDependencies(f);
  const dep = (n: string) => deps.includes(n);
  const py = f['pyproject.toml'] ?? '';
  const notes: string[] = [];
  const unknown: Stack['unknown'] = [];

  let packageManager: PackageManager = 'pip';
  const manifests: string[] = [];
  if (has('poetry.lock') || /^\s*\[tool\.poetry\]/m.test(py)) {
    packageManager = 'poetry';
    manifests.push('pyproject.toml', ...(has('poetry.lock') ? ['poetry.lock'] : []));
  } else if (has('uv.lock') || /^\s*\[tool\.uv\]/m.test(py)) {
    packageManager = 'uv';
    manifests.push('pyproject.toml', ...(has('uv.lock') ? ['uv.lock'] : []));
  } else if (has('pdm.lock') || /^\s*\[tool\.pdm\]/m.test(py)) {
    packageManager = 'pdm';
    manifests.push('pyproject.toml', ...(has('pdm.lock') ? ['pdm.lock'] : []));
  } else if (has('Pipfile')) {
    packageManager = 'pipenv';
    manifests.push('Pipfile', ...(has('Pipfile.lock') ? ['Pipfile.lock'] : []));
  } else if (has('requirements.txt')) {
    manifests.push('requirements.txt');
  } else if (has('pyproject.toml')) {
    manifests.push('pyproject.toml');
  }

  let framework: Framework = 'none';
  if (dep('django') || has('manage.py')) framework = 'django';
  else if (dep('fastapi')) framework = 'fastapi';
  else if (dep('starlette')) framework = 'starlette';
  else if (dep('flask')) framework = 'flask';

  let entry: string | undefined;
  let port: number | undefined;
  let djangoStaticRoot: boolean | undefined;
  let missingServer: string | undefined;
  const sources = PY_ENTRY_CANDIDATES.filter((p) => f[p] !== undefined);

  if (framework === 'django') {
    const m = /DJANGO_SETTINGS_MODULE['"]\s*,\s*['"]([\w.]+)\.settings['"]/.exec(f['manage.py'] ?? '');
    entry = m?.[1];
    if (!entry) unknown.push('entry');
    const settings = entry ? f[`${entry.replace(/\./g, '/')}/settings.py`] : undefined;
    djangoStaticRoot = settings !== undefined && /^\s*STATIC_ROOT\s*=/m.test(settings);
    if (!djangoStaticRoot) notes.push('Django: STATIC_ROOT is not set, so collectstatic is not run at build time');
    if (!dep('gunicorn')) missingServer = 'gunicorn';
  } else if (framework !== 'none') {
    const ctor = framework === 'fastapi' ? 'FastAPI' : framework === 'starlette' ? 'Starlette' : 'Flask';
    const re = new RegExp(`^(\\w+)\\s*(?::\\s*[\\w.]+\\s*)?=\\s*(?:[\\w.]+\\.)?${ctor}\\(`, 'm');
    for (const p of sources) {
      const m = re.exec(f[p]!);
      if (m) {
        entry = `${moduleOf(p)}:${m[1]}`;
        break;
      }
    }
    if (!entry) {
      unknown.push('entry');
      notes.push(`no \`app = ${ctor}(...)\` found in ${PY_ENTRY_CANDIDATES.join(', ')}`);
    }
    const server = framework === 'flask' ? 'gunicorn' : 'uvicorn';
    if (!dep(server)) missingServer = server;
  } else {
    const main = sources.find((p) => /__name__\s*==\s*['"]__main__['"]/.test(f[p]!)) ?? sources[0];
    entry = main;
    if (!entry) unknown.push('entry');
  }

  if (framework === 'none') {
    const src = entry ? f[entry] : undefined;
    port = src ? portInSource(src) : undefined;
    if (port === undefined) {
      port = DEFAULT_PORTS.none;
      unknown.push('port');
    }
  } else {
    port = DEFAULT_PORTS[framework];
  }

  const nativeDeps = deps.filter((d) => PYTHON_NATIVE.has(d));
  const name = imageSafeName(
    /^\s*name\s*=\s*["']([^"']+)["']/m.exec(py)?.[1] ?? input.dirName,
  );
  const version = pythonVersion(input);
  if (!version) notes.push(`no Python version declared (.python-version, requires-python): using ${DEFAULT_VERSIONS.python}`);
  if (missingServer) notes.push(`${missingServer} is not among the dependencies: add it, the image runs it`);
  return {
    language: 'python',
    name,
    packageManager,
    framework,
    entry,
    port,
    version,
    nativeDeps,
    manifests,
    scripts: {},
    djangoStaticRoot,
    missingServer,
    notes,
    unknown,
  };
}

/** A listening port mentioned in source: `PORT', 8000`, `port=8000`, `listen(3000`, `("", 8000)`. */
export function portInSource(src: string): number | undefined {
  const patterns = [
    /PORT['"]?\s*(?:\)|,|\]|\|\||\?\?|or|:-)\s*['"]?(\d{2,5})\b/,
    /\bport\s*[=:]\s*(\d{2,5})\b/i,
    /\.listen\(\s*(\d{2,5})\b/,
    /\(\s*\(\s*['"][^'"]*['"]\s*,\s*(\d{2,5})\s*\)/,
    /\blisten\(\s*\{[^}]*port\s*:\s*(\d{2,5})/,
    /ListenAndServe\(\s*"[^":]*:(\d{2,5})"/,
    /":(\d{2,5})"/,
  ];
  for (const re of patterns) {
    const m = re.exec(src);
    if (m) {
      const n = Number(m[1]);
      if (n > 0 && n < 65536) return n;
    }
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------- node

interface PackageJson {
  name?: string;
  main?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  engines?: { node?: string };
  packageManager?: string;
}

function detectNode(input: ProjectInput): Stack {
  const f = input.files;
  const has = (n: string) => input.names.includes(n);
  const notes: string[] = [];
  const unknown: Stack['unknown'] = [];
  let pkg: PackageJson = {};
  try {
    pkg = JSON.parse(f['package.json'] ?? '{}') as PackageJson;
  } catch {
    notes.push('package.json is not valid JSON');
  }
  const deps = { ...(pkg.dependencies ?? {}) };
  const all = { ...deps, ...(pkg.devDependencies ?? {}) };
  const scripts = pkg.scripts ?? {};

  let packageManager: PackageManager = 'npm';
  const pmField = pkg.packageManager ?? '';
  if (has('pnpm-lock.yaml') || pmField.startsWith('pnpm@')) packageManager = 'pnpm';
  else if (has('yarn.lock') || pmField.startsWith('yarn@')) packageManager = 'yarn';
  const lock = { npm: has('package-lock.json') ? 'package-lock.json' : has('npm-shrinkwrap.json') ? 'npm-shrinkwrap.json' : undefined, yarn: 'yarn.lock', pnpm: 'pnpm-lock.yaml' }[packageManager as 'npm' | 'yarn' | 'pnpm'];
  const manifests = ['package.json', ...(lock && has(lock) ? [lock] : [])];
  if (packageManager === 'yarn' && has('.yarnrc.yml')) manifests.push('.yarnrc.yml');
  if (packageManager === 'pnpm' && has('pnpm-workspace.yaml')) manifests.push('pnpm-workspace.yaml');
  if (manifests.length === 1) notes.push(`no lockfile: the image installs with \`${packageManager} install\`; commit a lockfile for reproducible builds`);

  let framework: Framework = 'none';
  if (deps['next'] ?? all['next']) framework = 'nextjs';
  else if (deps['@nestjs/core']) framework = 'nestjs';
  else if (deps['fastify']) framework = 'fastify';
  else if (deps['express']) framework = 'express';

  let entry: string | undefined;
  if (framework === 'nextjs') entry = 'next';
  else {
    const fromStart = /(?:^|&&\s*|\s)node\s+(?:--[\w-]+(?:=\S+)?\s+)*([\w./-]+\.(?:c|m)?js)\b/.exec(scripts['start'] ?? '')?.[1];
    entry = fromStart ?? pkg.main ?? (framework === 'nestjs' ? 'dist/main.js' : undefined);
    if (!entry) entry = ['server.js', 'index.js', 'app.js', 'src/index.js', 'src/server.js'].find((p) => has(p));
    if (!entry) unknown.push('entry');
    entry = entry?.replace(/^\.\//, '');
  }

  let port: number | undefined;
  if (framework === 'nextjs') port = 3000;
  else {
    const candidates = [entry, 'src/main.ts', 'src/index.ts', 'src/server.ts', 'server.js', 'index.js', 'app.js', 'src/index.js'].filter(
      (p): p is string => !!p && f[p] !== undefined,
    );
    for (const p of candidates) {
      port = portInSource(f[p]!);
      if (port !== undefined) break;
    }
    if (port === undefined) {
      port = DEFAULT_PORTS[framework];
      if (framework === 'none') unknown.push('port');
      else notes.push(`no port found in the source: using ${port}`);
    }
  }

  const version =
    majorMinor(f['.nvmrc']?.replace(/^v/, ''), true) ??
    majorMinor(f['.node-version']?.replace(/^v/, ''), true) ??
    majorMinor(/(?:>=|\^|~|=)?\s*v?(\d+)/.exec(pkg.engines?.node ?? '')?.[1], true);
  if (!version) notes.push(`no Node.js version declared (engines.node, .nvmrc): using ${DEFAULT_VERSIONS.node}`);

  return {
    language: 'node',
    name: imageSafeName(pkg.name ?? input.dirName),
    packageManager,
    framework,
    entry,
    port,
    version,
    nativeDeps: Object.keys(all).filter((d) => NODE_NATIVE.has(d)),
    manifests,
    scripts: { build: scripts['build'], start: scripts['start'], dev: scripts['dev'] },
    yarnBerry: packageManager === 'yarn' ? has('.yarnrc.yml') : undefined,
    notes,
    unknown,
  };
}

// --------------------------------------------------------------------------------------------- go

function detectGo(input: ProjectInput): Stack {
  const f = input.files;
  const has = (n: string) => input.names.includes(n);
  const notes: string[] = [];
  const unknown: Stack['unknown'] = [];
  const mod = f['go.mod'] ?? '';
  const modulePath = /^\s*module\s+(\S+)/m.exec(mod)?.[1];
  const version = /^\s*go\s+(\d+\.\d+)/m.exec(mod)?.[1];
  if (!version) notes.push(`no go directive in go.mod: using Go ${DEFAULT_VERSIONS.go}`);

  const isMain = (p: string) => f[p] !== undefined && /^\s*package\s+main\b/m.test(f[p]!);
  let entry: string | undefined;
  let mainFile: string | undefined;
  if (isMain('main.go')) {
    entry = '.';
    mainFile = 'main.go';
  } else {
    const cmds = Object.keys(f).filter((p) => /^cmd\/[^/]+\/main\.go$/.test(p) && isMain(p)).sort();
    const named = modulePath ? cmds.find((p) => p.split('/')[1] === modulePath.split('/').pop()) : undefined;
    mainFile = named ?? cmds[0];
    if (mainFile) entry = './' + mainFile.replace(/\/main\.go$/, '');
    if (cmds.length > 1) notes.push(`several main packages (${cmds.join(', ')}): building ${entry}`);
  }
  if (!entry) unknown.push('entry');
  let port = mainFile ? portInSource(f[mainFile]!) : undefined;
  if (port === undefined) {
    port = 8080;
    unknown.push('port');
  }
  const name = imageSafeName(modulePath?.split('/').pop() ?? input.dirName);
  return {
    language: 'go',
    name,
    packageManager: 'go',
    framework: 'none',
    entry,
    port,
    version,
    nativeDeps: [],
    manifests: ['go.mod', ...(has('go.sum') ? ['go.sum'] : [])],
    scripts: {},
    notes,
    unknown,
  };
}
