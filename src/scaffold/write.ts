// I/O for `slipway init`: compare the rendered files with the disk, plan, and write.
// Never overwrites without force; writing the same files twice changes nothing. The project may be a
// checkout with hostile symlinks: nothing is read or written through a link out of it (a linked
// `.gitignore` or `.github` is `blocked`), and every write is whole or not at all (src/project/write-file.ts).

import { join, resolve } from 'node:path';
import { encodeText } from '../project/bytes.js';
import { readProjectFile } from '../project/read-file.js';
import { resolveTarget, writeProjectFile } from '../project/write-file.js';

export type Action = 'create' | 'overwrite' | 'unchanged' | 'skip' | 'append' | 'blocked';

export interface PlannedFile {
  path: string;
  action: Action;
  content: string;
  /** For `append`: the text added at the end. */
  appended?: string;
  /** For `blocked`: why it cannot be written (a symlink out of the project, a FIFO …). */
  reason?: string;
}

export interface ApplyResult {
  written: string[];
  /** Files that could not be written, with why; the others were written whole. */
  failed: { path: string; message: string }[];
}

type Existing = { kind: 'absent' } | { kind: 'text'; text: string } | { kind: 'blocked'; reason: string };

/** What is at `rel` now, read the safe way (lossless text, so an append keeps Latin-1 bytes). */
function existing(root: string, rel: string): Existing {
  const abs = join(root, rel);
  const target = resolveTarget(abs, root);
  if (!target.ok) return { kind: 'blocked', reason: target.message };
  if (!target.exists) return { kind: 'absent' };
  const r = readProjectFile(abs, { within: root });
  if (r.ok) return { kind: 'text', text: r.text };
  return { kind: 'blocked', reason: r.message };
}

/**
 * Decide what happens to each file: create (absent), unchanged (same content), skip (differs, no
 * force), overwrite (differs, force), blocked (cannot be written safely). `appends` are
 * non-destructive additions (e.g. .gitignore).
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
    const e = existing(root, path);
    if (e.kind === 'blocked') out.push({ path, action: 'blocked', content, reason: e.reason });
    else if (e.kind === 'absent') out.push({ path, action: 'create', content });
    else out.push({ path, action: e.text === content ? 'unchanged' : force ? 'overwrite' : 'skip', content });
  }
  for (const [path, add] of appends) {
    const e = existing(root, path);
    if (e.kind === 'blocked') {
      out.push({ path, action: 'blocked', content: '', reason: e.reason });
      continue;
    }
    const text = e.kind === 'text' ? e.text : undefined;
    const extra = add(text);
    if (extra === undefined) out.push({ path, action: 'unchanged', content: text ?? '' });
    else if (text === undefined) out.push({ path, action: 'create', content: extra.replace(/^\n+/, '') });
    else out.push({ path, action: 'append', content: text + extra, appended: extra });
  }
  return out;
}

/** Carry out a plan: each file whole or not at all; a failure does not stop the others. */
export async function apply(dir: string, planned: readonly PlannedFile[]): Promise<ApplyResult> {
  const root = resolve(dir);
  const result: ApplyResult = { written: [], failed: [] };
  for (const f of planned) {
    if (f.action === 'blocked') {
      result.failed.push({ path: f.path, message: f.reason ?? 'blocked' });
      continue;
    }
    if (f.action !== 'create' && f.action !== 'overwrite' && f.action !== 'append') continue;
    // `create` never clobbers a file that appeared since the plan was made.
    const w = writeProjectFile(join(root, f.path), encodeText(f.content), { within: root, mode: f.action === 'create' ? 'create' : 'replace' });
    if (w.ok) result.written.push(f.path);
    else result.failed.push({ path: f.path, message: w.message });
  }
  return result;
}
