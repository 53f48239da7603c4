import type { Dockerfile, Instruction, Stage } from '../../../parse/dockerfile/model.js';
import type { ShellCommand } from '../../../parse/dockerfile/shell.js';
import type { DockerfileRule } from '../../types.js';
import { commandsOf, firstLine, hasOption, subcommand } from '../helpers.js';
import { optValues, parseArgv } from '../argv.js';
import { stageNamed } from '../image/util.js';
import { fileMemo, kept } from '../file-memo.js';

interface Install {
  ecosystem: string;
  /** The manifest files to copy first. */
  manifests: string;
}

/** Directories that hold the application's code (copying one busts the cache on every change). */
const SOURCE_DIRS = new Set([
  'src', 'app', 'lib', 'source', 'sources', 'code', 'cmd', 'pkg', 'internal', 'server', 'client', 'api', 'web',
  'frontend', 'backend', 'project', 'packages',
]);

/** Is a COPY/ADD source the whole build context or a source directory? */
export function isWholeSource(src: string): boolean {
  const s = src.replace(/^\.\/+/, '').replace(/\/+$/, '').replace(/\/\*$/, '');
  if (s === '' || s === '.' || s === '*') return true;
  return SOURCE_DIRS.has(s.toLowerCase());
}

/** The programs dependencyInstall knows besides pip3.N and python -m pip. */
const INSTALLERS = new Set(['pip', 'pip3', 'uv', 'poetry', 'pipenv', 'pdm', 'npm', 'yarn', 'pnpm', 'bun', 'go', 'bundle', 'composer', 'cargo']);

/** The dependency install a command performs, if it reads the project's manifests. */
export function dependencyInstall(cmd: ShellCommand): Install | null {
  const p = cmd.program;
  // Most commands are none of the installers below: no sub-command to look for.
  if (!INSTALLERS.has(p) && !p.startsWith('pip') && !p.startsWith('python')) return null;
  const sub = subcommand(cmd);
  let pipArgs: string[] | null = null;
  if (p === 'pip' || p === 'pip3' || /^pip3\.\d+$/.test(p)) pipArgs = cmd.argv.slice(1);
  else if (/^python(3(\.\d+)?)?$/.test(p) && cmd.argv[1] === '-m' && cmd.argv[2] === 'pip') pipArgs = cmd.argv.slice(3);
  else if (p === 'uv' && cmd.argv[1] === 'pip') pipArgs = cmd.argv.slice(2);
  if (pipArgs) {
    const all = ['pip', ...pipArgs];
    const args = parseArgv({ program: 'pip', argv: all });
    if (all[args.operands[0] ?? -1] !== 'install') return null;
    const requirements = optValues(args, '-r', '--requirement');
    if (requirements.length) return { ecosystem: 'pip', manifests: requirements[0]! };
    // `pip install .` / `pip install -e .`: the project itself, read from pyproject.toml / setup.py.
    const targets = [...args.operands.slice(1).map((i) => all[i]!), ...optValues(args, '-e', '--editable')];
    if (targets.some((a) => a === '.' || a === './' || a.startsWith('.[') || a.startsWith('./['))) {
      return { ecosystem: 'pip', manifests: 'pyproject.toml (or setup.py)' };
    }
    return null;
  }
  switch (p) {
    case 'poetry':
      return sub === 'install' ? { ecosystem: 'poetry', manifests: 'pyproject.toml poetry.lock' } : null;
    case 'uv':
      return sub === 'sync' ? { ecosystem: 'uv', manifests: 'pyproject.toml uv.lock' } : null;
    case 'pipenv':
      return sub === 'install' || sub === 'sync' ? { ecosystem: 'pipenv', manifests: 'Pipfile Pipfile.lock' } : null;
    case 'pdm':
      return sub === 'install' || sub === 'sync' ? { ecosystem: 'pdm', manifests: 'pyproject.toml pdm.lock' } : null;
    case 'npm': {
      if (sub === 'ci') return { ecosystem: 'npm', manifests: 'package.json package-lock.json' };
      if (sub !== 'install' && sub !== 'i') return null;
      if (hasOption(cmd, '-g', '--global')) return null;
      const named = parseArgv(cmd).operands.length > 1;
      return named ? null : { ecosystem: 'npm', manifests: 'package.json package-lock.json' };
    }
    case 'yarn': {
      if (sub !== null && sub !== 'install') return null;
      return { ecosystem: 'yarn', manifests: 'package.json yarn.lock' };
    }
    case 'pnpm':
      // `pnpm fetch` fills the store from the lockfile alone (pnpm's Docker recipe): the later
      // `pnpm install --offline` after `COPY . .` only links what is already there.
      if (sub === 'fetch') return { ecosystem: 'pnpm', manifests: 'pnpm-lock.yaml' };
      return (sub === 'install' || sub === 'i') && parseArgv(cmd).operands.length === 1
        ? { ecosystem: 'pnpm', manifests: 'package.json pnpm-lock.yaml' }
        : null;
    case 'bun':
      return sub === 'install' || sub === 'i' ? { ecosystem: 'bun', manifests: 'package.json bun.lockb' } : null;
    case 'go':
      if (sub === 'mod' && ['download', 'tidy'].includes(cmd.argv[parseArgv(cmd).operands[1] ?? -1] ?? '')) return { ecosystem: 'go', manifests: 'go.mod go.sum' };
      return sub === 'build' || sub === 'install' || sub === 'test' ? { ecosystem: 'go', manifests: 'go.mod go.sum' } : null;
    case 'bundle':
      return sub === null || sub === 'install' ? { ecosystem: 'bundler', manifests: 'Gemfile Gemfile.lock' } : null;
    case 'composer':
      return sub === 'install' ? { ecosystem: 'composer', manifests: 'composer.json composer.lock' } : null;
    case 'cargo':
      // cargo-chef: `cargo chef cook` builds the dependencies from a recipe.json a planner stage wrote.
      if (sub === 'chef' && cmd.argv[parseArgv(cmd).operands[1] ?? -1] === 'cook') return { ecosystem: 'cargo', manifests: 'recipe.json (from `cargo chef prepare`)' };
      return sub === 'build' || sub === 'fetch' ? { ecosystem: 'cargo', manifests: 'Cargo.toml Cargo.lock' } : null;
    default:
      return null;
  }
}

