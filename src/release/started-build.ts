// A running `docker build` that may have been started on a guess of the builder (before docker
// answered which one it has): its output is held back until the guess is confirmed, and a wrong
// guess is stopped without a line of it shown.

import type { BuilderKind } from '../docker/commands.js';
import type { Executor, Step, StepResult } from '../exec/step.js';

export interface StartedBuild {
  readonly kind: BuilderKind;
  readonly step: Step;
  /** When it started (ms, the caller's clock). */
  readonly startedAt: number;
  /** Resolves with the exit code once the build has ended; rejects only when docker cannot start. */
  readonly done: Promise<StepResult>;
  /** Prints the lines held so far, then each line as it comes. */
  show(): void;
  /** Stops the build (a wrong guess, a failed login); `done` still resolves when it has ended. */
  stop(): void;
}

export function startBuild(exec: Executor, step: Step, kind: BuilderKind, onLine: (line: string) => void, startedAt: number, held: boolean): StartedBuild {
  const stopper = new AbortController();
  const waiting: string[] = [];
  let shown = !held;
  const done = exec.run(step, {
    signal: stopper.signal,
    onLine: (_stream, line) => {
      if (shown) onLine(line);
      else waiting.push(line);
    },
  });
  done.catch(() => undefined); // awaited by the caller; a guess stopped early may never be
  return {
    kind,
    step,
    startedAt,
    done,
    show() {
      if (shown) return;
      shown = true;
      for (const line of waiting.splice(0)) onLine(line);
    },
    stop: () => stopper.abort(),
  };
}
