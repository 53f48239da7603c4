// Python: manifests read by the shared reader (src/project/load-facts.ts), the app found in the source
// (module-level apps, factories, package and src layouts, `python -m pkg`, Django's WSGI/ASGI module).

import { parse as parseToml } from 'smol-toml';
import { readPythonManifests } from '../../project/load-facts.js';
import { PYTHON_C_EXTENSIONS } from '../../project/native-packages.js';
import {
  baseStack,
  DEFAULT_PORTS,
  DEFAULT_VERSIONS,
  imageSafeName,
  majorMinor,
  servicesOf,
  unsure,
  writableDirs,
  type DetectOverrides,
  type Framework,
  type PackageManager,
  type ProjectInput,
  type Stack,
} from '../detect.js';
import { named } from '../escape.js';
import { pythonPort } from './ports.js';
import { compareText } from '../../util/compare-text.js';

type Toml = Record<string, unknown>;
const table = (v: unknown): Toml | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Toml) : undefined);

function readTomlText(text: string | undefined): Toml {
  if (!text) return {};
  try {
    return parseToml(text) as Toml;
  } catch {
    return {};
  }
}

/** Files and folders that are not the app: tests, migrations, virtualenvs, tooling. */
const NOT_APP = /(^|\/)(tests?|testing|migrations|alembic|docs?|scripts|examples?|\.venv|venv|node_modules|site-packages)\//;
const NOT_APP_FILE = /(^|\/)(test_[^/]*|[^/]*_test|conftest|setup|noxfile|fabfile|manage)\.py$/;

/** The requirement files pip installs from, with every file they include with `-r`. */
function requirementFiles(input: ProjectInput): string[] {
  if (input.files['requirements.txt'] === undefined) return [];
  const seen = new Set<string>();
  readPythonRequirementsClosure('requirements.txt', input, seen);
  return [...seen].filter((p) => input.files[p] !== undefined);
}

function readPythonRequirementsClosure(path: string, input: ProjectInput, seen: Set<string>): void {
  if (seen.has(path)) return;
  seen.add(path);
  for (const line of (input.files[path] ?? '').split(/\r?\n/)) {
    const m = /^\s*(?:-r|--requirement)(?:\s*=\s*|\s+)(\S+)/.exec(line);
    if (!m) continue;
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
    const next = (dir + m[1]!).split('/').reduce<string[]>((acc, part) => (part === '..' ? acc.slice(0, -1) : part === '.' ? acc : [...acc, part]), []).join('/');
    readPythonRequirementsClosure(next, input, seen);
  }
}

/** Highest Python a Django release supports (the default image must not be newer). */
const DJANGO_MAX_PYTHON: Array<[string, string]> = [['3.2', '3.10'], ['4.0', '3.10'], ['4.1', '3.11'], ['4.2', '3.12'], ['5.0', '3.12'], ['5.1', '3.13']];

function djangoPin(input: ProjectInput): string | undefined {
  const texts = [input.files['requirements.txt'] ?? '', input.files['pyproject.toml'] ?? '', input.files['Pipfile'] ?? ''].join('\n');
  const m = /^\s*["']?django["']?\s*(?:==|~=|>=|=\s*["'][~^=]*)\s*(\d+\.\d+)/im.exec(texts);
  return m?.[1];
}

function cmpVersion(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1! - b1! || (a2 ?? 0) - (b2 ?? 0);
}

/**
 * From a version specifier, the version to pin: the first lower bound (`>=3.11`, `^3.11`, `~=3.11`,
 * `==3.11.*`), else the first version that is mentioned.
 */
export function lowestAllowed(spec: string): string | undefined {
  const lower = /(?:>=|\^|~=|~|==|===)\s*(\d+\.\d+)/.exec(spec);
  if (lower) return lower[1];
  const gt = /(?:^|,)\s*>\s*(\d+)\.(\d+)/.exec(spec);
  if (gt) return `${gt[1]}.${Number(gt[2]) + 1}`;
  return majorMinor(spec);
}

