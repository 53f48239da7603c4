// The stage at the root of a stage's FROM chain (the one FROM an external image or scratch), asked by
// rules for every instruction or stage: kept per stage while the file's rules run.

import type { Stage } from '../../parse/dockerfile/model.js';
import { fileMemo, kept } from './file-memo.js';

/**
 * The first stage of the chain (the last one `fromChain` walks to), kept per stage while the file's
 * rules run: from the nearest stage up the chain that knows it, so a chain of n stages costs n, not n².
 */
export function rootStage(stage: Stage): Stage {
  const walked: Stage[] = [];
  const seen = new Set<Stage>();
  let root: Stage | undefined;
  for (let s: Stage | null = stage; s && !seen.has(s); s = s.image.stage) {
    seen.add(s);
    root = kept<Stage>(s, ROOT);
    if (root) break;
    walked.push(s);
  }
  const found = root ?? walked.at(-1)!;
  for (const s of walked) fileMemo(s, ROOT, () => found);
  return found;
}
const ROOT = 'root stage';
