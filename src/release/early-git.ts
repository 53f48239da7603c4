// `slipway release` waits for git (tags and labels) before its build can start, and git could be
// asked before the CLI bundle has even loaded. So the launcher loads this small module alone
// (dist/release-early.cjs) for `release` only, starts git here, and leaves the answer on a global
// for runRelease, which is in the other bundle (a module-level variable would not be shared).

import { performance } from 'node:perf_hooks';
import { type ReleaseFacts, gitReleaseFacts } from '../git.js';
import { PASSWORD_VAR } from './credentials.js';

export interface EarlyGit {
  /** The directory git was asked in. */
  dir: string;
  facts: Promise<ReleaseFacts>;
  /** ms since the process started, for SLIPWAY_TRACE. */
  startedAt: number;
  settledAt: number | null;
}

const KEY = Symbol.for('slipway.release.early-git');
type Holder = { [KEY]?: EarlyGit };

/** Asks git for the release facts of `cwd` now; runRelease takes the answer with takeEarlyGit. */
export function startEarlyGit(cwd: string, argv: readonly string[]): void {
  const early: EarlyGit = { dir: cwd, facts: null!, startedAt: performance.now(), settledAt: null };
  early.facts = gitReleaseFacts(cwd, { hiddenEnv: passwordVars(argv) }).finally(() => {
    early.settledAt = performance.now();
  });
  early.facts.catch(() => undefined); // whoever takes it says what went wrong; unused, it is no error
  (globalThis as Holder)[KEY] = early;
}

/** The git question the launcher started, if it was asked in `cwd`; taken once. */
export function takeEarlyGit(cwd: string): EarlyGit | null {
  const early = (globalThis as Holder)[KEY];
  delete (globalThis as Holder)[KEY];
  return early?.dir === cwd ? early : null;
}

/** The variables that may hold the registry password (as resolveCredentials reads them), from the raw arguments: git gets none. */
export function passwordVars(argv: readonly string[]): string[] {
  const vars = [PASSWORD_VAR];
  argv.forEach((a, i) => {
    if (a === '--password-env' && argv[i + 1] !== undefined) vars.push(argv[i + 1]!);
    else if (a.startsWith('--password-env=')) vars.push(a.slice('--password-env='.length));
  });
  return vars;
}
