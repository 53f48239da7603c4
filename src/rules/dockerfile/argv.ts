// The one command-line parser of the Dockerfile rules: a command's argv split into options (grouped
// short options `-qy` apart, values of options that take one skipped: `apt-get -o X=1 install`) and
// operands. Every rule family asks it, so `-o Dpkg::Options::=--force-confold` is never a package
// name and `-qq` is two `-q`s everywhere.

import type { ShellCommand } from '../../parse/dockerfile/shell.js';
import { own } from '../../util/own.js';

/** An option as given: `-y` (also from `-qy`), `--yes`; `value` for options that take one. */
export interface ArgOption {
  name: string;
  value: string | null;
  /** Index of the argv word the option is in. */
  index: number;
}

export interface Argv {
  readonly options: readonly ArgOption[];
  /** Indices of the words that are not options or option values, in order (the sub-command first). */
  readonly operands: readonly number[];
  /** Index of the `--` that ends the options, or -1. */
  dashdash: number;
}

const set = (...names: string[]): ReadonlySet<string> => new Set(names);

const APT = set(
  '-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release',
  '-a', '--host-architecture', '-P', '--build-profiles', '--solver',
);
const APK = set(
  '-t', '--virtual', '-X', '--repository', '--repositories-file', '-p', '--root', '--arch',
  '--keys-dir', '--cache-dir', '--cache-max-age', '--timeout', '--progress-fd',
);
const YUM = set(
  '-c', '--config', '-d', '--debuglevel', '-e', '--errorlevel', '--installroot', '--enablerepo', '--disablerepo',
  '-x', '--exclude', '--releasever', '--setopt', '--downloaddir', '--destdir', '--repo', '--repoid', '--forcearch',
  '--color', '--rpmverbosity', '--comment', '--repofrompath', '--use-host-config', '--enable-repo', '--disable-repo',
);
const ZYPPER = set(
  '-R', '--root', '-c', '--config', '-D', '--reposd-dir', '-C', '--cache-dir', '--raw-cache-dir', '--solv-cache-dir',
  '--pkg-cache-dir', '--userdata', '--installroot', '-t', '--type', '-r', '--repo', '--from', '--releasever',
);
const PIP = set(
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-t', '--target', '--platform', '--python-version',
  '--implementation', '--abi', '--root', '--prefix', '--src', '--upgrade-strategy', '-C', '--config-settings',
  '--global-option', '--install-option', '--no-binary', '--only-binary', '--progress-bar', '--root-user-action',
  '--report', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--python', '--log', '--proxy',
  '--retries', '--timeout', '--exists-action', '--trusted-host', '--cert', '--client-cert', '--cache-dir',
  '--keyring-provider', '--group', '--use-feature', '--use-deprecated', '--dry-run-report',
  // uv pip
  '--index', '--default-index', '--index-strategy', '--resolution', '--prerelease', '-p', '--extra', '--overrides',
  '--build-constraints', '-b', '--link-mode', '--exclude-newer', '--config-setting', '--torch-backend', '-P',
  '--upgrade-package', '--reinstall-package', '--no-build-package', '--no-binary-package', '--python-platform',
  '--refresh-package', '--allow-insecure-host', '--directory', '--project', '--config-file', '--color',
);
const NPM = set(
  '--registry', '--prefix', '-C', '--cache', '--userconfig', '--globalconfig', '--tag', '--loglevel', '--workspace',
  '-w', '--omit', '--include', '--install-strategy', '--cwd', '--modules-folder', '--network-timeout', '--mutex',
  '--filter', '--dir', '--store-dir', '--reporter', '--save-prefix', '--before', '--os', '--cpu', '--libc',
);
const GEM = set(
  '-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '--http-proxy', '--platform',
  '--file', '--build-root', '--document', '--target-rbconfig', '-P', '--trust-policy', '--without', '--config-file',
);
const GO = set(
  '-o', '-p', '-C', '-ldflags', '-gcflags', '-asmflags', '-tags', '-mod', '-modfile', '-overlay', '-pgo', '-pkgdir',
  '-toolexec', '-buildmode', '-compiler', '-installsuffix', '-gccgoflags', '-covermode', '-coverpkg', '-exec',
  '--ldflags', '--tags', '--mod',
);
const USERADD = set(
  '-c', '-d', '-g', '-G', '-s', '-u', '-k', '-K', '-e', '-f', '-p', '-b', '-Z', '-h', '-R', '-P',
  '--comment', '--home-dir', '--home', '--gid', '--groups', '--shell', '--uid', '--skel', '--key', '--expiredate',
  '--inactive', '--password', '--base-dir', '--selinux-user', '--gecos', '--ingroup', '--firstuid', '--lastuid',
  '--firstgid', '--lastgid', '--conf', '--add_extra_groups', '--extrausers', '--root', '--prefix',
);

/** Options that take a value, per program. */
const VALUE_OPTIONS: Record<string, ReadonlySet<string>> = {
  'apt-get': APT, apt: APT, aptitude: APT, 'apt-cache': APT,
  apk: APK,
  yum: YUM, dnf: YUM, dnf5: YUM, tdnf: YUM, microdnf: YUM,
  zypper: ZYPPER,
  pip: PIP, uv: PIP, pipx: PIP,
  npm: NPM, yarn: NPM, pnpm: NPM,
  gem: GEM,
  go: GO,
  useradd: USERADD, adduser: USERADD, groupadd: USERADD, addgroup: USERADD, usermod: USERADD,
};

