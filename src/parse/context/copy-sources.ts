// COPY/ADD sources that come from the build context, resolved as the builder resolves them
// (ARG/ENV substituted, `./` and leading `/` dropped), with wildcard matching like Go's filepath.Match.

import { posix } from 'node:path';
import type { Dockerfile, Instruction } from '../dockerfile/model.js';
import { scopeBefore, substitute } from '../dockerfile/variables.js';

/** Where a source's COPY/ADD is: all a project-level reader may keep of the instruction (not the model behind it). */
export type SourceInstruction = Pick<Instruction, 'keyword' | 'line' | 'start' | 'end'>;

export interface CopySource<I extends SourceInstruction = Instruction> {
  inst: I;
  /** As written (quotes removed). */
  value: string;
  /** Context-relative path without leading `./` or `/`, no trailing `/`; '' is the whole context. */
  path: string;
  wildcard: boolean;
  /** Offsets of the word in the Dockerfile. */
  start: number;
  end: number;
}

const URL = /^(https?|git|ssh):\/\/|^git@|\.git(#.*)?$/;

/** Sources of COPY/ADD read from the context; `--from`, heredocs, URLs and unresolvable `${VAR}`s are left out. */
export function copySources(df: Dockerfile): CopySource[] {
  const out: CopySource[] = [];
  for (const inst of df.instructions) {
    if (inst.keyword !== 'COPY' && inst.keyword !== 'ADD') continue;
    if (inst.flags.some((f) => f.name === 'from') || inst.heredocs.length) continue;
    const words = wordsOf(df, inst);
    if (words.length < 2) continue;
    let scope: ReturnType<typeof scopeBefore> | null = null;
    for (const w of words.slice(0, -1)) {
      if (inst.keyword === 'ADD' && URL.test(w.value)) continue;
      if (w.value.startsWith('<<')) continue;
      let value = w.value;
      if (value.includes('$')) {
        scope ??= safeScope(df, inst);
        const r = substitute(value, scope);
        if (r.unresolved.length || r.value.includes('$')) continue;
        value = r.value;
        if (inst.keyword === 'ADD' && URL.test(value)) continue; // `ARG URL=https://...` then `ADD $URL`
      }
      const path = normalizeSource(value);
      if (path === null) continue;
      out.push({ inst, value: w.value, path, wildcard: /[*?[]/.test(path), start: w.start, end: w.end });
    }
  }
  return out;
}

function safeScope(df: Dockerfile, inst: Instruction) {
  try {
    return scopeBefore(df, inst);
  } catch {
    return new Map<string, string | null>();
  }
}

/** Words of a COPY/ADD with offsets; exec form mapped back onto the text, quotes of the shell form removed. */
function wordsOf(df: Dockerfile, inst: Instruction): { value: string; start: number; end: number }[] {
  if (inst.json) {
    const text = df.text.slice(inst.argsStart, inst.end);
    let from = 0;
    return inst.json.map((value) => {
      const quoted = JSON.stringify(value);
      const at = text.indexOf(quoted, from);
      if (at < 0) return { value, start: inst.argsStart, end: inst.end };
      from = at + quoted.length;
      return { value, start: inst.argsStart + at + 1, end: inst.argsStart + at + quoted.length - 1 };
    });
  }
  return inst.args.map((t) => {
    const m = /^(["'])(.*)\1$/.exec(t.value);
    return m ? { value: m[2]!, start: t.start + 1, end: t.end - 1 } : { value: t.value, start: t.start, end: t.end };
  });
}

/** `./src/` → `src`, `/` → '', `.` → ''; null for a path that leaves the context or is empty. */
export function normalizeSource(value: string): string | null {
  if (!value || /["']/.test(value)) return null;
  const norm = posix.normalize(`/${value}`).replace(/^\/+/, '').replace(/\/+$/, '');
  if (norm.startsWith('..')) return null;
  return norm === '.' ? '' : norm;
}

const regexCache = new Map<string, RegExp | null>();

/** Go's filepath.Match for one path component (`*`, `?`, `[a-z]`, `[^x]`, `\` escapes); null when malformed. */
function componentRegex(pattern: string): RegExp | null {
  if (regexCache.has(pattern)) return regexCache.get(pattern)!;
  let re = '^';
  let ok = true;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '\\' && i + 1 < pattern.length) re += escape(pattern[++i]!);
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        ok = false;
        break;
      }
      let body = pattern.slice(i + 1, close);
      if (body.startsWith('^') || body.startsWith('!')) body = `^${body.slice(1)}`;
      re += `[${body.replace(/\\(?!.)/g, '\\\\')}]`;
      i = close;
    } else re += escape(ch);
  }
  let out: RegExp | null = null;
  if (ok) {
    try {
      out = new RegExp(`${re}$`);
    } catch {
      out = null;
    }
  }
  regexCache.set(pattern, out);
  return out;
}

const escape = (ch: string) => ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Does a (wildcard) source match this context path exactly? */
export function sourceMatches(source: string, path: string): boolean {
  if (source === path) return true;
  const ps = source.split('/');
  const xs = path.split('/');
  if (ps.length !== xs.length) return false;
  return ps.every((p, i) => (/[*?[\\]/.test(p) ? (componentRegex(p)?.test(xs[i]!) ?? false) : p === xs[i]));
}

/** Does COPY of this source bring `path` along (the path itself, or under a folder the source names)? */
export function sourceCovers(source: string, path: string): boolean {
  if (source === '') return true;
  const xs = path.split('/');
  const n = source.split('/').length;
  if (n > xs.length) return false;
  return sourceMatches(source, xs.slice(0, n).join('/'));
}

/** The literal folder a wildcard source starts in (`src/*.py` → `src`). */
export function literalPrefix(source: string): string {
  const parts = source.split('/');
  const i = parts.findIndex((p) => /[*?[\\]/.test(p));
  return (i < 0 ? parts : parts.slice(0, i)).join('/');
}
