// The interface between bench/zero-downtime.bench.ts (one table, one run) and the rows other
// files add to it: bench/swarm-row.ts exports `swarmStartFirstRow(load: LoadFn): Promise<ZdRow>`.
import type { LoadResult } from '../test/e2e/load/steady-load.js';

export type { LoadResult };

/**
 * Sends a bounded, steady HTTP load to `url` from a second process (a fresh connection per
 * request) while `during` runs (the deploy), and counts the failed requests.
 */
export type LoadFn = (url: string, during: () => Promise<void>) => Promise<LoadResult>;

export interface ZdRow {
  label: string;
  result?: LoadResult;
  /** How long the deploy took. */
  seconds?: number;
  /** Why the row has no figures (e.g. the engine is not available here). */
  skipped?: string;
  /** Anything the reader must know (exit code, what still serves). */
  note?: string;
}
