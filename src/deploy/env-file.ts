// The server's .env, built from the variables the deploy: section names. Compose reads it twice
// (interpolation, and env_file: .env), with python-dotenv in compose v1 and compose-go in v2, which
// disagree on escapes. A value is written bare, in single quotes, or (if it holds a ') in double
// quotes, and a value that the server's compose cannot carry exactly is refused instead of
// arriving changed:
// - compose v2 (the plugin) uses single-quoted values literally, `${X}` included (its docs:
//   "Single-quoted values are used literally"); double-quoted ones are interpolated.
// - compose v1 (docker-compose 1.29 with python-dotenv) expands `${X}` (python-dotenv's pattern
//   `${NAME}` / `${NAME:-default}`, up to the closing brace) in every value, quoted or not, and has
//   no escape for it ($$ stays $$); a bare `$X` stays. So a value with `${…}` cannot reach a v1
//   server unchanged.

import { UsageError } from '../errors.js';
import type { ComposeKind } from './commands/docker.js';

const BARE = /^[A-Za-z0-9_./:@%+,=-]*$/;
/** What python-dotenv (compose v1) expands: `${` up to a closing brace. */
const V1_EXPANDS = /\$\{[^}]*\}/;

/** One KEY=VALUE line that the server's compose (`kind`) reads back as exactly `value`. */
export function envLine(name: string, value: string, kind: ComposeKind = 'standalone'): string {
  if (/[\n\r\0]/.test(value)) throw new UsageError(`${name}: a value sent to the server's .env cannot contain a line break`);
  if (kind === 'standalone' && V1_EXPANDS.test(value)) {
    throw new UsageError(
      `${name}: its value contains '\${…}', which docker-compose v1 on the server would expand inside .env (whatever the quotes); slipway refuses to send it changed. The 'docker compose' plugin (v2) reads it literally.`,
    );
  }
  if (BARE.test(value)) return `${name}=${value}`;
  if (!value.includes("'")) return `${name}='${value}'`;
  if (value.includes('$')) throw new UsageError(`${name}: a value with both ' and $ cannot be written to .env the same way for compose v1 and v2; slipway refuses to send it changed`);
  return `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The whole file; `values` maps each name to its value (missing names are an error upstream). */
export function envFile(values: [string, string][], kind: ComposeKind = 'standalone'): string {
  return values.map(([k, v]) => envLine(k, v, kind) + '\n').join('');
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