/** Programs whose options are single-dash words (`go build -ldflags=...`), never grouped letters. */
const SINGLE_DASH_LONG = new Set(['go', 'find', 'java']);

/** The options of `program` that take a value (`pip3.12` is pip). */
export function valueOptions(program: string): ReadonlySet<string> {
  return own(VALUE_OPTIONS, program) ?? (/^pip\d/.test(program) ? PIP : EMPTY);
}

const EMPTY: ReadonlySet<string> = new Set();

/** `own` plus `extra`, made once per pair: rules ask with the same few extras for every command. */
const merged = new WeakMap<ReadonlySet<string>, Map<string, ReadonlySet<string>>>();
/** The same, by the extra's identity: most extras are module constants (a program's value options). */
const mergedByObject = new WeakMap<ReadonlySet<string>, WeakMap<object, ReadonlySet<string>>>();
function withExtra(own: ReadonlySet<string>, extra: Iterable<string>): ReadonlySet<string> {
  let byObject = mergedByObject.get(own);
  if (!byObject) mergedByObject.set(own, (byObject = new WeakMap()));
  const known = byObject.get(extra);
  if (known) return known;
  const set = withExtraByKey(own, extra);
  // Literal arrays are new at every call: keeping them would only fill the map.
  if (!Array.isArray(extra)) byObject.set(extra, set);
  return set;
}
function withExtraByKey(own: ReadonlySet<string>, extra: Iterable<string>): ReadonlySet<string> {
  const list = Array.isArray(extra) ? (extra as string[]) : [...extra];
  const key = list.join('\0');
  let byExtra = merged.get(own);
  if (!byExtra) merged.set(own, (byExtra = new Map()));
  let set = byExtra.get(key);
  if (!set) byExtra.set(key, (set = new Set([...own, ...list])));
  return set;
}

/**
 * Splits argv[from..] of `cmd` into options and operands. Options that take a value (the program's
 * own, plus `withValue`) consume it: `-o X`, `-oX`, `--opt X`, `--opt=X`; in a group (`-qyo X`) the
 * letter taking a value ends the group. `--` ends the options; `-` alone is an operand (stdin).
 */
export function parseArgv(cmd: Pick<ShellCommand, 'program' | 'argv'>, from = 1, withValue?: Iterable<string>): Readonly<Argv> {
  // Most rules ask for the plain split of the same commands: made once per command. No extra value
  // options (an empty set or list), or the program's own given again (apt-get's for apt-get), is the plain split too.
  if (withValue !== undefined && !isEmpty(withValue) && withValue !== valueOptions(cmd.program)) return split(cmd, from, withValue);
  if (from !== 1) return split(cmd, from, undefined);
  let argv = PLAIN.get(cmd);
  if (!argv) PLAIN.set(cmd, (argv = split(cmd, 1, undefined)));
  return argv;
}
const PLAIN = new WeakMap<object, Argv>();

const isEmpty = (xs: Iterable<string>): boolean => (Array.isArray(xs) ? xs.length === 0 : xs instanceof Set ? xs.size === 0 : false);

function split(cmd: Pick<ShellCommand, 'program' | 'argv'>, from: number, withValue: Iterable<string> | undefined): Argv {
  const own = valueOptions(cmd.program);
  const valued = withValue ? withExtra(own, withValue) : own;
  const singleDash = SINGLE_DASH_LONG.has(cmd.program);
  const out = { options: [] as ArgOption[], operands: [] as number[], dashdash: -1 };
  let ended = false;
  for (let i = from; i < cmd.argv.length; i++) {
    const a = cmd.argv[i]!;
    if (ended || !a.startsWith('-') || a === '-') {
      out.operands.push(i);
      continue;
    }
    if (a === '--') {
      ended = true;
      out.dashdash = i;
      continue;
    }
    if (a.startsWith('--') || singleDash) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (eq > 0) out.options.push({ name, value: a.slice(eq + 1), index: i });
      else if (valued.has(name)) out.options.push({ name, value: cmd.argv[++i] ?? null, index: i - 1 });
      else out.options.push({ name, value: null, index: i });
      continue;
    }
    // A whole word that is a known valued option (`-ldflags` style in other programs): take it as one.
    if (a.length > 2 && valued.has(a)) {
      out.options.push({ name: a, value: cmd.argv[++i] ?? null, index: i - 1 });
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const name = `-${a[k]}`;
      if (!valued.has(name)) {
        out.options.push({ name, value: null, index: i });
        continue;
      }
      const rest = a.slice(k + 1);
      if (rest) out.options.push({ name, value: rest.startsWith('=') ? rest.slice(1) : rest, index: i });
      else out.options.push({ name, value: cmd.argv[++i] ?? null, index: i - 1 });
      break;
    }
  }
  return out;
}

/** Is one of the options given? `-y` also matches inside `-qy`; `--yes` also as `--yes=...`. */
export function hasOpt(argv: Argv, ...names: string[]): boolean {
  return argv.options.some((o) => names.includes(o.name));
}

/** How many times the options are given (`-q -q`, `-qq` and `--quiet --quiet` are 2). */
export function countOpt(argv: Argv, ...names: string[]): number {
  return argv.options.filter((o) => names.includes(o.name)).length;
}

/** The values given to the options, in order. */
export function optValues(argv: Argv, ...names: string[]): string[] {
  return argv.options.filter((o) => names.includes(o.name) && o.value !== null).map((o) => o.value!);
}
