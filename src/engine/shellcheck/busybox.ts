// What BusyBox ash — /bin/sh of Alpine and busybox images — runs although POSIX sh leaves it
// undefined. ShellCheck 0.10 and later know this as the `busybox` dialect; Debian's 0.9 does not (it
// checks busybox scripts as dash), so slipway checks those RUNs as sh and drops the findings below.
// The list is ShellCheck's own busybox dialect (src/ShellCheck/Checks/ShellSupport.hs, v0.11).

import type { ImageRef } from '../../parse/dockerfile/model.js';
import { isAlpine } from '../../rules/dockerfile/guide/util.js';

/** SC3xxx codes whose feature busybox ash has: `[[ ]]`, `&>`, `source`, `SIG`-prefixed traps, `${s:1:2}`, `${@%x}`, `${s/a/b}`. */
const SUPPORTED = new Set([3010, 3020, 3046, 3048, 3051, 3057, 3058, 3060]);

/** Does busybox ash support what ShellCheck reported as `code`? `text` is the text the finding points at. */
export function busyboxSupports(code: number, text: string): boolean {
  // SC3037 "echo flags are undefined": busybox's echo has -n and -e (others stay reported).
  if (code === 3037) return /^-[en]+$/.test(text.trim());
  return SUPPORTED.has(code);
}

/** Is /bin/sh of this image BusyBox ash? */
export function isBusyboxImage(image: ImageRef): boolean {
  const base = image.name.slice(image.name.lastIndexOf('/') + 1).toLowerCase();
  return base === 'busybox' || isAlpine(image);
}
