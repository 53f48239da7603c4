// The only place slipway runs git. The repository may be hostile (a pull request, a downloaded archive):
// its .git/config can name commands (core.fsmonitor, filter and diff drivers, pagers, hooks), so every
// call switches those off, and the caller's GIT_* environment cannot point git somewhere else.

import { execFile, execFileSync } from 'node:child_process';

export class GitError extends Error {
  override name = 'GitError';
}

export interface GitOptions {
  cwd: string;
  /** Killed after this long (a config include of /dev/zero, a huge repository). */
  timeoutMs?: number;
  /** Variables git must not inherit (a password release holds): git needs none of them. */
  hiddenEnv?: readonly string[];
}

/**
 * Config that stops git from running a command the repository names. Command-line config wins over
 * every config file. Keys whose names the repository chooses (filter.<driver>.clean …) are found by
 * `driverOverrides` and emptied too.
 */
const SAFE_CONFIG = [
  'core.fsmonitor=false',
  'core.untrackedCache=false',
  'core.hooksPath=/dev/null',
  'core.pager=cat',
  'core.editor=false',
  'core.askPass=',
  'core.sshCommand=false',
  'core.gitProxy=',
  'core.alternateRefsCommand=',
  'credential.helper=',
  'diff.external=',
  'gpg.program=false',
  'gpg.ssh.program=false',
  'gpg.x509.program=false',
  'sequence.editor=false',
  'protocol.allow=never',
  'submodule.recurse=false',
];

/** Per-driver keys that name a command: `filter.x.clean`, `diff.x.textconv`, `merge.x.driver` … */
const DRIVER_KEY = /^(filter|diff|merge)\..+\.(clean|smudge|process|command|textconv|driver)$/i;

/** The environment git runs with: the caller's minus every GIT_* variable (and `hidden`), plus ours. */
export function gitEnv(env: NodeJS.ProcessEnv = process.env, hidden: readonly string[] = []): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!/^GIT_/i.test(k) && k !== 'PAGER' && k !== 'SSH_ASKPASS' && !hidden.includes(k)) out[k] = v;
  return {
    ...out,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    GIT_NO_REPLACE_OBJECTS: '1',
    GIT_LITERAL_PATHSPECS: '1', // a file named ':(exclude)x' is a file name
    LC_ALL: 'C',
  };
}

const SAFE_FLAGS = ['--no-pager', '--no-optional-locks', ...SAFE_CONFIG.flatMap((c) => ['-c', c])];

function exec(args: string[], { cwd, timeoutMs = 10_000, hiddenEnv }: GitOptions): string {
  try {
    return execFileSync('git', [...SAFE_FLAGS, ...args], {
      cwd,
      env: gitEnv(process.env, hiddenEnv),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    });
  } catch (e) {
    throw gitFailure(args, e);
  }
}

/** As exec, without blocking: several git calls can run side by side (and beside docker). */
function execAsync(args: string[], { cwd, timeoutMs = 10_000, hiddenEnv }: GitOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', [...SAFE_FLAGS, ...args], { cwd, env: gitEnv(process.env, hiddenEnv), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (e, stdout, stderr) =>
      e ? reject(gitFailure(args, Object.assign(e, { stderr }))) : resolve(stdout),
    );
    child.stdin?.end();
  });
}

function gitFailure(args: string[], e: unknown): GitError {
  const err = e as NodeJS.ErrnoException & { stderr?: string };
  const detail = err.code === 'ENOENT' ? 'git is not installed' : (err.stderr || err.message).trim().split('\n')[0];
  return new GitError(`git ${args[0] ?? ''}: ${detail}`);
}

const overridesByDir = new Map<string, string[]>();

/** `-c key=` for every driver command the repository's config defines (an empty command is not run). */
function driverOverrides(opts: GitOptions): string[] {
  let found = overridesByDir.get(opts.cwd);
  if (!found) {
    let keys: string[] = [];
    try {
      keys = exec(['config', '--null', '--name-only', '--list'], opts).split('\0');
    } catch {
      keys = []; // not a repository: the command itself will say so
    }
    found = overridesFor(keys);
    overridesByDir.set(opts.cwd, found);
  }
  return found;
}

function overridesFor(keys: string[]): string[] {
  return [...new Set(keys.filter((k) => DRIVER_KEY.test(k)))].flatMap((k) => ['-c', `${k}=`]);
}

/**
 * Runs `git ARGS` in `cwd` and returns its stdout; throws GitError (no git, not a repository, failure).
 * Commands that show diffs should still pass --no-ext-diff --no-textconv, and status
 * --ignore-submodules=all (a submodule's own config is not scanned for drivers).
 */
