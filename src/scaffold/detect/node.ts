// Node.js: package.json (scripts, main, engines, workspaces), the lock file, TypeScript's outDir, NestJS,
// Next.js and Nx conventions. The production command is what `start:prod`/`start` really run.

import { NODE_NATIVE_ADDONS } from '../../project/native-packages.js';
import {
  baseStack,
  DEFAULT_VERSIONS,
  imageSafeName,
  servicesOf,
  unsure,
  writableDirs,
  type DetectOverrides,
  type Framework,
  type PackageManager,
  type ProjectInput,
  type Stack,
} from '../detect.js';
import { named, shown } from '../escape.js';
import { nodePort } from './ports.js';

interface PackageJson {
  name?: string;
  main?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  engines?: { node?: string };
  packageManager?: string;
  workspaces?: unknown;
  prisma?: { schema?: string };
}

/** Node.js LTS lines that are supported (not end-of-life) in December 2026. */
export const SUPPORTED_NODE_LTS = [22, 24];

/** Does a semver range allow some version of this major? (`>=18`, `^20.1`, `18.x || 20.x`, `>=18 <23`) */
export function rangeAllowsMajor(range: string, major: number): boolean {
  return range.split('||').some((alt) => {
    const parts = alt.trim().replace(/(>=|<=|>|<|\^|~|=)\s+/g, '$1').split(/\s+/).filter(Boolean);
    if (!parts.length || parts.includes('*')) return true;
    return parts.every((p) => {
      const m = /^(>=|<=|>|<|\^|~|=|v)?v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(p);
      if (!m) return true;
      const v = Number(m[2]);
      const rest = (m[3] && m[3] !== '0') || (m[4] && m[4] !== '0');
      switch (m[1]) {
        case '>=':
          return major >= v;
        case '>':
          return rest ? major >= v : major > v;
        case '<':
          return rest ? major <= v : major < v;
        case '<=':
          return major <= v;
        default:
          return major === v;
      }
    });
  });
}

/** engines.node → the major to build on: the lowest supported LTS the range allows, else its lower bound. */
export function nodeMajorFor(range: string): { major: string; note?: string } | undefined {
  const lower = /(\d+)/.exec(range)?.[1];
  if (!lower) return undefined;
  const lts = SUPPORTED_NODE_LTS.find((m) => m >= Number(lower) && rangeAllowsMajor(range, m));
  if (lts !== undefined) return { major: String(lts) };
  return { major: lower, note: `engines.node "${range}" allows no supported Node.js LTS (${SUPPORTED_NODE_LTS.join(', ')}): using ${lower}, which is end-of-life` };
}

/** A start script parsed: the argv it runs (env assignments dropped into `env`), and its tool. */
export interface ParsedScript {
  tool: string;
  argv: string[];
  env: Record<string, string>;
}

export function parseScript(script: string): ParsedScript | undefined {
  // Only the last command of `a && b` starts the server.
  const last = script.split(/&&|;/).pop()!.trim();
  // Shell words: quoted parts join the text around them (`LOG="a b"` is one word, LOG=a b).
  const words = last.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g)?.map((w) => w.replace(/"([^"]*)"|'([^']*)'/g, '$1$2')) ?? [];
  const env: Record<string, string> = {};
  if (words[0] === 'cross-env' || words[0] === 'env') words.shift();
  while (words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[0]!)) {
    const w = words.shift()!;
    env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
  }
  if (!words.length) return undefined;
  return { tool: words[0]!, argv: words, env };
}

