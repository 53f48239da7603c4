// Progress of long steps (build, pushes). On a terminal: one status line that is rewritten
// in place, then a summary line per step. Elsewhere (CI logs, pipes): plain lines, one per
// line of docker's output, prefixed with the step, so logs stay readable and greppable.

export interface Progress {
  /** A line of a running step's output. */
  line(step: string, text: string): void;
  /** A step finished: its one-line summary. */
  done(step: string, summary: string): void;
  /** Clears any status line (before an error is printed). */
  clear(): void;
}

export function progress(write: (s: string) => void, tty: boolean, columns = 100): Progress {
  let status = false;
  const clear = () => {
    if (status) write('\r\x1b[K');
    status = false;
  };
  return {
    line(step, text) {
      // Colour and cursor sequences first, then any other control character (a hostile build's output).
      const t = text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '').trim();
      if (!t) return;
      if (tty) {
        const s = `${step}: ${t}`;
        write(`\r\x1b[K${s.length > columns - 1 ? `${s.slice(0, columns - 2)}…` : s}`);
        status = true;
      } else {
        write(`${step} | ${t}\n`);
      }
    },
    done(step, summary) {
      clear();
      write(`${step}: ${summary}\n`);
    },
    clear,
  };
}
