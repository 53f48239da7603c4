// Reads the first bytes of a context file to tell what ADD does with it (for the disk facts).

import { lstatSync } from 'node:fs';
import { kindOfBytes, type SourceKind } from '../parse/context/magic.js';
import { readProjectFile } from './read-file.js';

const HEAD = 4096;

/**
 * The kind of a context path; null when absent or unreadable. A symlink is never followed (it is
 * `maybe-archive`); a file is read through the safe reader, within the context.
 */
export function sourceKind(absPath: string, within: string): SourceKind | null {
  let st;
  try {
    st = lstatSync(absPath);
  } catch {
    return null;
  }
  if (st.isDirectory()) return 'dir';
  if (!st.isFile()) return 'maybe-archive';
  const r = readProjectFile(absPath, { within, maxBytes: HEAD, head: true, allowBinary: true });
  return r.ok ? kindOfBytes(r.bytes) : null;
}
