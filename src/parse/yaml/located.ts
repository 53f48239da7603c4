// YAML → located values, shared by the compose and workflow views: every value points back to the
// file and range it was written at, anchors and aliases are resolved (within a value budget, so a
// "billion laughs" file stays cheap), `<<` merge keys optionally. Never throws.

import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Scalar } from 'yaml';
import type { SourceFile } from '../../project/model.js';
import type { FileError } from '../../types.js';

/** Where a value was written. */
export interface Loc {
  file: SourceFile;
  start: number;
  end: number;
}

export interface LScalar {
  kind: 'scalar';
  /** As YAML parsed it (string, number, boolean, null), before interpolation. */
  value: unknown;
  /** Strings after interpolation (compose); otherwise the same as `value`. */
  resolved: unknown;
  /** The scalar was quoted in the file ('"' or "'"), or '' for plain/block. */
  quote: '' | '"' | "'";
  loc: Loc;
}

export interface LEntry {
  key: string;
  keyLoc: Loc;
  value: LValue;
}

export interface LMap {
  kind: 'map';
  entries: Map<string, LEntry>;
  loc: Loc;
}

export interface LSeq {
  kind: 'seq';
  items: LValue[];
  loc: Loc;
}

export type LValue = LScalar | LMap | LSeq;

export interface LocatedOptions {
  /** Resolve `<<` merge keys (explicit keys win; among merged maps, the first wins). */
  merge: boolean;
  /** Beyond this many values, aliases are no longer expanded. */
  maxValues: number;
  /** What the file is, for the message when conversion fails: `could not read ${what}: …`. */
  what: string;
  /** Called on each scalar as it is built (an aliased node once per use); may set `resolved`. */
  scalar?: (scalar: LScalar, node: Scalar) => void;
}

export interface LocatedYaml {
  /** Null when the YAML could not be parsed. */
  doc: Document | null;
  /** The document's value (null when empty or unparsable). */
  value: LValue | null;
  errors: FileError[];
}

export function toLocated(file: SourceFile, options: LocatedOptions): LocatedYaml {
  const out: LocatedYaml = { doc: null, value: null, errors: [] };
  let doc: Document;
  try {
    doc = parseDocument(file.text, options.merge ? { merge: true, prettyErrors: false, uniqueKeys: true } : { prettyErrors: false, uniqueKeys: true });
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
  let budget = options.maxValues;
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
      if (!target) {
        // YAML parsers (docker compose's too) refuse an alias to an anchor not defined before it.
        const at = file.lines.positionAt(node.range?.[0] ?? fallback);
        out.errors.push({ file: file.path, ...at, message: `invalid YAML: alias '*${node.source}' has no anchor '&${node.source}' before it` });
        return nullAt(loc(node, fallback));
      }
      if (resolving.has(target) || budget <= 0 || depth > 100) return nullAt(loc(node, fallback));
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
        if (options.merge && isScalar(key) && (typeof key.value === 'symbol' || key.source === '<<')) {
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
      const quote = node.type === 'QUOTE_DOUBLE' ? '"' : node.type === 'QUOTE_SINGLE' ? "'" : '';
      const scalar: LScalar = { kind: 'scalar', value: node.value, resolved: node.value, quote, loc: loc(node, fallback) };
      options.scalar?.(scalar, node);
      return scalar;
    }
    return nullAt(loc(node as Node | null, fallback));
  };

  try {
    out.value = doc.contents === null || doc.contents === undefined ? null : convert(doc.contents, 0, 0, new Set());
    if (out.value?.kind === 'scalar' && out.value.value === null) out.value = null;
  } catch (e) {
    out.errors.push({ file: file.path, line: 1, column: 1, message: `could not read ${options.what}: ${(e as Error).message}` });
    out.value = null;
  }
  return out;
}

/** A null scalar, empty, at the start of `loc` (an unresolvable alias, a missing value). */
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
