// The process's standard output for CliIO. Node never blocks on a pipe: what the reader has not taken
// yet is queued in memory, so a big report behind a slow reader (`| less`, `| ssh …`) would sit there
// whole. `ready()` lets a writer wait for the reader instead. A reader that goes away (EPIPE: `| head`)
// ends the writing quietly; the check still ends with an exit code, never a stack trace (stdout-failure.ts).

import { stdoutFailure } from './stdout-failure.js';

export interface ProcessOutput {
  write: (s: string) => void;
  /** Resolves true when more may be written without queueing it, false once the output is closed. */
  ready: () => Promise<boolean>;
  /** The exit code once the command returned `code` and the output took the rest: a closed or failed output decides it. */
  exitCode: (code: number) => Promise<number>;
}

export function processOutput(stream: NodeJS.WriteStream, stderr: (s: string) => void): ProcessOutput {
  let failed: NodeJS.ErrnoException | null = null;
  // Without a listener a write error is an uncaught exception: a stack trace.
  stream.on('error', (e: NodeJS.ErrnoException) => {
    failed ??= e;
  });
  const ready = (): Promise<boolean> => {
    if (failed || stream.destroyed) return Promise.resolve(false);
    if (!stream.writableNeedDrain) return Promise.resolve(true);
    // A reader that never reads keeps us here, as it keeps `cat` waiting; signals still end the process.
    return new Promise((resolve) => {
      const done = () => {
        stream.off('drain', done);
        stream.off('close', done);
        stream.off('error', done);
        resolve(!failed && !stream.destroyed);
      };
      stream.on('drain', done);
      stream.on('close', done);
      stream.on('error', done);
    });
  };
  return {
    write: (s) => {
      if (!failed) stream.write(s);
    },
    ready,
    exitCode: async (code) => {
      await ready();
      await new Promise((resolve) => setImmediate(resolve)); // a failed write's 'error' comes a tick after it
      if (!failed) return code;
      const failure = stdoutFailure(failed);
      if (failure.message) stderr(failure.message);
      return failure.exitCode;
    },
  };
}