function pythonVersion(input: ProjectInput, py: Toml): string | undefined {
  const f = input.files;
  const pv = f['.python-version']?.trim().split(/\s+/)[0];
  if (pv && majorMinor(pv)) return majorMinor(pv);
  const rt = /python-(\d+\.\d+)/.exec(f['runtime.txt'] ?? '');
  if (rt) return rt[1];
  const rp = table(py.project)?.['requires-python'];
  if (typeof rp === 'string') return lowestAllowed(rp);
  const poetryPy = table(table(table(py.tool)?.poetry)?.dependencies)?.python;
  if (typeof poetryPy === 'string') return lowestAllowed(poetryPy);
  const pipfile = /python_version\s*=\s*["'](\d+\.\d+)/.exec(f['Pipfile'] ?? '');
  if (pipfile) return pipfile[1];
  return undefined;
}

interface Candidate {
  entry: string;
  file: string;
  importRoot?: string;
  factory: boolean;
  score: number;
}

/** `app/main.py` → `app.main`; `src/pkg/__init__.py` → `pkg` with import root `src`; undefined if not importable. */
export function moduleOf(path: string, input: ProjectInput): { module: string; importRoot?: string } | undefined {
  let rel = path;
  let importRoot: string | undefined;
  if (path.startsWith('src/') && input.files['src/__init__.py'] === undefined && !input.names.includes('src/__init__.py')) {
    rel = path.slice(4);
    importRoot = 'src';
  }
  const module = rel.replace(/\.py$/, '').replace(/\/__init__$/, '').replace(/\//g, '.');
  if (!module.split('.').every((p) => /^[A-Za-z_]\w*$/.test(p))) return undefined;
  return { module, importRoot };
}

const CTORS: Partial<Record<Framework, string>> = { fastapi: 'FastAPI', starlette: 'Starlette', flask: 'Flask' };
const FACTORY_NAME = /^(?:create|make|get|build|init)_?(?:app|application|api|server)$/;

/** Where the framework's app object is made: module-level variables, else factories. */
function findApps(input: ProjectInput, framework: Framework): Candidate[] {
  const ctor = CTORS[framework]!;
  const sources = Object.keys(input.files).filter((p) => p.endsWith('.py') && !NOT_APP.test(p) && !NOT_APP_FILE.test(p));
  const ctorCall = new RegExp(`\\b(?:[\\w.]+\\.)?${ctor}\\(`);
  // Functions that build the app: defined in a file that calls the constructor, or named like a factory.
  const factories = new Set<string>();
  for (const p of sources) {
    const src = input.files[p]!;
    if (!ctorCall.test(src)) continue;
    for (const m of src.matchAll(/^(?:async\s+)?def\s+(\w+)\s*\(/gm)) factories.add(m[1]!);
  }
  const out: Candidate[] = [];
  for (const p of sources) {
    const src = input.files[p]!;
    const mod = moduleOf(p, input);
    if (!mod) continue;
    const depth = p.split('/').length - (mod.importRoot ? 1 : 0);
    const base = p.split('/').pop()!;
    const named = /^(main|app|__init__|wsgi|asgi|server|api|application)\.py$/.test(base) ? 5 : 0;
    const direct = new RegExp(`^(\\w+)\\s*(?::[^=\\n]+)?=\\s*(?:[\\w.]+\\.)?${ctor}\\(`, 'gm');
    for (const m of src.matchAll(direct)) {
      out.push({ entry: `${mod.module}:${m[1]}`, file: p, importRoot: mod.importRoot, factory: false, score: 100 + (/^app(lication)?$/.test(m[1]!) ? 10 : 0) + named - depth });
    }
    for (const m of src.matchAll(/^(\w+)\s*(?::[^=\n]+)?=\s*(?:[\w.]+\.)?(\w+)\(/gm)) {
      if (m[2] === ctor || !(factories.has(m[2]!) || FACTORY_NAME.test(m[2]!))) continue;
      out.push({ entry: `${mod.module}:${m[1]}`, file: p, importRoot: mod.importRoot, factory: false, score: 100 + (/^app(lication)?$/.test(m[1]!) ? 10 : 0) + named - depth });
    }
    if (ctorCall.test(src)) {
      for (const m of src.matchAll(/^(?:async\s+)?def\s+(\w+)\s*\(\s*(?:\w+\s*(?::[^,)]+)?=[^,)]+\s*,?\s*)*\)/gm)) {
        if (!FACTORY_NAME.test(m[1]!)) continue;
        out.push({ entry: `${mod.module}:${m[1]}`, file: p, importRoot: mod.importRoot, factory: true, score: 50 + named - depth });
      }
    }
  }
  return out.sort((a, b) => b.score - a.score || compareText(a.entry, b.entry));
}

/** The best candidate when it is the only one with the best score. */
function pick(cands: Candidate[]): { best?: Candidate; ambiguous: Candidate[] } {
  if (!cands.length) return { ambiguous: [] };
  const top = cands.filter((c) => c.score === cands[0]!.score);
  const distinct = [...new Map(top.map((c) => [c.entry, c])).values()];
  return distinct.length === 1 ? { best: distinct[0], ambiguous: [] } : { ambiguous: distinct };
}

/** A plain app: `pkg/__main__.py` (python -m pkg), else a top-level script with a `__main__` guard. */
function findScript(input: ProjectInput): { entries: string[]; file?: string; importRoot?: string } {
  const mains = Object.keys(input.files).filter((p) => /^(src\/)?[A-Za-z_]\w*\/__main__\.py$/.test(p) && !NOT_APP.test(p));
  if (mains.length) {
    const mods = mains.map((p) => ({ p, m: moduleOf(p.replace(/\/__main__\.py$/, '/__init__.py'), input) })).filter((x) => x.m);
    if (mods.length === 1) return { entries: [mods[0]!.m!.module], file: mods[0]!.p, importRoot: mods[0]!.m!.importRoot };
    if (mods.length > 1) return { entries: mods.map((x) => `-m ${x.m!.module}`) };
  }
  const guard = /^if\s+__name__\s*==\s*['"]__main__['"]\s*:/m;
  const scripts = Object.keys(input.files).filter((p) => /^[^/]+\.py$/.test(p) && !NOT_APP_FILE.test(p) && guard.test(input.files[p]!));
  const preferred = scripts.filter((p) => /^(main|app|server|run|api|wsgi|asgi|serve)\.py$/.test(p));
  const list = preferred.length ? preferred : scripts;
  return list.length === 1 ? { entries: list, file: list[0] } : { entries: list };
}

/** Environment variable names a settings module reads, in its own spelling. */
export function envVarsRead(src: string): string[] {
  const names = new Set<string>();
  const re = /(?:os\.environ\.get|os\.getenv|os\.environ\.setdefault|\benv(?:\.\w+)?|config)\(\s*['"]([A-Z][A-Z0-9_]*)['"]|os\.environ\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\]/g;
  for (const m of src.matchAll(re)) names.add((m[1] ?? m[2])!);
  names.delete('DJANGO_SETTINGS_MODULE');
  return [...names];
}

export function detectPython(input: ProjectInput, overrides: DetectOverrides = {}): Stack {
  const f = input.files;
  const has = (n: string) => input.names.includes(n);
  const py = readTomlText(f['pyproject.toml']);
  const tool = table(py.tool);
  const reqFiles = requirementFiles(input);
  const manifestFiles = [...reqFiles, ...['pyproject.toml', 'Pipfile', 'poetry.lock', 'uv.lock', 'pdm.lock', 'Pipfile.lock'].filter((n) => f[n] !== undefined)];
  const declared = readPythonManifests(manifestFiles, (p) => f[p] ?? null);
  const deps = [...declared.direct.keys()];
  const dep = (n: string) => declared.direct.has(n);
  const provided = (n: string) =>
    declared.direct.has(n) || declared.locked.has(n) || (n === 'uvicorn' && ['fastapi[standard]', 'fastapi[all]'].some((e) => declared.extras.has(e)));

  const name = imageSafeName(
    (table(py.project)?.name as string | undefined) ?? (table(tool?.poetry)?.name as string | undefined) ?? input.dirName,
  );
  let packageManager: PackageManager = 'pip';
  const manifests: string[] = [];
  const parentPy = readTomlText(input.parentFiles?.['../pyproject.toml']);
  const workspace = table(table(table(parentPy.tool)?.uv)?.workspace);
  if (has('poetry.lock') || table(tool?.poetry)) {
    packageManager = 'poetry';
    manifests.push('pyproject.toml', ...(has('poetry.lock') ? ['poetry.lock'] : []));
  } else if (has('uv.lock') || table(tool?.uv) || workspace) {
    packageManager = 'uv';
    manifests.push('pyproject.toml', ...(has('uv.lock') ? ['uv.lock'] : []));
  } else if (has('pdm.lock') || table(tool?.pdm)) {
    packageManager = 'pdm';
    manifests.push('pyproject.toml', ...(has('pdm.lock') ? ['pdm.lock'] : []));
  } else if (has('Pipfile')) {
    packageManager = 'pipenv';
    manifests.push('Pipfile', ...(has('Pipfile.lock') ? ['Pipfile.lock'] : []));
  } else if (reqFiles.length) {
    manifests.push(...reqFiles);
  } else if (has('pyproject.toml')) {
    manifests.push('pyproject.toml');
  }

  const stack = baseStack('python', name, packageManager);
  stack.manifests = manifests;
  stack.python = { envVars: [] };
  const notes = stack.notes;
  if (workspace && !has('uv.lock')) {
    stack.python.workspaceRoot = '..';
    notes.push('this project is a member of the uv workspace above it, whose uv.lock is outside the build context: the image resolves the dependencies again (uv sync without --frozen)');
  }

  let framework: Framework = 'none';
  if (dep('django') || has('manage.py')) framework = 'django';
  else if (dep('fastapi')) framework = 'fastapi';
  else if (dep('starlette')) framework = 'starlette';
  else if (dep('flask')) framework = 'flask';
  stack.framework = framework;

  if (framework === 'django') detectDjango(input, stack);
  else if (framework !== 'none') {
    const { best, ambiguous } = pick(findApps(input, framework));
    if (best) {
      stack.entry = best.entry;
      stack.python.importRoot = best.importRoot;
      stack.python.factory = best.factory;
      if (best.factory) notes.push(`${best.entry} is an app factory: the server calls it`);
    } else if (overrides.entry === undefined && overrides.command === undefined) {
      const ctor = CTORS[framework]!;
      unsure(
        stack,
        'entry',
        ambiguous.length
          ? `several apps could be the one to run: ${ambiguous.map((c) => named(c.entry)).join(', ')}`
          : `no \`app = ${ctor}(...)\` or app factory found in the project's Python files`,
      );
    }
  } else {
    const script = findScript(input);
    if (script.entries.length === 1) {
      stack.entry = script.entries[0];
      stack.python.importRoot = script.importRoot;
      // The script first, then the rest of its package (`python -m pkg` runs pkg/__main__.py, which imports pkg).
      const file = script.file!;
      const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : undefined;
      const related = dir ? Object.keys(f).filter((p) => p !== file && p.startsWith(dir) && p.endsWith('.py') && !NOT_APP.test(p)) : [];
      const fact = [file, ...related].map((p) => pythonPort(f[p] ?? '')).find((x) => x.port !== undefined || x.env) ?? {};
      if (fact.env) {
        stack.portEnv = fact.env;
        stack.port = fact.port ?? DEFAULT_PORTS.none;
      } else if (fact.port !== undefined) stack.port = fact.port;
      else unsure(stack, 'port', `no port found in ${named(file)}${related.length ? ' or the rest of its package' : ''}`);
    } else {
      unsure(
        stack,
        'entry',
        script.entries.length
          ? `several scripts could be the one to run: ${script.entries.map(named).join(', ')}`
          : 'no web framework among the dependencies, and no `__main__.py` or script with `if __name__ == "__main__"` to run',
      );
      unsure(stack, 'port', 'the port depends on the script that runs');
    }
  }
  if (framework !== 'none') stack.port = DEFAULT_PORTS[framework];

  // The server the CMD runs must be installed.
  const server = framework === 'none' ? undefined : framework === 'flask' || (framework === 'django' && stack.python.djangoServer !== 'asgi') ? 'gunicorn' : 'uvicorn';
  if (server && !provided(server) && overrides.command === undefined) {
    stack.missingServer = server;
    notes.push(`${server} is not among the dependencies: the image installs it (add it to your dependencies to pin its version)`);
  }
  if (stack.python.importRoot === 'src' && packageManager === 'uv' && table(py['build-system'])) stack.python.installProject = true;

  stack.nativeDeps = [...new Set([...deps, ...declared.locked.keys()])].filter((d) => PYTHON_C_EXTENSIONS.has(d)).sort();
  stack.services = servicesOf([...deps, ...declared.locked.keys()]);
  stack.writableDirs = writableDirs(input);
  let version = pythonVersion(input, py);
  if (!version) {
    version = undefined;
    const pin = framework === 'django' ? djangoPin(input) : undefined;
    const cap = pin ? [...DJANGO_MAX_PYTHON].reverse().find(([d]) => cmpVersion(pin, d) >= 0)?.[1] : undefined;
    if (cap && cmpVersion(DEFAULT_VERSIONS.python, cap) > 0) {
      version = cap;
      notes.push(`no Python version declared; Django ${pin} supports Python up to ${cap}: using ${cap}`);
    } else notes.push(`no Python version declared (.python-version, requires-python): using ${DEFAULT_VERSIONS.python}`);
  }
  stack.version = version;
  return stack;
}

function detectDjango(input: ProjectInput, stack: Stack): void {
  const f = input.files;
  const py = stack.python!;
  const settingsModule = /DJANGO_SETTINGS_MODULE['"]\s*,\s*['"]([\w.]+)['"]/.exec(f['manage.py'] ?? '')?.[1];
  const settingsPath = settingsModule?.replace(/\./g, '/');
  const settingsText = settingsPath
    ? Object.keys(f)
        .filter((p) => p === `${settingsPath}.py` || p.startsWith(`${settingsPath}/`) && p.endsWith('.py'))
        .map((p) => f[p]!)
        .join('\n')
    : '';
  const wsgiSetting = /^WSGI_APPLICATION\s*=\s*['"]([\w.]+)\.application['"]/m.exec(settingsText)?.[1];
  const project = settingsModule?.split('.')[0];
  const exists = (mod: string | undefined) => mod !== undefined && f[`${mod.replace(/\./g, '/')}.py`] !== undefined;
  if (exists(wsgiSetting)) stack.entry = `${wsgiSetting}:application`;
  else if (exists(project && `${project}.wsgi`)) stack.entry = `${project}.wsgi:application`;
  else if (exists(project && `${project}.asgi`)) {
    stack.entry = `${project}.asgi:application`;
    py.djangoServer = 'asgi';
  } else {
    unsure(stack, 'entry', settingsModule ? `no ${project}/wsgi.py or asgi.py next to the settings ${settingsModule}` : 'manage.py does not name DJANGO_SETTINGS_MODULE');
  }
  py.djangoServer ??= 'wsgi';
  stack.djangoStaticRoot = /^\s*STATIC_ROOT\s*=/m.test(settingsText);
  if (!stack.djangoStaticRoot) stack.notes.push('Django: STATIC_ROOT is not set, so collectstatic is not run at build time');
  py.envVars = envVarsRead(settingsText);
  if (/^SECRET_KEY\s*=\s*['"]/m.test(settingsText))
    stack.notes.push(`Django: SECRET_KEY is written in ${settingsPath}; read it from the environment (os.environ["SECRET_KEY"]) before deploying`);
  if (/^DEBUG\s*=\s*True\b/m.test(settingsText)) stack.notes.push(`Django: DEBUG = True in ${settingsPath}; read it from the environment before deploying`);
  if (/sqlite3/.test(settingsText) && /BASE_DIR\s*(?:\/|,)\s*['"][^'"]*\.sqlite3['"]/.test(settingsText.replace(/os\.path\.join\(\s*/g, ''))) {
    py.sqliteInAppDir = true;
    stack.notes.push('Django: the SQLite database is a file in the app folder: /app is writable by the app user (move it under data/ to keep it across deploys)');
  }
}
