// Caps V8's young generation during a check. V8 doubles a semi-space each time the objects that survived
// young collections since its last growth outweigh it, up to 16 MB (two of them: 32 MB). A check's long-lived
// data (texts read up front, findings) counts, so a long enough run always reached 32 MB, reached by
// ~481 real Dockerfiles (issue 15: +16–20 MB of peak RSS that did not follow the findings). V8 reads its
// growth factor at each growth, so factor 1 stops it where it is; the maximum size is read only at start.
//
// The launcher sets factor 1 before the bundle loads (src/cli/launch-flags.ts): start-up and the
// reading of the files run in the initial 1 MB semi-spaces, where what stays is moved to the old generation
// sooner. The check lets it grow when its rules start (smaller semi-spaces cost CPU there: 4 MB +9% on
// 481 files, 8 MB within noise, measured) and stops it at SEMI_SPACE_CAP_BYTES.

import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** Where the young generation stops growing: each of its two semi-spaces. */
export const SEMI_SPACE_CAP_BYTES = 8 * 1024 * 1024;

let capped = false;

/** Lets the young generation grow again (V8's default factor), unless it already reached the cap. */
export function letYoungGenerationGrow(): void {
  if (!capped) setFlagsFromString('--semi-space-growth-factor=2');
}

/** Stops the young generation's growth once a semi-space reached `cap`; cheap enough to call between files. */
export function capYoungGeneration(cap = SEMI_SPACE_CAP_BYTES): void {
  if (capped) return;
  // V8 reports the new space's size as both semi-spaces together.
  for (const s of getHeapSpaceStatistics()) {
    if (s.space_name === 'new_space' && s.space_size / 2 >= cap) {
      setFlagsFromString('--semi-space-growth-factor=1');
      capped = true;
    }
  }
}

/** The growth factor `check` starts with, set by the launcher before the bundle loads. */
export const CHECK_LAUNCH_FLAG = '--semi-space-growth-factor=1';