/** The script file of `node [flags] FILE …` (flags with values: -r X, --require X, --import X). */
export function nodeScriptFile(argv: string[]): { index: number; file: string } | undefined {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (['-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file', '--inspect-port'].includes(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return { index: i, file: a.replace(/^\.\//, '') };
  }
  return undefined;
}

interface TsConfig {
  outDir?: string;
  rootDir?: string;
}

function tsconfig(input: ProjectInput): TsConfig | undefined {
  for (const name of ['tsconfig.build.json', 'tsconfig.json', 'tsconfig.app.json']) {
    const text = input.files[name];
    if (text === undefined) continue;
    try {
      // tsconfig allows comments and trailing commas.
      const clean = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:"])\/\/.*$/gm, '$1').replace(/,\s*([}\]])/g, '$1');
      const json = JSON.parse(clean) as { compilerOptions?: TsConfig };
      if (json.compilerOptions?.outDir) return { outDir: norm(json.compilerOptions.outDir), rootDir: json.compilerOptions.rootDir && norm(json.compilerOptions.rootDir) };
    } catch {
      // unreadable tsconfig: no outDir known
    }
  }
  return undefined;
}

function norm(p: string): string {
  return p.replace(/^\.\//, '').replace(/\/+$/, '') || '.';
}

/** `src/main.ts` → `dist/main.js` by tsconfig's outDir (and rootDir, else `src` when the source is there). */
export function compiledPath(source: string, ts: TsConfig): string {
  const root = ts.rootDir ?? (source.startsWith('src/') ? 'src' : '.');
  const rel = root === '.' ? source : source.startsWith(`${root}/`) ? source.slice(root.length + 1) : source;
  return `${ts.outDir === '.' ? '' : `${ts.outDir}/`}${rel.replace(/\.(c|m)?tsx?$/, '.$1js')}`;
}

/** A source file of the project (not tests, not build output). */
function sourceFiles(input: ProjectInput): string[] {
  return Object.keys(input.files).filter(
    (p) => /\.(c|m)?[jt]sx?$/.test(p) && !/(^|\/)(node_modules|dist|build|out|\.next|coverage|tests?|__tests__|e2e|test)\//.test(p) && !/\.(spec|test|config)\.[jt]s$/.test(p),
  );
}

export function detectNode(input: ProjectInput, overrides: DetectOverrides = {}): Stack {
  const f = input.files;
  const has = (n: string) => input.names.includes(n);
  let pkg: PackageJson = {};
  let badJson = false;
  try {
    pkg = JSON.parse(f['package.json'] ?? '{}') as PackageJson;
  } catch {
    badJson = true;
  }
  const deps = { ...(pkg.dependencies ?? {}) };
  const all = { ...deps, ...(pkg.devDependencies ?? {}) };
  const scripts = pkg.scripts ?? {};

  let packageManager: PackageManager = 'npm';
  const pmField = pkg.packageManager ?? '';
  if (has('pnpm-lock.yaml') || pmField.startsWith('pnpm@')) packageManager = 'pnpm';
  else if (has('yarn.lock') || pmField.startsWith('yarn@')) packageManager = 'yarn';
  const stack = baseStack('node', imageSafeName(pkg.name ?? input.dirName), packageManager);
  const notes = stack.notes;
  if (badJson) notes.push('package.json is not valid JSON');
  const lock = { npm: has('package-lock.json') ? 'package-lock.json' : has('npm-shrinkwrap.json') ? 'npm-shrinkwrap.json' : undefined, yarn: 'yarn.lock', pnpm: 'pnpm-lock.yaml' }[packageManager as 'npm' | 'yarn' | 'pnpm'];
  stack.manifests = ['package.json', ...(lock && has(lock) ? [lock] : [])];
  if (packageManager === 'yarn' && has('.yarnrc.yml')) stack.manifests.push('.yarnrc.yml');
  if (packageManager === 'pnpm' && has('pnpm-workspace.yaml')) stack.manifests.push('pnpm-workspace.yaml');
  if (stack.manifests.length === 1) notes.push(`no lockfile: the image installs with \`${packageManager} install\`; commit a lockfile for reproducible builds`);
  if (pkg.workspaces) notes.push('package.json declares workspaces: the image installs and builds the whole workspace');
  stack.yarnBerry = packageManager === 'yarn' ? has('.yarnrc.yml') : undefined;

  let framework: Framework = 'none';
  if (deps['next'] ?? all['next']) framework = 'nextjs';
  else if (deps['@nestjs/core']) framework = 'nestjs';
  else if (deps['fastify']) framework = 'fastify';
  else if (deps['express']) framework = 'express';
  stack.framework = framework;

  const run = (s: string) => [packageManager === 'npm' ? 'npm' : packageManager, 'run', s];
  const node: NonNullable<Stack['node']> = { buildScripts: [], startEnv: {} };
  stack.node = node;
  for (const s of ['prestart:prod', 'build']) {
    const text = scripts[s];
    if (text && /\b(tsc|nest build|next build|nx build|vite build|webpack|esbuild|swc|rollup|tsup|babel)\b/.test(text)) node.buildScripts.push(s);
  }
  if (scripts['build'] && !node.buildScripts.includes('build')) node.buildScripts.push('build');
  const ts = tsconfig(input);
  if (!node.buildScripts.length && ts && all['typescript']) node.tsc = true;
  const builds = node.buildScripts.length > 0 || node.tsc === true;
  stack.scripts = { build: scripts['build'], start: scripts['start:prod'] ?? scripts['start'], dev: scripts['start:dev'] ?? scripts['dev'] };
  node.prisma = Boolean(deps['@prisma/client'] && (has('prisma/schema.prisma') || (pkg.prisma?.schema && has(pkg.prisma.schema))));
  node.standalone = ['next.config.js', 'next.config.mjs', 'next.config.ts'].some((n) => /output\s*:\s*['"]standalone['"]/.test(f[n] ?? ''));

  // ---- the production command
  let source: string | undefined; // the source file the port is read from
  if (framework === 'nextjs') {
    stack.entry = node.standalone ? 'server.js' : 'next';
    if (!builds) notes.push('Next.js without a build script: the image runs `next build`');
  } else if (overrides.command === undefined) {
    const startName = ['start:prod', 'start:production', 'start'].find((s) => scripts[s]);
    const parsed = startName ? parseScript(scripts[startName]!) : undefined;
    let file: string | undefined;
    let argv: string[] | undefined;
    if (parsed?.tool === 'node') {
      const sf = nodeScriptFile(parsed.argv);
      if (sf) {
        file = sf.file;
        argv = parsed.argv;
        node.startEnv = parsed.env;
      }
    } else if (parsed && /^(nest)$/.test(parsed.tool)) {
      file = compiledPath('src/main.ts', ts ?? { outDir: 'dist' });
      source = 'src/main.ts';
    } else if (parsed && ['nodemon', 'ts-node', 'ts-node-dev', 'tsx'].includes(parsed.tool)) {
      const target = parsed.argv.slice(1).find((a) => !a.startsWith('-'))?.replace(/^\.\//, '');
      if (target && /\.(c|m)?ts$/.test(target) && ts) {
        file = compiledPath(target, ts);
        source = target;
        if (!builds) node.tsc = true;
      } else if (target) file = target;
    } else if (parsed && parsed.tool === 'nx' && f['project.json']) {
      try {
        const opts = (JSON.parse(f['project.json']) as { targets?: { build?: { options?: { outputPath?: string; main?: string } } } }).targets?.build?.options;
        if (opts?.outputPath && opts.main) {
          source = norm(opts.main);
          file = `${norm(opts.outputPath)}/${source.split('/').pop()!.replace(/\.(c|m)?tsx?$/, '.$1js')}`;
        }
      } catch {
        // unreadable project.json
      }
    }
    if (!file && pkg.main) file = pkg.main.replace(/^\.\//, '');
    if (!file && framework === 'nestjs') {
      file = compiledPath('src/main.ts', ts ?? { outDir: 'dist' });
      source = 'src/main.ts';
    }
    if (!file) file = ['server.js', 'index.js', 'app.js', 'main.js', 'src/index.js', 'src/server.js', 'src/app.js'].find(has);
    if (file && /\.(c|m)?tsx?$/.test(file) && ts) {
      source = file;
      file = compiledPath(file, ts);
      if (!builds) node.tsc = true;
    }
    const withExt = file && !/\.(c|m)?js$/.test(file) && !has(file) ? `${file}.js` : file;
    const isBuilt = withExt !== undefined && !has(withExt) && (node.buildScripts.length > 0 || node.tsc === true);
    if (withExt && (has(withExt) || isBuilt)) {
      stack.entry = withExt;
      if (isBuilt) node.built = withExt;
      if (argv) {
        stack.command = argv;
        if (file !== withExt && !isBuilt) stack.command = argv.map((a) => (a === file || a === `./${file}` ? withExt : a));
      }
      source ??= has(withExt) ? withExt : sourceFor(withExt, input, ts);
    } else {
      unsure(
        stack,
        'entry',
        file
          ? `the start command runs ${named(file)}, which is not in the project and no build script makes it`
          : startName
            ? `cannot tell what \`${startName}\`: ${shown(scripts[startName]!)} runs`
            : 'no start script, no `main`, and no server.js/index.js/app.js',
      );
    }
  }
  if (stack.command === undefined && stack.entry && framework !== 'nextjs') stack.command = ['node', stack.entry];

  // ---- the port
  if (framework === 'nextjs') stack.port = 3000;
  else {
    const files = sourceFiles(input);
    const ordered = source && f[source] !== undefined ? [source, ...files.filter((p) => p !== source)] : files;
    let found: { port?: number; env?: string } = {};
    for (const p of ordered) {
      const fact = nodePort(f[p]!);
      if (fact.port !== undefined || fact.env) {
        found = fact;
        // The entry's own listen wins; elsewhere, keep looking for a literal when only an env name was seen.
        if (p === source || fact.port !== undefined) break;
      }
    }
    if (found.env) {
      stack.portEnv = found.env;
      stack.port = found.port ?? 3000;
    } else if (found.port !== undefined) stack.port = found.port;
    else unsure(stack, 'port', 'no `.listen(PORT)` with a number or process.env.PORT found in the source');
  }

  // ---- development
  if (scripts['start:dev']) node.devCommand = run('start:dev');
  else if (scripts['dev']) node.devCommand = run('dev');
  else if (framework === 'nextjs') node.devCommand = ['node', 'node_modules/next/dist/bin/next', 'dev', '--port', String(stack.port)];
  else if (stack.entry && !node.built) node.devCommand = ['node', '--watch', stack.entry];
  else if (stack.entry) node.devCommand = ['sh', '-c', `${[...node.buildScripts.map((s) => run(s).join(' ')), ...(node.tsc ? ['npx tsc'] : [])].join(' && ')} && exec node ${stack.entry}`];

  const ranged = pkg.engines?.node ? nodeMajorFor(pkg.engines.node) : undefined;
  if (ranged?.note) notes.push(ranged.note);
  stack.version = /(\d+)/.exec(f['.nvmrc'] ?? '')?.[1] ?? /(\d+)/.exec(f['.node-version'] ?? '')?.[1] ?? ranged?.major;
  if (!stack.version) notes.push(`no Node.js version declared (engines.node, .nvmrc): using ${DEFAULT_VERSIONS.node}`);
  stack.nativeDeps = Object.keys(all).filter((d) => NODE_NATIVE_ADDONS.has(d)).sort();
  stack.services = servicesOf(Object.keys(deps));
  stack.writableDirs = writableDirs(input);
  return stack;
}

/** The TypeScript source a built file comes from (`dist/main.js` → `src/main.ts`), if it is in the snapshot. */
function sourceFor(built: string, input: ProjectInput, ts: TsConfig | undefined): string | undefined {
  const stem = built.replace(/\.(c|m)?js$/, '');
  const out = ts?.outDir ?? 'dist';
  const rel = stem.startsWith(`${out}/`) ? stem.slice(out.length + 1) : stem.replace(/^[^/]+\//, '');
  return [`src/${rel}.ts`, `${rel}.ts`, `src/${rel}.js`].find((p) => input.files[p] !== undefined);
}
