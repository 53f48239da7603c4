// A build context's listing as Docker's client would send it (walked by src/project/walk-context.ts).

export type EntryType = 'file' | 'dir' | 'symlink' | 'other';

export interface ContextEntry {
  /** Relative to the context, forward slashes (`src/app.py`). */
  path: string;
  type: EntryType;
  /** Bytes (a symlink: the length of its target; a folder: 0). */
  size: number;
  /** Left out by the .dockerignore. */
  excluded: boolean;
  /** An excluded folder that was not walked (its contents are all excluded too). */
  unwalked?: boolean;
}

export interface WalkResult {
  /** Every entry found, sent or excluded, sorted by path. */
  entries: ContextEntry[];
  /** Folders that could not be read, relative paths. */
  errors: { path: string; message: string }[];
  /** The walk stopped at `maxEntries`. */
  truncated: boolean;
}
