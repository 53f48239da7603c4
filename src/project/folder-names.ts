// Which names a folder holds, one readdir per folder, for one load of the disk facts. load-disk.ts
// probes every folder above every Dockerfile for a dozen names (Makefile, package.json, bake files,
// go.mod, .gitignore …) that are nearly always absent; a failed realpath per probe cost more than the
// whole rest of the disk facts. A name the listing does not hold is absent without touching it; a name
// it holds is still read through the safe reader (read-file.ts), so the listing decides only absence
// and never widens what is read. Made per load, never kept: a folder can change between checks (LSP).

import { readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';

/** A name with only these characters compares the same in every case-insensitive file system (no Unicode folding). */
const PLAIN = /^[\x20-\x7e]+$/;

export class FolderNames {
  /** Folder → its names, lower-cased; `absent`: the folder is not there (ENOENT, ENOTDIR); null: it could not be listed. */
  private readonly listed = new Map<string, Set<string> | 'absent' | null>();

  /**
   * False only when `abs` is certainly absent: its folder is not there, or it was listed and holds no
   * entry of that name in any letter case (a case-insensitive disk finds `makefile` as `Makefile`).
   * True when it may be there: listed, or the folder could not be listed (then the reader decides).
   */
  mayHold(abs: string): boolean {
    const name = basename(abs);
    if (!PLAIN.test(name)) return true;
    const names = this.namesOf(dirname(abs));
    if (names === 'absent') return false;
    return names === null || names.has(name.toLowerCase());
  }

  private namesOf(dir: string): Set<string> | 'absent' | null {
    let names = this.listed.get(dir);
    if (names !== undefined) return names;
    try {
      names = new Set(readdirSync(dir).map((n) => n.toLowerCase()));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      names = code === 'ENOENT' || code === 'ENOTDIR' ? 'absent' : null;
    }
    this.listed.set(dir, names);
    return names;
  }
}
