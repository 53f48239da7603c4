// A scratch folder made while the rules run (an early ShellCheck batch) must not outlive this process,
// yet a signal listener cannot help then: Node runs it only when the event loop turns, and the rules
// never yield (seconds on a big project), so a listener would hold Ctrl-C until they end (481 files at
// load 12: 7–10 s instead of ~50 ms). So while they run a signal keeps its default action, the process
// ends at once, and a small detached process removes the folder once this one is gone, whatever ended
// it (SIGKILL and the OOM killer too). It looks every 0.2 s; after a normal end the folder is already gone.

import { spawn } from 'node:child_process';

// tail --pid waits for the process without forking; only when it is really gone is the folder removed
// (a tail without --pid, as busybox's, fails at once: then nothing is removed).
const WATCH = 'tail --pid="$1" -s 0.2 -f /dev/null 2>/dev/null && ! kill -0 "$1" 2>/dev/null && rm -rf -- "$2"';

/** Removes `dir` after this process ends (Linux: GNU tail; elsewhere nothing is done). */
export function removeWhenGone(dir: string): void {
  if (process.platform !== 'linux') return;
  try {
    const watcher = spawn('/bin/sh', ['-c', WATCH, 'sh', String(process.pid), dir], { detached: true, stdio: 'ignore' });
    watcher.on('error', () => {}); // no /bin/sh: the signal listener still covers the wait for ShellCheck
    watcher.unref();
  } catch {
    // as above
  }
}
