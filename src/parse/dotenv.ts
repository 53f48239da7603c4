// The one .env parser: `.env` beside a compose file, compose `env_file:`, the env rules. Each entry
// has its name, value and position; lines that compose and `docker run --env-file` would read
// differently are problems (the env-syntax rule reports them).
//
// As compose reads a file: `KEY=value`, `export KEY=value`, `KEY: value` (compose's YAML style), `#`
// comment lines; single quotes literal, double quotes with escapes, either may span lines; an
// unquoted value ends at a ` #` comment and is trimmed. Values are not interpolated here.

import { LineIndex } from './text.js';
import { memoByText } from '../util/memo-by-text.js';

export interface DotenvEntry {
  name: string;
  /** Offsets of the name in the text. */
  nameStart: number;
  nameEnd: number;
  /** 1-based line of the name. */
  line: number;
  /** The value as compose reads it (never shown to the user: it may be a secret). */
  value: string;
  /**
   * Something is written as the value: quoted and not empty, or unquoted before a ` #` comment
   * (one that starts with `#` counts: docker run --env-file keeps it).
   */
  hasValue: boolean;
  quoted: boolean;
}

export interface DotenvProblem {
  start: number;
  end: number;
  message: string;
  /** An edit that is safe (spaces before `=`). */
  fix?: { start: number; end: number; text: string };
}

export interface Dotenv {
  entries: DotenvEntry[];
  problems: DotenvProblem[];
}

/** A name compose takes (others are problems, and left out of dotenvMap). */
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** Compose's YAML style, `KEY: value` (the `:` right after the name). */
const YAML_STYLE = /^([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*:[ \t]+/;

export function parseDotenv(text: string, lines: LineIndex = new LineIndex(text)): Dotenv {
  const entries: DotenvEntry[] = [];
  const problems: DotenvProblem[] = [];
  const lineCount = lines.lineCount;
  for (let i = 0; i < lineCount; i++) {
    const lineStart = lines.starts[i]!;
    const raw = lines.lineText(i);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (!body || body.startsWith('#')) continue;
    let at = lineStart + lead;
    let rest = raw.slice(lead);
    const exp = /^export\s+/.exec(rest);
    if (exp) {
      at += exp[0].length;
      rest = rest.slice(exp[0].length);
    }
    const yaml = YAML_STYLE.exec(rest);
    const eq = rest.indexOf('=');
    if (eq < 0) {
      const word = rest.trimEnd();
      problems.push({
        start: at,
        end: at + word.length,
        // The line is not quoted: it may be a line of a secret (a pasted token, a key's body).
        message: NAME.test(word)
          ? `a bare name with no '=': write NAME= for an empty value (compose and docker run --env-file read a bare name differently)`
          : `this line is not KEY=value: no '=' (comment it out with '#')`,
      });
      if (yaml) i = yamlEntry(text, lines, at, rest, yaml, i, entries);
      continue;
    }
    const keyRaw = rest.slice(0, eq);
    const key = keyRaw.trimEnd();
    const keyStart = at;
    const keyEnd = at + key.length;
    if (!key) {
      problems.push({ start: at, end: at + 1, message: `'=' with no variable name before it` });
      continue;
    }
    if (key !== keyRaw) {
      problems.push({
        start: keyEnd,
        end: at + eq,
        message: `space before '=' after ${key}: docker run --env-file rejects it; write ${key}=...`,
        fix: { start: keyEnd, end: at + eq, text: '' },
      });
    } else if (!NAME.test(key)) {
      problems.push({ start: keyStart, end: keyEnd, message: `'${key}' is not a valid variable name (letters, digits and _, not starting with a digit)` });
    }
    // `KEY: a=b` is compose's YAML style with a value holding '=' (the problems above say docker run reads it otherwise).
    if (yaml && yaml[1]!.length <= eq && !rest.slice(0, yaml[0].length).includes('=')) {
      i = yamlEntry(text, lines, at, rest, yaml, i, entries);
      continue;
    }
    const valueStart = at + eq + 1;
    let value = rest.slice(eq + 1);
    if (/^[ \t]+\S/.test(value)) {
      const sp = value.length - value.trimStart().length;
      problems.push({
        start: valueStart,
        end: valueStart + sp,
        message: `space after '=' in ${key}: docker compose drops it, docker run --env-file keeps it in the value; remove it`,
      });
    }
    value = value.trimStart();
    const entry = { name: key, nameStart: keyStart, nameEnd: keyEnd, line: i + 1 };
    const q = value[0];
    if (q === '"' || q === "'") {
      // a quoted value ends at the matching quote, possibly on a later line
      const qStart = valueStart + (rest.slice(eq + 1).length - value.length);
      const close = findClose(text, qStart + 1, q);
      if (close < 0) {
        problems.push({ start: qStart, end: qStart + 1, message: `unterminated ${q === '"' ? 'double' : 'single'} quote in the value of ${key}` });
        entries.push({ ...entry, value: unquote(text.slice(qStart + 1), q), hasValue: true, quoted: true });
        break;
      }
      entries.push({ ...entry, value: unquote(text.slice(qStart + 1, close), q), hasValue: close > qStart + 1, quoted: true });
      i = lines.positionAt(close).line - 1;
      continue;
    }
    entries.push({ ...entry, value: unquotedValue(value), hasValue: value.replace(/\s+#.*$/, '').trim() !== '', quoted: false });
  }
  return { entries, problems };
}

/** The entry of a `KEY: value` line; returns the last line it spans. */
function yamlEntry(text: string, lines: LineIndex, at: number, rest: string, yaml: RegExpExecArray, i: number, entries: DotenvEntry[]): number {
  const name = yaml[1]!;
  const entry = { name, nameStart: at, nameEnd: at + name.length, line: i + 1 };
  const value = rest.slice(yaml[0].length);
  const q = value[0];
  if (q === '"' || q === "'") {
    const qStart = at + yaml[0].length;
    const close = findClose(text, qStart + 1, q);
    const end = close < 0 ? text.length : close;
    entries.push({ ...entry, value: unquote(text.slice(qStart + 1, end), q), hasValue: end > qStart + 1, quoted: true });
    return close < 0 ? lines.lineCount : lines.positionAt(close).line - 1;
  }
  entries.push({ ...entry, value: unquotedValue(value), hasValue: value.replace(/\s+#.*$/, '').trim() !== '', quoted: false });
  return i;
}

/** An unquoted value: up to a `#` at its start or after a space, trimmed. */
function unquotedValue(value: string): string {
  const hash = value.search(/(^|[ \t])#/);
  return (hash >= 0 ? value.slice(0, hash) : value).trim();
}

/** The text between the quotes: literal in single quotes; `\n`, `\t`, `\r` and `\x` → x in double quotes. */
function unquote(inner: string, q: string): string {
  if (q === "'") return inner;
  return inner.replace(/\\(.)/gs, (_, e: string) => (e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e));
}

function findClose(text: string, from: number, q: string): number {
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && q === '"') {
      i++;
      continue;
    }
    if (ch === q) return i;
  }
  return -1;
}

/** Name → value of the entries compose takes (the later of two wins); shared between callers (one .env is read per service). */
export const dotenvMap: (text: string) => ReadonlyMap<string, string> = memoByText((text) => new Map(parseDotenv(text).entries.filter((e) => NAME.test(e.name)).map((e) => [e.name, e.value])), 64);
