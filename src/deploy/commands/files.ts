// Files on the server. Content always travels on stdin and lands atomically: written to a
// temporary name in the same folder, then renamed, so a reader sees the old file or the new one,
// never half of one. The scripts are constants; paths arrive as positional parameters ("$1"),
// so a path with spaces, quotes or $(...) is only ever data.

import type { Arg, Step } from '../../exec/index.js';
import type { RemoteLayout } from '../layout.js';

const WRITE = 'umask 077 && t="$1.slipway-tmp.$$" && cat > "$t" && chmod "$2" "$t" && mv -f "$t" "$1" || { rm -f "$t"; exit 1; }';

/** Writes `content` to `path` with `mode`, atomically. */
export function writeFile(path: string, content: Arg, mode = '644', label?: string): Step {
  return { argv: ['sh', '-c', WRITE, 'sh', path, mode], stdin: content, label: label ?? `write ${path}` };
}

/** The app folder with data/ and .slipway/ (700). */
export function makeDirs(l: RemoteLayout): Step {
  return {
    argv: ['sh', '-c', 'mkdir -p -- "$1" "$2" "$3" "$4" && chmod 700 -- "$3" "$4"', 'sh', l.dir, l.data, l.state, l.dockerConfig],
    label: `create ${l.dir}`,
  };
}

/** Creates an empty .env (mode 600) unless one exists: compose's env_file: .env must find it. */
export function ensureEnvFile(l: RemoteLayout): Step {
  return { argv: ['sh', '-c', '[ -e "$1" ] || { umask 077 && : > "$1"; }', 'sh', l.env], label: 'ensure .env' };
}

/** Mode and owner of .env, to check and report (`stat -c`). */
export function statFile(path: string): Step {
  return { argv: ['stat', '-c', '%a', '--', path], label: `stat ${path}` };
}
