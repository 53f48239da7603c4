// dist/slipway.js: loads the CLI bundle (dist/cli.cjs) through V8's code cache, which halves
// start-up; the bundle runs the same without it (SLIPWAY_NO_CODE_CACHE=1).

import { requireWithCodeCache } from '../util/code-cache.js';

requireWithCodeCache('./cli.cjs', import.meta.url);
