// dist/slipway.js: loads the CLI bundle (dist/cli.cjs) through V8's code cache, which halves
// start-up; the bundle runs the same without it (SLIPWAY_NO_CODE_CACHE=1).
// `release` starts git first (release-first.ts).
// `check --cache` first asks the cache, with a few small modules and no checker: a hit prints the
// last report and exits without loading the bundle at all.

import './release-first.js'; // first: `release` asks git before the modules below load
import { requireWithCodeCache } from '../util/code-cache.js';
import { lookup, openCache } from '../cache/check-cache.js';
import type { VerifiedEntry } from '../cache/entry-reader.js';
import { setLaunchFlags } from './launch-flags.js';
import { tieringFor } from './short-run-tiering.js';
import { stdoutFailure } from './stdout-failure.js';

function cachedCheck(argv: string[]): boolean {
  if (argv[0] !== 'check' || !argv.includes('--cache')) return false;
  const cache = openCache(argv.slice(1), { cwd: process.cwd(), env: process.env, isTTY: Boolean(process.stdout.isTTY) });
  const hit = cache && lookup(cache);
  if (!hit) return false;
  void printHit(hit);
  return true;
}

/** The entry's standard output in verified pieces (entry-reader.ts), then its standard error and exit code. */
async function printHit(hit: VerifiedEntry): Promise<void> {
  let failed = false;
  // Without a listener a write error is an uncaught exception: a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    const failure = stdoutFailure(e);
    if (!failed) process.stderr.write(failure.message);
    failed = true;
    process.exitCode = failure.exitCode;
  });
  process.exitCode = hit.exitCode;
  try {
    for (const piece of hit.stdout()) {
      // Each piece handed over before the next is read: a reader that lags never makes the report queue up.
      const error = await new Promise<Error | null | undefined>((done) => process.stdout.write(piece, done));
      if (error || failed) return;
    }
  } catch (e) {
    process.stderr.write(`slipway: ${(e as Error).message}\n`);
    process.exitCode = 2;
    return;
  } finally {
    hit.close();
  }
  process.stderr.write(hit.stderr);
}

/** The code cache's variant: the command (`check`, `lsp`, `deploy`, …), else one for --version, --help and mistakes. */
function commandOf(argv: string[]): string {
  return /^[a-z]{1,16}$/.test(argv[0] ?? '') ? argv[0]! : '-';
}

if (!cachedCheck(process.argv.slice(2))) {
  const command = commandOf(process.argv.slice(2));
  const tiering = tieringFor(command, process.env);
  setLaunchFlags(command);
  // V8 rejects a code cache made under other flags: each tiering keeps its own.
  requireWithCodeCache('./cli.cjs', import.meta.url, tiering === 'short-run' ? command : `${command}:v8-default`);
}
