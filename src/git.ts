// The only place slipway runs git. The repository may be hostile (a pull request, a downloaded archive):
// its .git/config can name commands (core.fsmonitor, filter and diff drivers, pagers, hooks), so every
// call switches those off, and the caller's GIT_* environment cannot point git somewhere else.

import { execFileSync } from 'node:child_process';

export class GitError extends Error {
  override name = 'GitError';
}

export interface GitOptions {
  cwd: string;
  /** Killed after this long (a config include of /dev/zero, a huge repository). */
  timeoutMs?: number;
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

/** The environment git runs with: the caller's minus every GIT_* variable, plus ours. */
export function gitEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!/^GIT_/i.test(k) && k !== 'PAGER' && k !== 'SSH_ASKPASS') out[k] = v;
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

function exec(args: string[], { cwd, timeoutMs = 10_000 }: GitOptions): string {
  const flags = ['--no-pager', '--no-optional-locks', ...SAFE_CONFIG.flatMap((c) => ['-c', c])];
  try {
    return execFileSync('git', [...flags, ...args], {
      cwd,
      env: gitEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    const detail = err.code === 'ENOENT' ? 'git is not installed' : (err.stderr || err.message).trim().split('\n')[0];
    throw new GitError(`git ${args[0] ?? ''}: ${detail}`);
  }
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
    found = [...new Set(keys.filter((k) => DRIVER_KEY.test(k)))].flatMap((k) => ['-c', `${k}=`]);
    overridesByDir.set(opts.cwd, found);
  }
  return found;
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
