// A workflow file's YAML → located values (the same shapes as the compose view's, so its
// defensive accessors apply), with no interpolation: `${{ }}` expressions stay as written.
// Anchors and aliases are resolved (GitHub accepts them since 2023). Never throws.

import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { LMap, LScalar, LValue, Loc } from '../compose/model.js';
import type { SourceFile } from '../../project/model.js';
import type { FileError } from '../../types.js';

export interface ParsedWorkflowYaml {
  doc: Document | null;
  value: LValue | null;
  errors: FileError[];
}

/** Beyond this many values, aliases are no longer expanded. */
const MAX_VALUES = 100_000;

export function parseWorkflowYaml(file: SourceFile): ParsedWorkflowYaml {
  const out: ParsedWorkflowYaml = { doc: null, value: null, errors: [] };
  let doc: Document;
  try {
    doc = parseDocument(file.text, { prettyErrors: false, uniqueKeys: true });
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
  let budget = MAX_VALUES;
  const loc = (n: Node | null | undefined, fallback: number): Loc => {
    const r = n?.range;
    return r ? { file, start: r[0], end: r[1] } : { file, start: fallback, end: fallback };
  };
  const nullAt = (l: Loc): LScalar => ({ kind: 'scalar', value: null, resolved: null, quote: '', loc: { ...l, end: l.start } });

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
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as Node | null;
        const keyStart = key?.range?.[0] ?? map.loc.start;
        const name = isScalar(key) ? String(key.value) : key ? String(key) : '';
        const value = convert(pair.value, key?.range?.[1] ?? keyStart, depth + 1, resolving);
        map.entries.set(name, { key: name, keyLoc: loc(key, keyStart), value });
      }
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
      return { kind: 'scalar', value: node.value, resolved: node.value, quote, loc: loc(node, fallback) };
    }
    return nullAt(loc(node as Node | null, fallback));
  };

  try {
    out.value = doc.contents === null || doc.contents === undefined ? null : convert(doc.contents, 0, 0, new Set());
    if (out.value?.kind === 'scalar' && out.value.value === null) out.value = null;
  } catch (e) {
    out.errors.push({ file: file.path, line: 1, column: 1, message: `could not read the workflow: ${(e as Error).message}` });
    out.value = null;
  }
  return out;
}

/**
 * Maps offsets in a string scalar's value to offsets in the file: exact for plain one-line,
 * quoted lines without escapes, and `|` blocks; a line that cannot be aligned maps to its scalar's start.
 */
export function valueOffsets(scalar: LScalar): (offset: number) => number {
  const text = scalar.loc.file.text;
  const value = typeof scalar.value === 'string' ? scalar.value : String(scalar.value ?? '');
  const source = text.slice(scalar.loc.start, scalar.loc.end);
  let cursor = 0;
  if (source.startsWith('|') || source.startsWith('>')) cursor = source.indexOf('\n') + 1 || source.length;
  else if (scalar.quote) cursor = 1;
  const lineStarts: number[] = []; // file offset of each value line's first character, or -1
  let vpos = 0;
  for (const line of value.split('\n')) {
    const nl = source.indexOf('\n', cursor);
    const srcLine = source.slice(cursor, nl < 0 ? source.length : nl);
    const at = line === '' ? 0 : srcLine.indexOf(line);
    lineStarts.push(at < 0 ? -1 : scalar.loc.start + cursor + at);
    vpos += line.length + 1;
    cursor = nl < 0 ? source.length : nl + 1;
  }
  const valueLineStarts: number[] = [];
  vpos = 0;
  for (const line of value.split('\n')) {
    valueLineStarts.push(vpos);
    vpos += line.length + 1;
  }
  return (offset) => {
    let i = valueLineStarts.length - 1;
    while (i > 0 && valueLineStarts[i]! > offset) i--;
    const base = lineStarts[i] ?? -1;
    if (base < 0) return scalar.loc.start;
    return Math.min(base + (offset - valueLineStarts[i]!), scalar.loc.end);
  };
}
