// I/O for `slipway init`: compare the rendered files with the disk, plan, and write.
// Never overwrites without force; writing the same files twice changes nothing.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export type Action = 'create' | 'overwrite' | 'unchanged' | 'skip' | 'append';

export interface PlannedFile {
  path: string;
  action: Action;
  content: string;
  /** For `append`: the text added at the end. */
  appended?: string;
}

async function readOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Decide what happens to each file: create (absent), unchanged (same content), skip (differs, no
 * force), overwrite (differs, force). `appends` are non-destructive additions (e.g. .gitignore).
 */
export async function plan(
  dir: string,
  files: ReadonlyMap<string, string>,
  force: boolean,
  appends: ReadonlyMap<string, (existing: string | undefined) => string | undefined> = new Map(),
): Promise<PlannedFile[]> {
  const root = resolve(dir);
  const out: PlannedFile[] = [];
  for (const [path, content] of files) {
    const existing = await readOrUndefined(join(root, path));
    const action: Action = existing === undefined ? 'create' : existing === content ? 'unchanged' : force ? 'overwrite' : 'skip';
    out.push({ path, action, content });
  }
  for (const [path, add] of appends) {
    const existing = await readOrUndefined(join(root, path));
    const extra = add(existing);
    if (extra === undefined) out.push({ path, action: 'unchanged', content: existing ?? '' });
    else if (existing === undefined) out.push({ path, action: 'create', content: extra.replace(/^\n+/, '') });
    else out.push({ path, action: 'append', content: existing + extra, appended: extra });
  }
  return out;
}

/** Carry out a plan; returns the paths written. */
export async function apply(dir: string, planned: readonly PlannedFile[]): Promise<string[]> {
  const root = resolve(dir);
  const written: string[] = [];
  for (const f of planned) {
    if (f.action !== 'create' && f.action !== 'overwrite' && f.action !== 'append') continue;
    const target = join(root, f.path);
    await mkdir(dirname(target), { recursive: true });
    // `wx` for new files: never clobber one that appeared since the plan was made.
    await writeFile(target, f.content, { encoding: 'utf8', flag: f.action === 'create' ? 'wx' : 'w' });
    written.push(f.path);
  }
  return written;
}
