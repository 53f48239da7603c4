// SLIPWAY_TRACE=1: each local step's start (ms since the process started) and duration on stderr,
// to see where a command spends its time — what waits for what, and how late the first step starts.

import { performance } from 'node:perf_hooks';
import type { Executor } from './step.js';

/** The executor itself, or when SLIPWAY_TRACE is set, one that also says when each step ran. */
export function traced(exec: Executor, io: { env: NodeJS.ProcessEnv; stderr: (s: string) => void }): Executor {
  if (!io.env.SLIPWAY_TRACE) return exec;
  return {
    name: exec.name,
    async run(step, hooks) {
      const t = performance.now();
      try {
        return await exec.run(step, hooks);
      } finally {
        io.stderr(`  [trace] ${step.label ?? String(step.argv[0])}: started at +${t.toFixed(0)} ms, took ${(performance.now() - t).toFixed(0)} ms\n`);
      }
    },
  };
}

/** Says how long `work` took, started when (SLIPWAY_TRACE only). */
export async function tracedSpan<T>(label: string, io: { env: NodeJS.ProcessEnv; stderr: (s: string) => void }, work: () => Promise<T>): Promise<T> {
  if (!io.env.SLIPWAY_TRACE) return work();
  const t = performance.now();
  try {
    return await work();
  } finally {
    io.stderr(`  [trace] ${label}: started at +${t.toFixed(0)} ms, took ${(performance.now() - t).toFixed(0)} ms\n`);
  }
}

/** As tracedSpan, for work that started before it was handed over (the launcher's early git). */
export async function tracedStarted<T>(label: string, io: { env: NodeJS.ProcessEnv; stderr: (s: string) => void }, work: { startedAt: number; settledAt: number | null; facts: Promise<T> }): Promise<T> {
  if (!io.env.SLIPWAY_TRACE) return work.facts;
  try {
    return await work.facts;
  } finally {
    const took = (work.settledAt ?? performance.now()) - work.startedAt;
    io.stderr(`  [trace] ${label}: started at +${work.startedAt.toFixed(0)} ms (before the CLI bundle loaded), took ${took.toFixed(0)} ms\n`);
  }
}
