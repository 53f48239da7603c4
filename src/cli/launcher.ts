// dist/slipway.js: loads the CLI bundle (dist/cli.cjs) through V8's code cache, which halves
// start-up; the bundle runs the same without it (SLIPWAY_NO_CODE_CACHE=1).
// `check --cache` first asks the cache, with a few small modules and no checker: a hit prints the
// last report and exits without loading the bundle at all.

import { requireWithCodeCache } from '../util/code-cache.js';
import { lookup, openCache } from '../cache/check-cache.js';

function cachedCheck(argv: string[]): boolean {
  if (argv[0] !== 'check' || !argv.includes('--cache')) return false;
  const cache = openCache(argv.slice(1), { cwd: process.cwd(), env: process.env, isTTY: Boolean(process.stdout.isTTY) });
  const hit = cache && lookup(cache);
  if (!hit) return false;
  process.stdout.write(hit.stdout);
  process.stderr.write(hit.stderr);
  process.exitCode = hit.exitCode;
  return true;
}

if (!cachedCheck(process.argv.slice(2))) requireWithCodeCache('./cli.cjs', import.meta.url);
