// The server's .env, built from the variables the deploy: section names. Compose reads it twice
// (interpolation, and env_file: .env), with python-dotenv in compose v1 and compose-go in v2, which
// disagree on escapes. Single quotes are literal in both, except that v1 still expands ${NAME}; so a
// value is written bare, in single quotes, or (if it holds a ') in double quotes, and a value that
// neither can carry exactly is refused instead of arriving changed.

import { UsageError } from '../errors.js';

const BARE = /^[A-Za-z0-9_./:@%+,=-]*$/;

export function envLine(name: string, value: string): string {
  if (/[\n\r\0]/.test(value)) throw new UsageError(`${name}: a value sent to the server's .env cannot contain a line break`);
  if (value.includes('${')) throw new UsageError(`${name}: its value contains '\${', which compose v1 would expand inside .env; slipway refuses to send it changed`);
  if (BARE.test(value)) return `${name}=${value}`;
  if (!value.includes("'")) return `${name}='${value}'`;
  if (value.includes('$')) throw new UsageError(`${name}: a value with both ' and $ cannot be written to .env the same way for compose v1 and v2; slipway refuses to send it changed`);
  return `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The whole file; `values` maps each name to its value (missing names are an error upstream). */
export function envFile(values: [string, string][]): string {
  return values.map(([k, v]) => envLine(k, v) + '\n').join('');
}

/** A local .env file's KEY=VALUE lines (quotes removed as compose would, no interpolation). */
export function parseLocalEnv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(raw);
    if (!m) continue;
    let v = m[2]!;
    if (/^'.*'$/.test(v)) v = v.slice(1, -1);
    else if (/^".*"$/.test(v)) v = v.slice(1, -1).replace(/\\(["\\])/g, '$1').replace(/\\n/g, '\n');
    else v = v.replace(/\s+#.*$/, '').trim();
    out.set(m[1]!, v);
  }
  return out;
}