export function runGit(args: string[], opts: GitOptions): string {
  return exec([...driverOverrides(opts), ...args], opts);
}

/** Which of `paths` (relative to `cwd`) git tracks, as given; null when unknown (no git, not a repository). */
export function gitTrackedFiles(cwd: string, paths: string[]): Set<string> | null {
  if (!paths.length) return new Set();
  try {
    return new Set(runGit(['ls-files', '-z', '--', ...paths], { cwd }).split('\0').filter(Boolean));
  } catch {
    return null;
  }
}

// ----------------------------------------------------------------------------------------------
// Readers: the facts init needs, each one git call through runGit. Release asks gitReleaseFacts
// (below) for all of its facts at once; test/unit/git-readers.test.ts checks it against plain
// one-call readers of HEAD, status and commit time that live in that test, as nothing else uses them.

/** The top directory of the work tree that contains `cwd`. */
export function gitRoot(cwd: string): string {
  return runGit(['rev-parse', '--show-toplevel'], { cwd }).trim();
}

export interface GitStatus {
  /** Full SHA of HEAD. */
  head: string;
  /** The checked-out branch, null when detached. */
  branch: string | null;
  /** Changed, staged and untracked (not ignored) paths: empty when the work tree is clean. */
  dirtyPaths: string[];
}

/** HEAD, branch and changed paths in one git call. */
const STATUS_ARGS = ['status', '--porcelain=v2', '--branch', '-z', '--ignore-submodules=all', '--untracked-files=normal'];

function parseStatus(out: string): GitStatus {
  let head = '';
  let branch: string | null = null;
  const dirtyPaths: string[] = [];
  const fields = out.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (f.startsWith('# branch.oid ')) head = f.slice('# branch.oid '.length);
    else if (f.startsWith('# branch.head ')) branch = f.slice('# branch.head '.length) === '(detached)' ? null : f.slice('# branch.head '.length);
    else if (f.startsWith('? ')) dirtyPaths.push(f.slice(2));
    // `1 XY sub mH mI mW hH hI path`, `2 … Xscore path` + the original path as the next field, `u … path`.
    else if (f.startsWith('1 ')) dirtyPaths.push(f.split(' ').slice(8).join(' '));
    else if (f.startsWith('2 ')) {
      dirtyPaths.push(f.split(' ').slice(9).join(' '));
      i++;
    } else if (f.startsWith('u ')) dirtyPaths.push(f.split(' ').slice(10).join(' '));
  }
  if (!/^[0-9a-f]{40,64}$/.test(head)) throw new GitError('git status: HEAD has no commit yet');
  return { head, branch, dirtyPaths };
}

