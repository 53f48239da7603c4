// What identifies a program that slipway runs (ShellCheck), for keys of results kept across runs.
//
// A native executable is known by its file, as ccache knows a compiler ("compiler_check = mtime"): its
// real path, size, mtime, ctime, inode and device. An upgrade or rebuild writes another file or
// rewrites this one, and ctime cannot be set back. Asking the program `--version` instead costs a
// process on every check (~2 ms CPU, and a fork of slipway's whole heap).
//
// The file alone is not enough when it only chooses another program: a script shim (asdf, pyenv-style
// `#!` wrappers) or a native multiplexer reached through a link of another name (mise's shims link to
// `mise`) or through a hardlink (rustup's proxies). Those stay the same file while the version behind them changes, so for them the stamp also
// holds what `--version` prints, as it always did.

import { spawnSync } from 'node:child_process';
import { accessSync, closeSync, constants, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, delimiter, extname, isAbsolute, join } from 'node:path';

/** ELF, and Mach-O thin (32/64-bit, both byte orders) and fat binaries. */
const NATIVE_MAGIC = [0x7f454c46, 0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe];

/**
 * The stamp of the program `spawn(binary)` would start, or null when it is not found (or, for a shim,
 * does not answer `--version`).
 */
export function programStamp(binary: string, env: NodeJS.ProcessEnv): string | null {
  const path = isAbsolute(binary) ? binary : onPath(binary, env);
  if (!path) return null;
  let real: string;
  let st;
  try {
    real = realpathSync(path);
    st = statSync(real);
  } catch {
    return null;
  }
  const file = [real, st.size, st.mtimeMs, st.ctimeMs, st.ino, st.dev];
  // A file with other names (nlink > 1) may be a multiplexer, as rustup's proxies are one file hardlinked under each tool's name.
  if (isNative(real) && sameName(path, real) && st.nlink === 1) return JSON.stringify(file);
  const version = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000, env });
  if (version.status !== 0 || !version.stdout) return null;
  return JSON.stringify([...file, version.stdout]);
}

/** The program `spawn` would start for a bare name: the first executable file of that name on PATH. */
export function onPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const d of (env.PATH ?? '').split(delimiter)) {
    if (!isAbsolute(d)) continue;
    const candidate = join(d, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

function isNative(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && NATIVE_MAGIC.includes(head.readUInt32BE(0));
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/** A link that ends at a file of another name (`shellcheck` → `mise`) is a multiplexer's shim. */
function sameName(path: string, real: string): boolean {
  const stem = (p: string) => basename(p, extname(p)).toLowerCase();
  return stem(path) === stem(real);
}
