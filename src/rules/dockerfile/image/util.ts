// Helpers of the image family: variable references in builder-expanded text, "did you mean",
// image reference syntax, and stage look-ups.

import type { Dockerfile, Instruction, Stage } from '../../../parse/dockerfile/model.js';
import { work } from '../../../parse/dockerfile/work.js';
import { fileMemo } from '../file-memo.js';

/** A `$NAME` / `${NAME...}` the builder expands, with its place in the file. */
export interface VarRef {
  name: string;
  start: number;
  end: number;
  /** The operator of `${NAME<op>word}`: `:-`, `-`, `:+`, `+`, `:?`, `?`, `#`, `%`, `/`…; '' for plain references. */
  op: string;
  /** Offset and text of `word` in `${NAME<op>word}`. */
  word: { start: number; text: string } | null;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/**
 * The variable references of `text` (which sits at `base` in the file) as the builder expands them:
 * nothing inside single quotes, nothing after the escape character. Nested references in
 * `${A:-$B}` are returned too (after the outer one). Never throws.
 */
export function varRefs(text: string, base: number, escapeChar = '\\'): VarRef[] {
  const out: VarRef[] = [];
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === escapeChar && quote !== "'") {
      i++;
      continue;
    }
    if (quote === "'") {
      if (c === "'") quote = null;
      continue;
    }
    if (c === '"') {
      quote = quote === '"' ? null : '"';
      continue;
    }
    if (c === "'" && quote === null) {
      quote = "'";
      continue;
    }
    if (c !== '$') continue;
    const next = text[i + 1];
    if (next === undefined) break;
    if (NAME_START.test(next)) {
      let j = i + 1;
      while (j < text.length && NAME_CHAR.test(text[j]!)) j++;
      out.push({ name: text.slice(i + 1, j), start: base + i, end: base + j, op: '', word: null });
      i = j - 1;
      continue;
    }
    if (next !== '{') continue;
    let j = i + 2;
    if (j >= text.length || !NAME_START.test(text[j]!)) continue;
    while (j < text.length && NAME_CHAR.test(text[j]!)) j++;
    const name = text.slice(i + 2, j);
    // Find the matching brace (references may nest in the word).
    let depth = 1;
    let k = j;
    while (k < text.length) {
      const ch = text[k]!;
      if (ch === escapeChar) {
        k += 2;
        continue;
      }
      if (ch === '{' && text[k - 1] === '$') depth++;
      else if (ch === '}' && --depth === 0) break;
      k++;
    }
    if (k >= text.length) break; // unclosed: the builder leaves it alone
    const rest = text.slice(j, k);
    const opMatch = /^(:[-+?]|[-+?]|##?|%%?|\/\/?)/.exec(rest);
    const op = opMatch ? opMatch[1]! : '';
    if (!opMatch && rest !== '') {
      i = k;
      continue; // `${A B}`: not a reference the builder accepts
    }
    const wordText = rest.slice(op.length);
    const wordStart = base + j + op.length;
    out.push({ name, start: base + i, end: base + k + 1, op, word: op ? { start: wordStart, text: wordText } : null });
    if (op && wordText.includes('$')) out.push(...varRefs(wordText, wordStart, escapeChar));
    i = k;
  }
  return out;
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment: `biuld` is 1 from `build`),
 * when it is at most `max`; otherwise some number above `max`. Only the cells within `max` of the
 * diagonal are computed (an alignment of cost d never leaves that band), so two long names cost
 * their length × (2·max+1), not length² (a hostile 100,000-character name).
 */
export function distanceWithin(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const over = max + 1;
  if (Math.abs(a.length - b.length) > max) return over;
  const width = 2 * max + 1;
  // Row i holds the cells j = i - max … i + max at k = j - i + max; out of the band is `over`.
  let before = new Array<number>(width).fill(over);
  let prev = new Array<number>(width).fill(over);
  for (let j = 0; j <= Math.min(max, b.length); j++) prev[j + max] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(width).fill(over);
    for (let k = 0; k < width; k++) {
      const j = i + k - max;
      if (j < 0 || j > b.length) continue;
      if (j === 0) {
        row[k] = Math.min(i, over);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[k]! + cost, (k + 1 < width ? prev[k + 1]! : over) + 1, (k > 0 ? row[k - 1]! : over) + 1);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[k]! + 1);
      row[k] = Math.min(v, over);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length - a.length + max]!;
}