/** Where each ecosystem keeps what its install fetched: a COPY --from of such a path brings the dependencies in. */
const DEPENDENCY_DIRS: Record<string, RegExp> = {
  go: /(^|\/)(go\/pkg|pkg\/mod)(\/|$)/,
  npm: /(^|\/)node_modules(\/|$)/,
  yarn: /(^|\/)node_modules(\/|$)/,
  pnpm: /(^|\/)node_modules(\/|$)/,
  bun: /(^|\/)node_modules(\/|$)/,
  pip: /(^|\/)(site-packages|\.?venv|wheels)(\/|$)/,
  poetry: /(^|\/)(site-packages|\.?venv)(\/|$)/,
  uv: /(^|\/)(site-packages|\.?venv)(\/|$)/,
  pipenv: /(^|\/)(site-packages|\.?venv)(\/|$)/,
  pdm: /(^|\/)(site-packages|\.?venv|__pypackages__)(\/|$)/,
  bundler: /(^|\/)(bundle|gems)(\/|$)/,
  composer: /(^|\/)vendor(\/|$)/,
  cargo: /(^|\/)(\.?cargo\/registry|cargo)(\/|$)/,
};

/**
 * The ecosystems whose dependencies a stage (with the stages it is built FROM) installed: its parent's
 * and its own, kept per stage while the file's rules run. From the nearest stage up the chain that has
 * them, down: a chain of n stages (hostile files have thousands) costs n, not n².
 */
function installedBy(stage: Stage): ReadonlySet<string> {
  const below: Stage[] = [];
  const seen = new Set<Stage>();
  let installed: ReadonlySet<string> = new Set();
  for (let s: Stage | null = stage; s && !seen.has(s); s = s.image.stage) {
    seen.add(s);
    const known = kept<ReadonlySet<string>>(s, INSTALLED);
    if (known) {
      installed = known;
      break;
    }
    below.push(s);
  }
  for (let i = below.length - 1; i >= 0; i--) {
    const s = below[i]!;
    const withOwn = new Set(installed);
    for (const eco of ownInstalls(s)) withOwn.add(eco);
    installed = fileMemo(s, INSTALLED, () => withOwn);
  }
  return installed;
}
const INSTALLED = 'installed ecosystems';

