// `slipway release` waits for git (tags and labels) before its build can start, and git could be
// asked before the CLI bundle has even loaded. So the launcher loads this small module alone
// (dist/release-early.cjs) for `release` only, starts git here, and leaves the answer on a global
// for runRelease, which is in the other bundle (a module-level variable would not be shared).

import { performance } from 'node:perf_hooks';
import { type ReleaseFacts, gitReleaseFacts } from '../git.js';
import { parseReleaseArgs, passwordVars, type ReleaseArgs } from './release-args.js';

export interface EarlyGit {
  /** The directory git was asked in. */
  dir: string;
  facts: Promise<ReleaseFacts>;
  /** The variables git was not given (the registry password's). */
  hiddenEnv: string[];
  /** ms since the process started, for SLIPWAY_TRACE. */
  startedAt: number;
  settledAt: number | null;
}

const KEY = Symbol.for('slipway.release.early-git');
type Holder = { [KEY]?: EarlyGit };

/** Asks git for the release facts of `cwd` now, for `release`'s arguments `argv`; runRelease takes the answer with takeEarlyGit. */
export function startEarlyGit(cwd: string, argv: readonly string[]): void {
  let values: ReleaseArgs;
  try {
    values = parseReleaseArgs(argv).values;
  } catch {
    return; // release refuses these arguments itself (exit 2): git is not asked
  }
  if (values.help) return;
  // The same variables runRelease hides from its own git, from the same parse.
  const early: EarlyGit = { dir: cwd, facts: null!, hiddenEnv: passwordVars(values), startedAt: performance.now(), settledAt: null };
  early.facts = gitReleaseFacts(cwd, { hiddenEnv: early.hiddenEnv }).finally(() => {
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
