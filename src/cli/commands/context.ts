// `slipway context [DIR]`: what `docker build DIR` would send — every file with its size, the total,
// and the largest entries (files, and top-level folders added up, like `du`); `--json` for tools.

import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, UsageError } from '../../errors.js';
import { humanSize } from '../../parse/context/context.js';
import { listContext } from '../../project/load-disk.js';
import { safeLine } from '../../report/terminal.js';
import type { FileError } from '../../types.js';
import type { CliIO } from '../io.js';
import { compareText } from '../../util/compare-text.js';

export const CONTEXT_HELP = `Usage: slipway context [options] [DIR]

Lists the build context 'docker build DIR' would send (default DIR: .), after the .dockerignore
(BuildKit's <Dockerfile>.dockerignore next to the Dockerfile wins over DIR/.dockerignore),
with the total size and the largest entries.

Options:
  -f, --file DOCKERFILE   the Dockerfile (default: DIR/Dockerfile), relative to the current folder as for docker build
  -n, --top N             how many of the largest entries to show (default: 10)
      --json              print JSON: { context, dockerfile, dockerignore, files: [{path,size}], totalSize, largest: [{path,size,type}], errors }
  -h, --help              show this help
`;

export interface LargestEntry {
  path: string;
  size: number;
  type: 'file' | 'dir';
}

export async function runContext(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      file: { type: 'string', short: 'f' },
      top: { type: 'string', short: 'n', default: '10' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(CONTEXT_HELP);
    return EXIT.clean;
  }
  if (positionals.length > 1) throw new UsageError(`'slipway context' takes one folder, not ${positionals.length}`);
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 0) throw new UsageError(`--top wants a whole number, not '${values.top}'`);
  const arg = positionals[0] ?? '.';
  const dir = resolve(io.cwd, arg);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`${arg}: no such folder`);
  }
  if (!isDir) throw new UsageError(`${arg} is not a folder (the build context is a folder; name the Dockerfile with -f)`);

  let dockerfileAbs: string | undefined;
  if (values.file !== undefined) {
    dockerfileAbs = resolve(io.cwd, values.file);
    if (!existsSync(dockerfileAbs)) throw new UsageError(`${values.file}: no such file`);
  } else {
    dockerfileAbs = ['Dockerfile', 'Containerfile'].map((n) => join(dir, n)).find((p) => existsSync(p));
  }

  const shownDir = shownPath(io.cwd, dir);
  const errors: FileError[] = [];
  const c = listContext({ dir, shownDir, dockerfileAbs, errors });
  const files = c.files.map((f) => ({ path: f.path, size: f.size }));
  const largest = largestEntries(files, top);

  if (values.json) {
    io.stdout(
      `${JSON.stringify(
        {
          context: c.path,
          dockerfile: dockerfileAbs ? shownPath(io.cwd, dockerfileAbs) : null,
          dockerignore: c.dockerignore?.path ?? null,
          files,
          fileCount: files.length,
          totalSize: c.totalSize,
          largest,
          truncated: c.truncated,
          errors,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const width = [...files, ...largest].reduce((w, f) => Math.max(w, humanSize(f.size).length), 0);
    const pad = (s: string) => s.padStart(width);
    const out: string[] = [];
    for (const f of files) out.push(`${pad(humanSize(f.size))}  ${safeLine(f.path)}`);
    if (files.length) out.push('');
    out.push(
      `Build context ${safeLine(c.path)}${dockerfileAbs ? ` (Dockerfile: ${safeLine(shownPath(io.cwd, dockerfileAbs))})` : ''}, ${
        c.dockerignore ? `filtered by ${safeLine(c.dockerignore.path)}` : 'no .dockerignore: everything is sent'
      }`,
    );
    out.push(`${files.length} file${files.length === 1 ? '' : 's'}, ${humanSize(c.totalSize)} (${c.totalSize} bytes)${c.truncated ? ' — listing stopped early' : ''}`);
    if (largest.length) {
      out.push('', `Largest:`);
      for (const l of largest) out.push(`  ${pad(humanSize(l.size))}  ${safeLine(l.path)}${l.type === 'dir' ? '/' : ''}`);
    }
    io.stdout(`${out.join('\n')}\n`);
    for (const e of errors) io.stderr(`slipway: ${safeLine(e.file)}${e.line > 1 ? `:${e.line}:${e.column}` : ''}: ${safeLine(e.message)}\n`);
  }
  return errors.length ? EXIT.findings : EXIT.clean;
}

/** The `top` largest of: every file, and every top-level folder with its files added up. */
export function largestEntries(files: { path: string; size: number }[], top: number): LargestEntry[] {
  const dirs = new Map<string, number>();
  const all: LargestEntry[] = [];
  for (const f of files) {
    all.push({ path: f.path, size: f.size, type: 'file' });
    const slash = f.path.indexOf('/');
    if (slash > 0) dirs.set(f.path.slice(0, slash), (dirs.get(f.path.slice(0, slash)) ?? 0) + f.size);
  }
  for (const [path, size] of dirs) all.push({ path, size, type: 'dir' });
  all.sort((a, b) => b.size - a.size || (a.type === b.type ? 0 : a.type === 'dir' ? -1 : 1) || compareText(a.path, b.path));
  return all.slice(0, top);
}

function shownPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  if (rel === '') return '.';
  if (!rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  return abs;
}
