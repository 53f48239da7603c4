// ShellCheck comments that are wrong about a Dockerfile's RUN, by what the image runs rather than
// what POSIX sh leaves open. hadolint reports these too; a review of real repositories found each
// one false every time (test/ecosystem/REVIEW.md, "After session 5 (rule logic)").

import { busyboxSupports } from './busybox.js';

/** What the filter needs of a script (see RunScript in scripts.ts). */
export interface ScriptFacts {
  busybox: boolean;
  /** File offset of the first `.`/`source` command of the script, or null when it sources nothing. */
  sourcedAt: number | null;
}

/**
 * Is ShellCheck's comment `code`, pointing at `[start, end)` of the Dockerfile `text`, wrong here?
 * - the feature is one BusyBox ash has (Alpine and busybox images: see busybox.ts);
 * - SC3037 on `/bin/echo -e`: a program run by its path is not the shell's echo, and every
 *   /bin/echo an image has (coreutils, BusyBox, toybox) takes -e and -n;
 * - SC2154 on a name used after the script sources a file (`. ./APKBUILD; echo $makedepends`): the
 *   file is in the image, not here, so whatever it assigns is unknown. Only the same RUN counts —
 *   each RUN is a new shell, so a file sourced by an earlier RUN sets nothing now;
 * - SC2283 on `chmod =2775 dir`: `=` is chmod's own operator (set exactly these bits), not a botched
 *   assignment `chmod = 2775`.
 */
export function knownFalse(code: number, script: ScriptFacts, text: string, start: number, end: number): boolean {
  if (script.busybox && busyboxSupports(code, text.slice(start, end))) return true;
  if (code === 3037) return /(^|[\s;&|(`])\/[^\s;&|()`]*\/echo[ \t]+$/.test(text.slice(Math.max(0, start - 200), start));
  if (code === 2154) return script.sourcedAt !== null && start > script.sourcedAt;
  if (code === 2283) return text[start] === '=' && /(^|[\s;&|(])chmod\s+$/.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start));
  return false;
}
