// Reading config history entries (`created_by`): which instruction made them, which build args
// they recorded, and a form safe to print (build-arg values and recognisable secrets masked).

import { findSecret } from '../rules/dockerfile/guide/secret-value.js';

const LEGACY_NOP = /^\/bin\/sh -c #\(nop\)\s+/;
/** `|2 A=1 B=2 ` before a RUN's shell: the build args in scope, values included. */
const BUILD_ARGS = /^\|(\d+)\s+/;

/** The Dockerfile keyword behind a history entry: BuildKit writes `RUN …`, the legacy builder `/bin/sh -c #(nop) ENV …`. */
export function historyKeyword(createdBy: string): string {
  const text = createdBy.trim();
  const nop = LEGACY_NOP.exec(text);
  if (nop) return (text.slice(nop[0].length).split(/\s/, 1)[0] ?? '').toUpperCase();
  if (BUILD_ARGS.test(text) || text.startsWith('/bin/sh -c') || text.startsWith('cmd /S /C')) return 'RUN';
  return (text.split(/\s/, 1)[0] ?? '').toUpperCase();
}

/** The text after the keyword and any build args: `/bin/sh -c apt-get update`. */
export function historyBody(createdBy: string): string {
  let text = createdBy.trim().replace(/\s+# buildkit$/, '');
  const nop = LEGACY_NOP.exec(text);
  if (nop) text = text.slice(nop[0].length);
  if (/^RUN\s/.test(text)) text = text.slice(4);
  const args = buildArgs(text);
  return args.length ? text.slice(args.at(-1)!.end).trimStart() : text.replace(/^[A-Z]+\s+/, '');
}

export interface BuildArg {
  name: string;
  empty: boolean;
  /** Offsets of the value in the text given to buildArgs. */
  start: number;
  end: number;
}

/** The build args a RUN entry recorded (`|2 A=1 B=2 /bin/sh -c …`, after an optional `RUN `). */
export function buildArgs(createdBy: string): BuildArg[] {
  const offset = createdBy.startsWith('RUN ') ? 4 : 0;
  const m = BUILD_ARGS.exec(createdBy.slice(offset));
  if (!m) return [];
  const count = Number(m[1]);
  const out: BuildArg[] = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)=/y;
  let at = offset + m[0].length;
  for (let i = 0; i < count; i++) {
    re.lastIndex = at;
    const n = re.exec(createdBy);
    if (!n) break;
    const start = at + n[0].length;
    // A value runs to the next `NAME=` of the list, or to the shell for the last one.
    const rest = createdBy.slice(start);
    const next = i < count - 1 ? rest.search(/\s[A-Za-z_][A-Za-z0-9_]*=/) : rest.search(/\s(\/|cmd |[A-Za-z]:\\)/);
    const end = next < 0 ? createdBy.length : start + next;
    out.push({ name: n[1]!, empty: end === start, start, end });
    at = end + 1;
  }
  return out;
}

/** A history entry as findings may print it: build-arg values and secrets masked, one line, shortened. */
export function shownHistory(createdBy: string, max = 100): string {
  let text = createdBy.trim().replace(/\s+# buildkit$/, '').replace(LEGACY_NOP, '');
  const keyword = historyKeyword(text);
  // ENV/LABEL/ARG values may be the secret a rule reports: show the names only.
  if (keyword === 'ENV' || keyword === 'LABEL' || keyword === 'ARG') {
    const names = [...text.matchAll(/(?:^|\s)([A-Za-z_][\w.-]*)=/g)].map((m) => `${m[1]}=***`);
    return `${keyword} ${names.length ? names.join(' ') : text.split(/\s+/)[1] ?? ''}`.slice(0, max);
  }
  const args = buildArgs(text);
  for (const a of [...args].reverse()) if (!a.empty) text = `${text.slice(0, a.start)}***${text.slice(a.end)}`;
  for (let i = 0, s = findSecret(text, false); s && i < 8; i++, s = findSecret(text, false)) text = text.split(s.match).join('***');
  text = text.replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
