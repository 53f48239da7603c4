// What a signal must not leave behind: a cold check's ShellCheck scratch folder (on /dev/shm it is
// memory until reboot) and the shellcheck processes writing into it. Node's default for SIGINT,
// SIGTERM and SIGHUP ends the process at once, running no `finally`; a listener would stop it from
// ending at all. So while something is registered, a signal undoes it, then is raised again with the
// default action back, and the process ends as it would have: killed by that signal (exit status 130
// for Ctrl-C, 143 for SIGTERM). The listener runs when the event loop turns: a signal that comes
// while the rules run (they never yield) waits for them (see remove-when-gone.ts).
// Once listening, it listens until a signal comes, even with nothing left to undo: a listener removed
// between a signal's arrival and the turn of the loop that would run it loses the signal (seen: a
// one-project check given Ctrl-C finished and exited 1). For the same reason the loop turns once more
// before the process ends: a signal that came during the last synchronous work (the rules, the report)
// is still waiting in libuv's signal pipe, and the loop ending without a poll would drop it.

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const pending = new Set<{ undo: () => void }>();
let listening = false;

function onSignal(signal: NodeJS.Signals): void {
  for (const entry of pending) {
    try {
      entry.undo();
    } catch {
      // the rest still runs: the process is ending
    }
  }
  pending.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  listening = false;
  // Another listener (an embedder's) decides for itself; else the default action ends the process.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

/** Runs `undo` if SIGINT, SIGTERM or SIGHUP ends the process before the returned `done` is called. */
export function undoOnSignal(undo: () => void): () => void {
  if (!listening) {
    for (const s of SIGNALS) process.on(s, onSignal);
    process.once('beforeExit', () => {
      if (listening) setImmediate(() => {}); // one more poll of the loop: a waiting signal runs onSignal
    });
  }
  listening = true;
  const entry = { undo };
  pending.add(entry);
  return () => void pending.delete(entry);
}
