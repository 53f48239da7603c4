// V8 flags the launcher sets before the CLI bundle loads: the short-run tiering (short-run-tiering.ts) and
// the young generation `check` starts with (src/engine/young-generation.ts). Flags that change later do not
// reach the code caches: V8 checks each against the flags of the run that loads it.

import { createRequire } from 'node:module';
import { CHECK_LAUNCH_FLAG } from '../engine/young-generation.js';
import { SHORT_RUN_INTERRUPT_BUDGET, tieringFor } from './short-run-tiering.js';

/**
 * Node's built-in modules the CLI bundle loads at its top level that are not loaded yet when the
 * launcher runs. Node's own code cache for its built-ins is tied to V8's flags: one loaded after the
 * flag changes is compiled from source (~5 ms on a small project, measured), so they load first.
 */
const BUILTINS_OF_THE_BUNDLE = ['node:child_process', 'node:net', 'node:tty'];

/**
 * Built-in code that Node loads on first use rather than with its module: the stdout and stderr
 * streams (a file, a pipe or a terminal: each kind loads its own stream module) and util.parseArgs,
 * which every command runs. Touched before the flag changes for the same reason (~1 ms on a small project).
 */
function touchLazyBuiltins(require: NodeRequire): void {
  void process.stdout;
  void process.stderr;
  void (require('node:util') as typeof import('node:util')).parseArgs;
}

/** The flags `command` runs with: the same on every run of a command, as its code cache needs. */
export function launchFlagsFor(command: string, env: NodeJS.ProcessEnv): string[] {
  const flags: string[] = [];
  if (tieringFor(command, env) === 'short-run') flags.push(`--interrupt-budget=${SHORT_RUN_INTERRUPT_BUDGET}`);
  if (command === 'check') flags.push(CHECK_LAUNCH_FLAG);
  return flags;
}

/** Sets `command`'s flags. Must run before the CLI bundle loads, and before anything else listens for 'beforeExit'. */
export function setLaunchFlags(command: string, env: NodeJS.ProcessEnv = process.env): void {
  const flags = launchFlagsFor(command, env);
  if (!flags.length) return;
  const require = createRequire(import.meta.url);
  for (const id of BUILTINS_OF_THE_BUNDLE) require(id);
  touchLazyBuiltins(require);
  const v8 = require('node:v8') as typeof import('node:v8');
  v8.setFlagsFromString(flags.join(' '));
  // The check changes its growth factor as it runs; the bundle's code cache is written at exit (code-cache.ts,
  // a later 'beforeExit' listener) and must carry the flags it was loaded under, or every run would reject it.
  if (flags.includes(CHECK_LAUNCH_FLAG)) process.on('beforeExit', () => v8.setFlagsFromString(CHECK_LAUNCH_FLAG));
}
