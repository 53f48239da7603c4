// Inline suppressions, read once outside the rules:
//   # slipway ignore=rule-a,DL3008 -- reason     (the next instruction)
//   # slipway stage ignore=...                   (the rest of the stage)
//   # slipway global ignore=...                  (the whole file)
//   # hadolint ignore=DL3008 / global / stage     (hadolint's pragmas, matched through aliases)
//   # check=skip=JSONArgsRecommended,all         (BuildKit; a parser directive is global, a comment above an instruction is scoped)

import type { Dockerfile } from '../parse/dockerfile/model.js';
import { work } from '../parse/dockerfile/work.js';
import { firstNotBefore } from '../util/first-not-before.js';

export interface Suppression {
  /** Lower-cased rule ids or aliases; 'all' matches every rule. */
  rules: Set<string>;
  /** 1-based inclusive line range it covers. */
  fromLine: number;
  toLine: number;
}

const PRAGMA = /^\s*(slipway|hadolint)\s+(?:(global|stage)\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+?)(?:\s+--.*|\s+#.*|\s+[^,\s]+.*)?$/;
const CHECK_SKIP = /^\s*check\s*=\s*(.*)$/;

function ruleSet(list: string): Set<string> {
  return new Set(list.split(',').map((r) => r.trim().toLowerCase()).filter(Boolean));
}

/** `skip=A,B;error=true` → the skipped names. */
function checkSkips(value: string): Set<string> | null {
  for (const part of value.split(';')) {
    const [k, v] = part.split('=', 2);
    if (k?.trim().toLowerCase() === 'skip' && v !== undefined) return ruleSet(v);
  }
  return null;
}

export function findSuppressions(df: Dockerfile): Suppression[] {
  const out: Suppression[] = [];
  const lastLine = df.lines.lineCount;
  // The first instruction after a line: a binary search (the instructions are in order of line).
  const nextInstruction = (line: number) => {
    const list = df.instructions;
    return list[firstNotBefore(list, (i) => i.line <= line)] ?? null;
  };
  const lineOf = (offset: number) => df.lines.positionAt(offset).line;

  for (const d of df.directives) {
    if (d.name === 'check') {
      const skips = checkSkips(d.value);
      if (skips) out.push({ rules: skips, fromLine: 1, toLine: lastLine });
    }
  }
  for (const c of df.comments) {
    const pragma = PRAGMA.exec(c.text);
    const check = pragma ? null : CHECK_SKIP.exec(c.text);
    const rules = pragma ? ruleSet(pragma[3]!) : check ? checkSkips(check[1]!) : null;
    if (!rules) continue;
    const scope = pragma?.[2];
    if (scope === 'global') {
      out.push({ rules, fromLine: 1, toLine: lastLine });
      continue;
    }
    const next = nextInstruction(c.line);
    if (!next) continue;
    if (scope === 'stage') {
      const stage = next.stage;
      const last = stage?.instructions.at(-1) ?? next;
      out.push({ rules, fromLine: next.line, toLine: lineOf(last.end) });
    } else {
      out.push({ rules, fromLine: next.line, toLine: lineOf(next.end) });
    }
  }
  return out;
}

export function isSuppressed(
  suppressions: Suppression[],
  ids: string[],
  line: number,
): boolean {
  const matches = (s: Suppression) => ++work.steps > 0 && line >= s.fromLine && line <= s.toLine && (s.rules.has('all') || ids.some((id) => s.rules.has(id.toLowerCase())));
  // A few pragmas (the common case): look at each. Many: only those that cover the line, through an index
  // built once per list (8,000 pragmas asked by 8,000 findings each looked at all of them).
  if (suppressions.length < INDEX_FROM) return suppressions.some(matches);
  let index = indexes.get(suppressions);
  if (!index) indexes.set(suppressions, (index = indexOf(suppressions)));
  if (index.byLine.get(line)?.some(matches)) return true;
  for (const s of index.wide) {
    if (s.fromLine > line) break;
    if (matches(s)) return true;
  }
  return false;
}

const INDEX_FROM = 16;
/** Ranges up to this many lines are filed under each of their lines; longer ones are looked at in order. */
const NARROW = 64;

interface SuppressionIndex {
  byLine: Map<number, Suppression[]>;
  /** Ranges longer than NARROW lines, in order of their first line. */
  wide: Suppression[];
}

const indexes = new WeakMap<Suppression[], SuppressionIndex>();

function indexOf(suppressions: Suppression[]): SuppressionIndex {
  const byLine = new Map<number, Suppression[]>();
  const wide: Suppression[] = [];
  for (const s of suppressions) {
    if (s.toLine - s.fromLine >= NARROW) {
      wide.push(s);
      continue;
    }
    for (let line = s.fromLine; line <= s.toLine; line++) {
      const list = byLine.get(line);
      if (list) list.push(s);
      else byLine.set(line, [s]);
    }
  }
  wide.sort((a, b) => a.fromLine - b.fromLine);
  return { byLine, wide };
}
