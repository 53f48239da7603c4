// A CLI run lasts a fraction of a second to a few seconds. With V8's default tiering every function
// that has run a little is compiled again by TurboFan on a second thread: compiles that cost more CPU
// than a run this short earns back. A larger interrupt budget (how much bytecode a function runs
// between tier-up checks; V8's default is 67,584) keeps all but the hottest functions in the
// interpreter and Sparkplug's baseline code: on 481 real Dockerfiles ~40% less CPU and ~20% less wall
// time, on 1,924 ~30% / ~8% less (bench/check.bench.ts prints the check with and without it).
// The language server runs for hours and keeps V8's default, as does the library. The launcher sets
// the budget before the bundle loads (launch-flags.ts).

export const SHORT_RUN_INTERRUPT_BUDGET = 600_000;

/** Commands that run for hours: V8's default tiering pays for itself there. */
const LONG_RUNNING = new Set(['lsp']);

/** V8's default tiering for `command` (long-running, or SLIPWAY_V8_DEFAULT_TIERING=1 to measure), or the short-run one. */
export function tieringFor(command: string, env: NodeJS.ProcessEnv): 'default' | 'short-run' {
  return LONG_RUNNING.has(command) || env.SLIPWAY_V8_DEFAULT_TIERING === '1' ? 'default' : 'short-run';
}