/**
 * Candidates one file may compare, over all its suggestions (`suggestionBudget()` per file): a hostile
 * file with thousands of undefined names among thousands of defined ones would compare every pair.
 * Real files compare a few thousand; past the budget a finding gets no "did you mean".
 */
export const SUGGESTION_BUDGET = 200_000;
export const suggestionBudget = (): { left: number } => ({ left: SUGGESTION_BUDGET });

/** The closest candidate to a mistyped `value` (case-insensitive match first), or null (also once `budget` is spent). */
export function suggest(value: string, candidates: Iterable<string>, budget?: { left: number }): string | null {
  const lower = value.toLowerCase();
  let best: string | null = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    work.steps++;
    if (budget && budget.left-- <= 0) return null;
    if (c === value) continue;
    const limit = Math.min(2, Math.floor(Math.max(value.length, c.length) / 2));
    const cl = c.toLowerCase();
    const d = cl === lower ? 0 : distanceWithin(lower, cl, limit);
    if (d <= limit && d < bestScore) {
      best = c;
      bestScore = d;
    }
  }
  return best;
}

export const didYouMean = (s: string | null, prefix = ''): string => (s ? ` (did you mean ${prefix}${s}?)` : '');

// distribution/reference grammar, as `docker build` validates a FROM.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REST = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`;
const REFERENCE = new RegExp(`^${DOMAIN}/${REST}`);
const REFERENCE_NO_DOMAIN = new RegExp(`^${REST}`);

/** Is `ref` a valid image reference (`docker build` would accept it in FROM)? */
export function isValidReference(ref: string): boolean {
  if (!ref || ref.length > 512) return false;
  // A first component without `.`/`:` that is not `localhost` is a path, so it must be lower case.
  const slash = ref.indexOf('/');
  const first = slash < 0 ? ref : ref.slice(0, slash);
  const isDomain = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  if (!isDomain) return REFERENCE_NO_DOMAIN.test(ref);
  return REFERENCE.test(ref);
}

/** The earlier stage a `--from` / FROM value names (by name, case-insensitive, or by index), or null. */
export function stageNamed(df: Dockerfile, ref: string, before: number): Stage | null {
  // By name: the first stage of that name (case-insensitive); by number: that stage. The earlier of the two.
  const named = stagesNamed(df, ref)[0];
  const byName = named && named.index < before ? named : null;
  const numbered = /^[0-9]+$/.test(ref) ? df.stages[Number(ref)] : undefined;
  const byIndex = numbered && numbered.index < before ? numbered : null;
  return byName && byIndex ? (byName.index < byIndex.index ? byName : byIndex) : (byName ?? byIndex);
}

/**
 * The stages named `ref` (case-insensitive), in order. The names are indexed once per file while its
 * rules run: a file of 8,000 stages, each COPY --from the one before, looked each one up in every stage.
 */
export function stagesNamed(df: Dockerfile, ref: string): readonly Stage[] {
  const byName = fileMemo(df, 'stages by name', () => {
    const map = new Map<string, Stage[]>();
    for (const s of df.stages) {
      work.steps++;
      if (!s.name) continue;
      const lower = s.name.toLowerCase();
      const list = map.get(lower);
      if (list) list.push(s);
      else map.set(lower, [s]);
    }
    return map;
  });
  return byName.get(ref.toLowerCase()) ?? [];
}

/** The `AS name` token of a FROM, or null. */
export function stageNameToken(stage: Stage) {
  const as = stage.from.args[1];
  return as && as.value.toLowerCase() === 'as' ? (stage.from.args[2] ?? null) : null;
}

/** Instructions of the file, ONBUILD triggers included (they are parsed but run downstream). */
export function withTriggers(df: Dockerfile): readonly Instruction[] {
  // ONBUILD is rare: the file's own list when there is none.
  return df.instructions.some((i) => i.trigger) ? df.instructions.flatMap((i) => (i.trigger ? [i, i.trigger] : [i])) : df.instructions;
}

/** The part of an instruction's argument text before its first heredoc body. */
export function argsBeforeHeredoc(df: Dockerfile, inst: Instruction): { text: string; start: number } {
  const end = inst.heredocs.length ? Math.min(...inst.heredocs.map((h) => h.contentStart)) : inst.end;
  const stop = Math.max(inst.argsStart, Math.min(end, inst.end));
  return { text: df.text.slice(inst.argsStart, stop), start: inst.argsStart };
}

export const KNOWN_INSTRUCTIONS = [
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT',
  'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
];
