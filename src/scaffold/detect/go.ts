// Go: go.mod (module, go directive, requirements), every `main` package (root, cmd/*), cgo dependencies,
// and the folders the binary reads at run time.

import { baseStack, DEFAULT_VERSIONS, imageSafeName, servicesOf, topDirs, unsure, writableDirs, type DetectOverrides, type ProjectInput, type Stack } from '../detect.js';
import { named } from '../escape.js';
import { goPort } from './ports.js';

/** Modules that need cgo (a C toolchain to build, glibc to run). */
const CGO_MODULES = [/^github\.com\/mattn\/go-sqlite3$/, /^github\.com\/confluentinc\/confluent-kafka-go/, /^github\.com\/mattn\/go-oci8$/, /^gopkg\.in\/gographics\/imagick/];

/** Packages that import mattn/go-sqlite3 for the project (a blank import of one means cgo). */
const CGO_WRAPPERS = ['gorm.io/driver/sqlite', 'github.com/jinzhu/gorm/dialects/sqlite'];

/** Folders a server commonly reads at run time: copied next to the binary when they hold non-Go files. */
export const GO_RUNTIME_DIRS = ['config', 'configs', 'templates', 'static', 'public', 'web', 'assets', 'migrations', 'locales', 'views'];

/** Module paths required by go.mod (both the one-line and the block forms). */
export function goRequires(mod: string): string[] {
  const out: string[] = [];
  for (const m of mod.matchAll(/^\s*require\s+([^\s(]+)\s+v/gm)) out.push(m[1]!);
  for (const block of mod.matchAll(/^\s*require\s*\(([\s\S]*?)^\s*\)/gm)) for (const m of block[1]!.matchAll(/^\s*([^\s/]+\/[^\s]+)\s+v/gm)) out.push(m[1]!);
  return out;
}

export function detectGo(input: ProjectInput, overrides: DetectOverrides = {}): Stack {
  const f = input.files;
  const has = (n: string) => input.names.includes(n);
  const mod = f['go.mod'] ?? '';
  const modulePath = /^\s*module\s+(\S+)/m.exec(mod)?.[1];
  const stack = baseStack('go', imageSafeName(modulePath?.split('/').pop() ?? input.dirName), 'go');
  stack.version = /^\s*go\s+(\d+\.\d+)/m.exec(mod)?.[1];
  if (!stack.version) stack.notes.push(`no go directive in go.mod: using Go ${DEFAULT_VERSIONS.go}`);
  stack.manifests = ['go.mod', ...(has('go.sum') ? ['go.sum'] : [])];

  // Main packages: the root, and each cmd/<name>.
  const isMain = (p: string) => /^\s*package\s+main\b/m.test(f[p]!);
  const goFiles = Object.keys(f).filter((p) => p.endsWith('.go') && !p.endsWith('_test.go'));
  const byPkg = new Map<string, string[]>();
  for (const p of goFiles) {
    const dir = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '.';
    if (dir !== '.' && !/^cmd\/[^/]+$/.test(dir)) continue;
    if (!isMain(p)) continue;
    byPkg.set(dir, [...(byPkg.get(dir) ?? []), p]);
  }
  const mains = [...byPkg.keys()].map((d) => (d === '.' ? '.' : `./${d}`)).sort();
  const requires = goRequires(mod);
  // cgo when the project imports such a module (or a driver that wraps it), or requires it directly.
  const imported = (m: string) => goFiles.some((p) => f[p]!.includes(`"${m}`));
  const direct = (m: string) => new RegExp(`^\\s*(?:require\\s+)?${m.replace(/[.]/g, '\\.')}\\s+v\\S+\\s*$`, 'm').test(mod);
  const cgo = requires.filter((r) => CGO_MODULES.some((re) => re.test(r)) && (direct(r) || imported(r)));
  if (CGO_WRAPPERS.some(imported) && !cgo.includes('github.com/mattn/go-sqlite3')) cgo.push('github.com/mattn/go-sqlite3');
  stack.go = { cgo, runtimeDirs: [], mains, envVars: [] };
  if (stack.go.cgo.length) stack.notes.push(`cgo dependency (${stack.go.cgo.join(', ')}): built with CGO_ENABLED=1 and run on distroless/base (glibc)`);

  let entry = overrides.entry;
  if (entry === undefined) {
    const last = modulePath?.split('/').pop();
    if (mains.length === 1) entry = mains[0];
    else if (mains.length > 1) {
      entry = mains.find((m) => m.split('/').pop() === last) ?? (mains.includes('.') ? '.' : undefined);
      if (entry) stack.notes.push(`several main packages (${mains.map(named).join(', ')}): building ${entry} (--entry picks another)`);
      else unsure(stack, 'entry', `several main packages: ${mains.map(named).join(', ')}`);
    } else unsure(stack, 'entry', 'no `package main` at the root or in cmd/<name>/');
  }
  stack.entry = entry;

  const dir = entry === undefined ? undefined : entry === '.' ? '.' : entry.replace(/^\.\//, '');
  const sources = dir ? (byPkg.get(dir) ?? goFiles.filter((p) => p.startsWith(`${dir}/`))) : [];
  // The port: the main package first, then the rest of the module (config packages set defaults).
  // The first file that says (a literal address, or the variable it reads) decides.
  let found: { port?: number; env?: string } = {};
  for (const p of [...sources, ...goFiles.filter((x) => !sources.includes(x))]) {
    const fact = goPort(f[p]!);
    if (fact.port !== undefined || fact.env) {
      found = fact;
      break;
    }
  }
  if (found.env) {
    stack.portEnv = found.env;
    stack.port = found.port ?? 8080;
  } else if (found.port !== undefined) stack.port = found.port;
  else unsure(stack, 'port', 'no ListenAndServe(":PORT"), Run(":PORT") or PORT variable found in the Go source');

  const nonGo = (d: string) => input.names.some((n) => n.startsWith(`${d}/`) && !n.endsWith('/') && !n.endsWith('.go'));
  stack.go.runtimeDirs = topDirs(input).filter((d) => GO_RUNTIME_DIRS.includes(d) && nonGo(d));
  stack.go.envVars = goEnvVars(goFiles.map((p) => f[p]!)).filter((v) => v.name !== stack.portEnv);
  stack.services = servicesOf(requires);
  stack.writableDirs = writableDirs(input);
  return stack;
}

/** Variables read with os.Getenv/LookupEnv or declared in `env:"NAME"` struct tags (caarlos0/env, cleanenv …). */
export function goEnvVars(sources: readonly string[]): Array<{ name: string; required: boolean }> {
  const out = new Map<string, boolean>();
  for (const src of sources) {
    for (const m of src.matchAll(/os\.(?:Getenv|LookupEnv)\(\s*"([A-Z][A-Z0-9_]*)"\s*\)/g)) if (!out.has(m[1]!)) out.set(m[1]!, false);
    for (const m of src.matchAll(/env:"([A-Z][A-Z0-9_]*)((?:,[^"]*)?)"/g)) out.set(m[1]!, (out.get(m[1]!) ?? false) || /\brequired\b/.test(m[2]!));
  }
  return [...out].map(([name, required]) => ({ name, required })).slice(0, 60);
}
