// A compose file's YAML → located values: anchors, aliases and `<<` merge keys resolved, each string
// interpolated, each variable use recorded with its offsets. Never throws.

import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { SourceFile } from '../../project/model.js';
import type { FileError } from '../../types.js';
import { interpolate, type Lookup } from './interpolate.js';
import type { ComposeVarUse, LMap, LScalar, LValue, Loc } from './model.js';

export interface ParsedYaml {
  doc: Document | null;
  value: LValue | null;
  vars: ComposeVarUse[];
  errors: FileError[];
  /** Interpolation errors (`${VAR:?msg}` unset, unterminated `${`), with their place. */
  interpolationErrors: { loc: Loc; message: string }[];
}

/** Beyond this many values, aliases are no longer expanded (a "billion laughs" file stays cheap). */
const MAX_VALUES = 200_000;

export function parseComposeYaml(file: SourceFile, lookup: Lookup): ParsedYaml {
  const out: ParsedYaml = { doc: null, value: null, vars: [], errors: [], interpolationErrors: [] };
  let doc: Document;
  try {
    doc = parseDocument(file.text, { merge: true, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    out.errors.push({ file: file.path, line: 1, column: 1, message: `invalid YAML: ${(e as Error).message}` });
    return out;
  }
  if (doc.errors.length) {
    for (const err of doc.errors) {
      const pos = file.lines.positionAt(err.pos?.[0] ?? 0);
      out.errors.push({ file: file.path, ...pos, message: `invalid YAML: ${err.message.split('\n')[0]}` });
    }
    return out;
  }
  out.doc = doc;
  const scanned = new Set<Node>();
  let budget = MAX_VALUES;
  const loc = (n: Node | null | undefined, fallback: number): Loc => {
    const r = n?.range;
    return r ? { file, start: r[0], end: r[1] } : { file, start: fallback, end: fallback };
  };

  const convert = (node: unknown, fallback: number, depth: number, resolving: Set<Node>): LValue => {
    budget--;
    if (isAlias(node)) {
      let target: Node | undefined;
      try {
        target = node.resolve(doc) as Node | undefined;
      } catch {
        target = undefined;
      }
      if (!target || resolving.has(target) || budget <= 0 || depth > 100) return nullAt(loc(node, fallback));
      resolving.add(target);
      const v = convert(target, fallback, depth + 1, resolving);
      resolving.delete(target);
      return v;
    }
    if (isMap(node)) {
      const map: LMap = { kind: 'map', entries: new Map(), loc: loc(node, fallback) };
      const merges: LMap[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as Node | null;
        const keyStart = key?.range?.[0] ?? map.loc.start;
        if (isScalar(key) && (typeof key.value === 'symbol' || key.source === '<<')) {
          const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
          for (const s of sources) {
            const v = convert(s, keyStart, depth + 1, resolving);
            if (v.kind === 'map') merges.push(v);
          }
          continue;
        }
        const name = isScalar(key) ? String(key.value) : key ? String(key) : '';
        const keyLoc = loc(key, keyStart);
        const value = convert(pair.value, key?.range?.[1] ?? keyStart, depth + 1, resolving);
        map.entries.set(name, { key: name, keyLoc, value });
      }
      // Explicit keys win; among merged maps, the first wins.
      for (const m of merges) for (const [k, e] of m.entries) if (!map.entries.has(k)) map.entries.set(k, e);
      return map;
    }
    if (isSeq(node)) {
      return {
        kind: 'seq',
        items: node.items.map((item) => convert(item, node.range?.[0] ?? fallback, depth + 1, resolving)),
        loc: loc(node, fallback),
      };
    }
    if (isScalar(node)) {
      const l = loc(node, fallback);
      const value = node.value;
      const quote = node.type === 'QUOTE_DOUBLE' ? '"' : node.type === 'QUOTE_SINGLE' ? "'" : '';
      const scalar: LScalar = { kind: 'scalar', value, resolved: value, quote, loc: l };
      if (typeof value === 'string' && value.includes('$')) {
        const r = interpolate(value, lookup);
        scalar.resolved = r.value;
        if (!scanned.has(node)) {
          scanned.add(node);
          for (const message of r.errors) out.interpolationErrors.push({ loc: l, message });
          // Positions come from the source text (the parsed value has lost quotes and escapes).
          const source = file.text.slice(l.start, l.end);
          const positioned = interpolate(source, () => undefined).uses;
          const uses = positioned.length === r.uses.length ? positioned.map((u) => ({ ...u, start: u.start + l.start, end: u.end + l.start })) : r.uses.map((u) => ({ ...u, start: l.start, end: l.end }));
          for (const u of uses) out.vars.push({ ...u, file, defined: lookup(u.name) !== undefined });
        }
      }
      return scalar;
    }
    return nullAt(loc(node as Node | null, fallback));
  };

  try {
    out.value = doc.contents === null || doc.contents === undefined ? null : convert(doc.contents, 0, 0, new Set());
    if (out.value?.kind === 'scalar' && out.value.value === null) out.value = null;
  } catch (e) {
    out.errors.push({ file: file.path, line: 1, column: 1, message: `could not read the compose file: ${(e as Error).message}` });
    out.value = null;
  }
  return out;
}

function nullAt(loc: Loc): LScalar {
  return { kind: 'scalar', value: null, resolved: null, quote: '', loc: { ...loc, end: loc.start } };
}

/** The plain JS value (interpolated strings), for schema validation. */
export function toPlain(v: LValue | null): unknown {
  if (!v) return null;
  if (v.kind === 'scalar') return v.resolved;
  if (v.kind === 'seq') return v.items.map(toPlain);
  const o: Record<string, unknown> = {};
  for (const [k, e] of v.entries) o[k] = toPlain(e.value);
  return o;
}
