// A CLI run lasts a fraction of a second to a few seconds. With V8's default tiering every function
// that has run a little is compiled again by TurboFan on a second thread: compiles that cost more CPU
// than a run this short earns back. A larger interrupt budget (how much bytecode a function runs
// between tier-up checks; V8's default is 67,584) keeps all but the hottest functions in the
// interpreter and Sparkplug's baseline code: on 481 real Dockerfiles ~40% less CPU and ~20% less wall
// time, on 1,924 ~30% / ~8% less (bench/check.bench.ts prints the check with and without it).
// The language server runs for hours and keeps V8's default, as does the library.

import { createRequire } from 'node:module';

export const SHORT_RUN_INTERRUPT_BUDGET = 600_000;

/** Commands that run for hours: V8's default tiering pays for itself there. */
const LONG_RUNNING = new Set(['lsp']);

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

/** V8's default tiering for `command` (long-running, or SLIPWAY_V8_DEFAULT_TIERING=1 to measure), or the short-run one. */
export function tieringFor(command: string, env: NodeJS.ProcessEnv): 'default' | 'short-run' {
  return LONG_RUNNING.has(command) || env.SLIPWAY_V8_DEFAULT_TIERING === '1' ? 'default' : 'short-run';
}

/**
 * Sets the short-run budget when `command` gets it. Must run before the CLI bundle loads: the bundle's
 * code cache is tied to V8's flags too, so every run of a command must see the same ones.
 */
export function tuneTieringFor(command: string, env: NodeJS.ProcessEnv = process.env): void {
  if (tieringFor(command, env) === 'default') return;
  const require = createRequire(import.meta.url);
  for (const id of BUILTINS_OF_THE_BUNDLE) require(id);
  touchLazyBuiltins(require);
  require('node:v8').setFlagsFromString(`--interrupt-budget=${SHORT_RUN_INTERRUPT_BUDGET}`);
}
