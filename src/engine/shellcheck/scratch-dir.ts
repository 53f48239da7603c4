// Where the RUN scripts are written for shellcheck, which reads scripts only from files: one file per
// distinct script (780 on 481 Dockerfiles, 5 on a small project).
//
// On Linux that is /dev/shm, the tmpfs every Linux system mounts for everyone (sticky, like /tmp), unless
// TMPDIR names a folder. /tmp is often a disk file system, where a create can be slow: on a busy ext4
// one costs ~1 ms of kernel time (the inode allocator steps over recently deleted inodes; perf shows
// `recently_deleted` under ext4_create), which was 0.6–0.9 s of a cold 481-file check and ~5 ms of a
// one-project one; on tmpfs a create costs ~20 µs. Anywhere else, or when /dev/shm cannot be used: the
// system's temporary folder.

import { accessSync, constants, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SHM = '/dev/shm';

/** The folder to make scratch folders in: /dev/shm when usable and TMPDIR is unset, else os.tmpdir(). */
export function scratchBase(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform !== 'linux' || env.TMPDIR) return tmpdir();
  try {
    const st = statSync(SHM);
    // Shared and writable by others only with the sticky bit: else another user could move our folder away.
    if (!st.isDirectory() || (st.mode & 0o002 && !(st.mode & 0o1000))) return tmpdir();
    accessSync(SHM, constants.W_OK | constants.X_OK);
    return SHM;
  } catch {
    return tmpdir();
  }
}

/** A new private folder (mode 0700, as mkdtemp makes it) named `prefix…` in scratchBase(). */
export function makeScratchDir(prefix: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = scratchBase(env);
  try {
    return mkdtempSync(join(base, prefix));
  } catch (e) {
    if (base === tmpdir()) throw e;
    return mkdtempSync(join(tmpdir(), prefix)); // /dev/shm full or refused: the usual place
  }
}
