// A compose file's YAML → located values (../yaml/located.ts): anchors, aliases and `<<` merge keys
// resolved, each string interpolated, each variable use recorded with its offsets. Never throws.

import type { Document, Node } from 'yaml';
import type { SourceFile } from '../../project/model.js';
import type { FileError } from '../../types.js';
import { toLocated } from '../yaml/located.js';
import { interpolate, type Lookup } from './interpolate.js';
import type { ComposeVarUse, LValue, Loc } from './model.js';

export { toPlain } from '../yaml/located.js';

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
  const vars: ComposeVarUse[] = [];
  const interpolationErrors: ParsedYaml['interpolationErrors'] = [];
  const scanned = new Set<Node>();
  const { doc, value, errors } = toLocated(file, {
    merge: true,
    maxValues: MAX_VALUES,
    what: 'the compose file',
    scalar: (scalar, node) => {
      const { value, loc: l } = scalar;
      if (typeof value !== 'string' || !value.includes('$')) return;
      const r = interpolate(value, lookup);
      scalar.resolved = r.value;
      if (scanned.has(node)) return;
      scanned.add(node);
      for (const message of r.errors) interpolationErrors.push({ loc: l, message });
      // Positions come from the source text (the parsed value has lost quotes and escapes).
      const source = file.text.slice(l.start, l.end);
      const positioned = interpolate(source, () => undefined).uses;
      const uses = positioned.length === r.uses.length ? positioned.map((u) => ({ ...u, start: u.start + l.start, end: u.end + l.start })) : r.uses.map((u) => ({ ...u, start: l.start, end: l.end }));
      for (const u of uses) vars.push({ ...u, file, defined: lookup(u.name) !== undefined });
    },
  });
  return { doc, value, vars, errors, interpolationErrors };
}
