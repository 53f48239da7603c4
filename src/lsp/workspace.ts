// What one workspace folder holds on disk, read once and kept between keystrokes: the files `slipway
// check .` would read there (through the one safe reader), its .slipway.yaml, and the disk facts the
// rules read (contexts, env file modes, …; load-disk.ts adds what a new text needs). Open documents' unsaved texts are laid over these files (project-check.ts).
// A watched-file event or a save forgets it all (invalidate); the config is re-read only when its
// file changes (an lstat per check, so a client that watches nothing still sees an edited config).

import { lstatSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Config } from '../config/config.js';
import { loadConfig } from '../config/load.js';
import { ConfigError } from '../errors.js';
import type { FileText } from '../project/build.js';
import { discover } from '../project/discover.js';
import { emptyDiskFacts, type DiskFacts } from '../project/disk-facts.js';
import { dockerfileTooBig } from '../project/limits.js';
import { readProjectFile } from '../project/read-file.js';
import type { FileError } from '../types.js';

/** Listings kept of folders listed again with another .dockerignore text (each a walk of a build context). */
const MAX_LISTINGS = 16;

const CONFIG_NAMES = ['.slipway.yaml', '.slipway.yml', '.hadolint.yaml', '.hadolint.yml'];

export interface DiskFiles {
  files: FileText[];
  errors: FileError[];
}

export class Workspace {
  private found: DiskFiles | null = null;
  private config: { signature: string; result: Config | FileError } | null = null;
  private facts: DiskFacts = emptyDiskFacts();

  /** `discovers`: false for a loose file's folder (no workspace folder holds it), where only open documents count. */
  constructor(
    readonly root: string,
    private readonly discovers: boolean,
  ) {}

  /** `.slipway.yaml` (else `.hadolint.yaml`) of the root, or the error at its position. */
  async loadConfig(): Promise<Config | FileError> {
    const signature = CONFIG_NAMES.map((n) => stamp(join(this.root, n))).join('|');
    if (this.config?.signature !== signature) {
      let result: Config | FileError;
      try {
        result = await loadConfig(this.root);
      } catch (e) {
        const where = e instanceof ConfigError ? e.describe() : (e as Error).message;
        result = { file: '.slipway.yaml', line: 1, column: 1, message: `config error: ${where}` };
      }
      this.config = { signature, result };
      this.found = null; // its `ignore:` decides which files are found
    }
    return this.config.result;
  }

  /** The checkable files on disk, as `slipway check .` in the root reads them. */
  diskFiles(ignore: string[]): DiskFiles {
    if (this.found) return this.found;
    const disk: DiskFiles = { files: [], errors: [] };
    if (this.discovers) {
      const found = discover([this.root], ignore);
      for (const u of found.unreadable) disk.errors.push({ file: this.shown(u.path), line: 1, column: 1, message: u.message });
      for (const f of found.files) {
        const path = this.shown(f.path);
        const r = readProjectFile(f.path, { within: this.root });
        const problem = !r.ok ? r.message : f.kind === 'dockerfile' ? dockerfileTooBig(r.text) : null;
        if (problem) disk.errors.push({ file: path, line: 1, column: 1, message: problem });
        else if (r.ok) disk.files.push({ kind: f.kind, path, absPath: f.path, text: r.text });
      }
    }
    this.found = disk;
    return disk;
  }

  /**
   * The disk facts read so far. A context is listed once per .dockerignore text, so typing in one adds
   * listings of a folder already listed: past a few of those, start afresh (a project of many contexts is not).
   */
  diskFacts(): DiskFacts {
    const stale = this.facts.listings.length - new Set(this.facts.listings.map((l) => l.dir)).size;
    if (stale > MAX_LISTINGS) this.facts = emptyDiskFacts();
    return this.facts;
  }

  /** As `check .` shows it: relative to the root, forward slashes. */
  shown(abs: string): string {
    return relative(this.root, abs).split(sep).join('/');
  }

  invalidate(): void {
    this.found = null;
    this.config = null;
    this.facts = emptyDiskFacts();
  }
}

function stamp(path: string): string {
  try {
    const st = lstatSync(path);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return '-';
  }
}