/** The ecosystems the stage's own RUNs install. */
function ownInstalls(stage: Stage): Set<string> {
  const out = new Set<string>();
  for (const inst of stage.instructions) {
    if (inst.keyword !== 'RUN') continue;
    for (const cmd of commandsOf(inst)) {
      const install = dependencyInstall(cmd);
      if (install) out.add(install.ecosystem);
    }
  }
  return out;
}

/**
 * Ecosystems a `COPY --from=<stage>` brings in installed: the stage installed them and the COPY takes
 * where they live (go-clean-template: `go mod download` in a `modules` stage, `COPY --from=modules
 * /go/pkg /go/pkg` in the builder, then `COPY . /app` and `go build`: the cache holds).
 */
function copiedInstalls(df: Dockerfile, inst: Instruction): string[] {
  const from = inst.flags.find((f) => f.name === 'from')?.value;
  const stage = from && inst.stage ? stageNamed(df, from, inst.stage.index) : null;
  if (!stage) return [];
  const sources = copySources(inst);
  return [...installedBy(stage)].filter((eco) => sources.some((src) => DEPENDENCY_DIRS[eco]?.test(src)));
}

function copySources(inst: Instruction): string[] {
  if (inst.heredocs.length) return [];
  const words = inst.json ?? inst.args.map((a) => a.value);
  return words.slice(0, -1);
}

export const dependenciesBeforeSource: DockerfileRule = {
  meta: {
    id: 'dependencies-before-source',
    target: 'dockerfile',
    category: 'guide',
    severity: 'warning',
    aliases: [],
    title: 'Install dependencies before copying the source',
    description:
      'Docker reuses a cached layer only while everything before it is unchanged. With `COPY . .` before `pip install -r requirements.txt` (or `npm ci`, `go mod download`…), every edit to any source file invalidates the copy and reinstalls every dependency. Copy only the manifests, install, then copy the source.',
    bad: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "app.py"]\n',
    good:
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
    fixable: false,
    differs:
      'No anchor checks the order (hadolint #1199 asks for a `COPY . .` rule). Only the first install of each package manager in a stage counts: once dependencies were installed from the manifests, a later `pip install -e .` or `go build` after `COPY . .` is the intended pattern. Dependency steps that read only the lockfile or a recipe count as the install: `pnpm fetch` after `COPY pnpm-lock.yaml` (the Docker recipe pnpm documents), `cargo chef cook` on the recipe.json a planner stage wrote (cargo-chef). Installs of named packages (`npm install -g pm2`, `pip install gunicorn`) do not read the manifests and are not flagged. Dependencies installed in an earlier stage count when this stage is built FROM it, or copies their folder from it (`COPY --from=modules /go/pkg /go/pkg`, `node_modules`, `site-packages`, a venv).',
  },
  check({ df, report }) {
    for (const stage of df.stages) {
      let whole: Instruction | null = null;
      // What the stages it is built FROM installed is in the cache before anything here.
      // (A stage is built FROM an earlier one only: its parent is image.stage.)
      const parent = stage.image.stage;
      const seen = new Set(parent && parent !== stage ? installedBy(parent) : []);
      for (const inst of stage.instructions) {
        if (inst.keyword === 'COPY' && inst.flags.some((f) => f.name === 'from')) {
          for (const eco of copiedInstalls(df, inst)) seen.add(eco);
          continue;
        }
        if ((inst.keyword === 'COPY' || inst.keyword === 'ADD') && !inst.flags.some((f) => f.name === 'from')) {
          if (!whole && copySources(inst).some(isWholeSource)) whole = inst;
          continue;
        }
        if (inst.keyword !== 'RUN') continue;
        // A RUN that bind-mounts the manifests installs without depending on a COPY.
        for (const cmd of commandsOf(inst)) {
          const install = dependencyInstall(cmd);
          if (!install || seen.has(install.ecosystem)) continue;
          seen.add(install.ecosystem);
          if (!whole) continue;
          const text = cmd.argv.slice(0, 4).join(' ') + (cmd.argv.length > 4 ? ' …' : '');
          const copied = df.text.slice(whole.start, firstLine(df, whole).end).trim();
          report({
            ...firstLine(df, whole),
            message: `'${copied}' (line ${whole.line}) comes before '${text}' (line ${inst.line}): every source change reinstalls the dependencies. COPY ${install.manifests} first, run the install, then copy the rest`,
          });
        }
      }
    }
  },
};