/** The checked-out branch (`main`), or null on a detached HEAD. */
export function gitBranch(cwd: string): string | null {
  try {
    return runGit(['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd }).trim() || null;
  } catch {
    return null;
  }
}

export interface RefFacts {
  /** What `origin/HEAD` points at (set by clone), else the one of `main` and `master` that exists locally, else null. */
  defaultBranch: string | null;
  /** Tags that point at `head` (light-weight, or annotated with `head` as their object), as `git tag --points-at`. */
  tagsAtHead: string[];
}

/** The default branch and the tags at `head`, in one git call. */
export function gitRefFacts(cwd: string, head?: string): RefFacts {
  return parseRefFacts(runGit(REF_ARGS, { cwd }), head);
}

const REF_ARGS = ['for-each-ref', '--format=%(refname)%00%(objectname)%00%(*objectname)%00%(symref)', 'refs/remotes/origin/HEAD', 'refs/heads/main', 'refs/heads/master', 'refs/tags'];

function parseRefFacts(out: string, head?: string): RefFacts {
  let origin: string | null = null;
  const local: string[] = [];
  const tagsAtHead: string[] = [];
  for (const line of out.split('\n')) {
    const [ref = '', object = '', peeled = '', symref = ''] = line.split('\0');
    if (ref === 'refs/remotes/origin/HEAD' && symref.startsWith('refs/remotes/origin/')) origin = symref.slice('refs/remotes/origin/'.length);
    else if (ref === 'refs/heads/main' || ref === 'refs/heads/master') local.push(ref.slice('refs/heads/'.length));
    else if (ref.startsWith('refs/tags/') && head && (object === head || peeled === head)) tagsAtHead.push(ref.slice('refs/tags/'.length));
  }
  const defaultBranch = origin ?? (local.length === 1 ? local[0]! : local.includes('main') ? 'main' : null);
  return { defaultBranch, tagsAtHead };
}

/** The default branch: see RefFacts. */
export function gitDefaultBranch(cwd: string): string | null {
  return gitRefFacts(cwd).defaultBranch;
}

/** The URL of `origin`, else of the first remote; null when there is none. */
export function gitRemoteUrl(cwd: string): string | null {
  let out: string;
  try {
    out = runGit(['config', '--null', '--get-regexp', '^remote\\..*\\.url$'], { cwd });
  } catch {
    return null; // exit 1: no remote at all
  }
  return remoteUrlIn(configEntries(out));
}

/** `config --null` output (`key\nvalue\0` …) as [key, value] pairs. */
function configEntries(out: string): [string, string][] {
  return out
    .split('\0')
    .filter(Boolean)
    .map((entry) => {
      const nl = entry.indexOf('\n');
      return nl < 0 ? [entry, ''] : [entry.slice(0, nl), entry.slice(nl + 1)];
    });
}

/** origin's URL, else the first remote's. */
function remoteUrlIn(entries: [string, string][]): string | null {
  const urls = new Map<string, string>();
  for (const [key, value] of entries) {
    const m = /^remote\.(.*)\.url$/.exec(key);
    if (m && !urls.has(m[1]!)) urls.set(m[1]!, value);
  }
  return urls.get('origin') ?? urls.values().next().value ?? null;
}

const COMMIT_TIME_ARGS = ['show', '-s', '--no-show-signature', '--format=%ct', 'HEAD'];

function isoFromSeconds(out: string): string {
  return new Date(Number(out.trim()) * 1000).toISOString();
}

export interface ReleaseFacts extends GitStatus, RefFacts {
  /** The URL of origin, else of the first remote. */
  remoteUrl: string | null;
  /** HEAD's commit time, ISO-8601 UTC. */
  commitTime: string;
}

/**
 * What release needs from git, as soon as git can say it: the repository's config first (its driver
 * commands are switched off for what follows, and it names the remote), then status and the refs
 * side by side (the refs also tell HEAD's commit time when a branch or tag is at HEAD). Any
 * directory inside the work tree will do; outside any repository git's "not a git repository".
 */
export async function gitReleaseFacts(cwd: string, opts: { timeoutMs?: number; hiddenEnv?: readonly string[] } = {}): Promise<ReleaseFacts> {
  const o = { cwd, ...opts };
  const config = configEntries(await execAsync(['config', '--null', '--list'], o).catch(() => ''));
  const overrides = overridesFor(config.map(([k]) => k));
  overridesByDir.set(cwd, overrides);
  const run = (args: string[]) => execAsync([...overrides, ...args], o);
  const [status, refs] = await Promise.allSettled([run(STATUS_ARGS), run(RELEASE_REF_ARGS)]);
  // Status first: outside a repository both fail, and its error is the one that explains.
  if (status.status === 'rejected') throw status.reason;
  const st = parseStatus(status.value);
  if (refs.status === 'rejected') throw refs.reason;
  // HEAD's commit time from a branch or tag at HEAD; a HEAD that is no ref's tip needs one more call.
  const time = commitTimeAt(refs.value, st.head) ?? (await run(COMMIT_TIME_ARGS));
  return { ...st, ...parseRefFacts(refs.value, st.head), remoteUrl: remoteUrlIn(config), commitTime: isoFromSeconds(time) };
}

/** REF_ARGS, plus every local branch and each ref's commit time (a fifth field). */
const RELEASE_REF_ARGS = ['for-each-ref', '--format=%(refname)%00%(objectname)%00%(*objectname)%00%(symref)%00%(committerdate:unix)', 'refs/remotes/origin/HEAD', 'refs/heads/', 'refs/tags'];

/** The commit time (unix seconds) of a ref that names `head` itself (a branch or a light-weight tag), else null. */
function commitTimeAt(out: string, head: string): string | null {
  for (const line of out.split('\n')) {
    const [, object = '', , , time = ''] = line.split('\0');
    if (object === head && /^\d+$/.test(time)) return time;
  }
  return null;
}

/** A public https URL for a remote (for the OCI `source` label); null when it is not a web host. */
export function remoteWebUrl(url: string | null): string | null {
  if (!url) return null;
  const m = /^(?:(?:https?|ssh|git):\/\/)?(?:[^@/]+@)?([^/:]+)(?::\d+)?[:/](.+?)(?:\.git)?\/?$/i.exec(url.trim());
  if (!m || /^(?:file|\/)/.test(url)) return null;
  return `https://${m[1]!.toLowerCase()}/${m[2]!.replace(/^\/+/, '')}`;
}
