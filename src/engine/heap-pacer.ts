// Keeps a long check's old generation near what it holds. After its first full collection V8 lets the old
// generation grow to about four times what was live then before it collects again; a check of many files
// promotes some of each file's short-lived data there (alive across two young collections), so the heap grew
// with the number of files though what the check keeps grows only with the findings (issue 15). The pacer
// runs a full collection whenever the old generation grew by a fixed budget since the last one. It also stops
// the young generation's growth at its cap (young-generation.ts).

import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { capYoungGeneration } from './young-generation.js';

/** How far the old generation may grow past what the last collection left: none on 481 real Dockerfiles, three on 1,924 (measured). */
export const OLD_SPACE_BUDGET_BYTES = 8 * 1024 * 1024;

/** A function to call between files: it collects when the old generation outgrew the budget. */
export function heapPacer(budget = OLD_SPACE_BUDGET_BYTES): () => void {
  let floor = oldSpaceUsed();
  let gc: (() => void) | null = null;
  capYoungGeneration();
  return () => {
    capYoungGeneration();
    if (oldSpaceUsed() <= floor + budget) return;
    gc ??= collector();
    gc();
    floor = oldSpaceUsed();
  };
}

function oldSpaceUsed(): number {
  for (const s of getHeapSpaceStatistics()) if (s.space_name === 'old_space') return s.space_used_size;
  return 0;
}

/**
 * V8's `gc`, taken from a new context made while --expose-gc is on, then the flag is turned off again: the
 * process's own global gets no `gc`, and V8's flags (which its code caches are checked against) are as before.
 */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  try {
    return runInNewContext('gc') as () => void;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
