// Build-context rules read the disk: each case's files are written to a temp folder that becomes
// the project root. Files slipway discovers (Dockerfile, .dockerignore, .env, compose) are also
// the project's files; the rest (app.py, node_modules/...) exist only on disk.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { kindOf } from '../../src/project/discover.js';

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

export interface DiskSpec {
  /** Relative path → text. */
  files: Record<string, string>;
  /** Relative path → size of a sparse file (large files without using the disk). */
  sparse?: Record<string, number>;
  /** Relative path → symlink target. */
  links?: Record<string, string>;
  /** Relative path → mode. */
  modes?: Record<string, number>;
}

/** Writes the files and returns `{ root, files }` for a ProjectCase (only discoverable files in `files`). */
export function onDisk(spec: DiskSpec | Record<string, string>): { root: string; files: Record<string, string> } {
  const s: DiskSpec = 'files' in spec && typeof spec.files === 'object' ? (spec as DiskSpec) : { files: spec as Record<string, string> };
  const root = mkdtempSync(join(tmpdir(), 'slipway-ctx-rule-'));
  roots.push(root);
  const project: Record<string, string> = {};
  for (const [path, text] of Object.entries(s.files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    if (path.endsWith('/')) {
      mkdirSync(join(root, path), { recursive: true });
      continue;
    }
    writeFileSync(join(root, path), text);
    if (kindOf(path) !== null) project[path] = text;
  }
  for (const [path, size] of Object.entries(s.sparse ?? {})) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), '');
    truncateSync(join(root, path), size);
  }
  for (const [path, target] of Object.entries(s.links ?? {})) symlinkSync(target, join(root, path));
  for (const [path, mode] of Object.entries(s.modes ?? {})) chmodSync(join(root, path), mode);
  return { root, files: project };
}
