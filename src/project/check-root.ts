// The folder a `check` PATH argument is checked from: the argument when it is a folder, else its parent.
// The argument is followed as typed, a symlink to a folder included: the user named it, and every earlier
// part of a path is followed anyway (`svc/Dockerfile` with `svc` a link reads the link's folder), so only
// links found under the root are the project's own and never lead a read out of it. The check and
// `--cache` must agree on it: the cache stamps this folder to know that nothing the check read changed.
// Loaded by the cache-hit path (src/cli/launcher.ts): node built-ins only.

import { statSync } from 'node:fs';
import { dirname } from 'node:path';

/** `abs` if it is (or links to) a folder, else its parent folder. */
export function checkRoot(abs: string): string {
  try {
    return statSync(abs).isDirectory() ? abs : dirname(abs);
  } catch {
    return dirname(abs);
  }
}
