// Helpers shared by the formatters.

import path from 'node:path';

/** Id under which file errors (unreadable or unparsable files) are reported. */
export const PARSE_ERROR = 'parse-error';

/** `file` relative to `cwd` (when inside it) with forward slashes, as CI systems expect repo-relative paths. */
export function relPath(file: string, cwd: string): string {
  const inside = path.isAbsolute(file) && !path.relative(cwd, file).startsWith('..');
  const rel = inside ? path.relative(cwd, file) : file;
  return rel.split(path.sep).join('/').replace(/\\/g, '/');
}
