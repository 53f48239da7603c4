// Validation of each compose file against the Compose Specification's JSON schema (draft-07,
// schema/compose-spec.schema.json, Apache-2.0), compiled by ajv ahead of time (schema-codegen.ts). Errors are mapped from
// ajv's instancePath back to the YAML node, and reduced to the one a person needs per place.

import type { ErrorObject } from 'ajv';
import type { ComposeFile, LEntry, LValue, Loc } from './model.js';
import { validate as generated } from './schema-validate.generated.js';
import { toPlain } from './yaml.js';

export interface SchemaProblem {
  loc: Loc;
  message: string;
  /** The JSON pointer of the value (for tests and debugging). */
  path: string;
}

const COMBINATORS = new Set(['oneOf', 'anyOf', 'allOf', 'if', 'not', 'then', 'else']);

export function validateComposeFile(cf: ComposeFile): SchemaProblem[] {
  if (!cf.doc) return [];
  if (!cf.value) return [{ loc: { file: cf.file, start: 0, end: 0 }, message: 'the compose file is empty', path: '' }];
  if (generated(toPlain(cf.value))) return [];
  const errors = (generated.errors ?? []).filter((e) => !COMBINATORS.has(e.keyword));
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  const paths = [...byPath.keys()];
  const out: SchemaProblem[] = [];
  for (const [path, errs] of byPath) {
    const deeper = paths.some((p) => p.startsWith(`${path}/`));
    const nonType = errs.filter((e) => e.keyword !== 'type');
    // A type error beside errors of a branch whose type matched (here or deeper) is that branch's noise.
    let kept = nonType.length || deeper ? nonType : errs;
    if (!kept.length) continue;
    // Of several alternatives' complaints at one place, say the first kind once.
    const types = kept.filter((e) => e.keyword === 'type');
    if (types.length > 1) kept = [{ ...types[0]!, params: { type: [...new Set(types.flatMap((t) => t.params.type as string | string[]))] } }];
    const seen = new Set<string>();
    for (const e of kept) {
      const problem = describe(cf, e);
      const key = `${problem.loc.start}:${problem.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(problem);
    }
  }
  return out.sort((a, b) => a.loc.start - b.loc.start);
}

function segments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at a JSON pointer and the entry (key) that holds it, if any. */
function locate(root: LValue, pointer: string): { value: LValue; entry: LEntry | null } {
  let value = root;
  let entry: LEntry | null = null;
  for (const seg of segments(pointer)) {
    if (value.kind === 'map') {
      const e = value.entries.get(seg);
      if (!e) break;
      entry = e;
      value = e.value;
    } else if (value.kind === 'seq') {
      const item = value.items[Number(seg)];
      if (!item) break;
      entry = null;
      value = item;
    } else break;
  }
  return { value, entry };
}

function dotted(pointer: string): string {
  let s = '';
  for (const seg of segments(pointer)) s += /^\d+$/.test(seg) ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}

function describe(cf: ComposeFile, e: ErrorObject): SchemaProblem {
  const { value, entry } = locate(cf.value!, e.instancePath);
  const where = dotted(e.instancePath);
  const subject = where ? `'${where}'` : 'the top level';
  const atValue = (): Loc => {
    if (value.kind === 'scalar' && value.loc.end > value.loc.start) return value.loc;
    return entry ? entry.keyLoc : value.loc;
  };
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const k = value.kind === 'map' ? value.entries.get(key) : undefined;
      return {
        loc: k ? k.keyLoc : atValue(),
        message: where ? `${subject} has an unknown key '${key}'` : `unknown top-level key '${key}'`,
        path: `${e.instancePath}/${key}`,
      };
    }
    case 'required':
      return { loc: entry ? entry.keyLoc : value.loc, message: `${subject} needs the key '${String(e.params.missingProperty)}'`, path: e.instancePath };
    case 'type': {
      const t = e.params.type as string | string[];
      return { loc: atValue(), message: `${subject} must be ${article(Array.isArray(t) ? t.join(' or ') : t)}`, path: e.instancePath };
    }
    case 'enum':
      return {
        loc: atValue(),
        message: `${subject} must be one of ${(e.params.allowedValues as unknown[]).map((v) => `'${String(v)}'`).join(', ')}`,
        path: e.instancePath,
      };
    case 'uniqueItems':
      return { loc: atValue(), message: `${subject} has duplicate items (${String(e.params.j)} and ${String(e.params.i)})`, path: e.instancePath };
    case 'propertyNames':
      return { loc: atValue(), message: `${subject} has an invalid key name`, path: e.instancePath };
    default:
      return { loc: atValue(), message: `${subject} ${e.message ?? 'is invalid'}`, path: e.instancePath };
  }
}

function article(types: string): string {
  return types
    .split(' or ')
    .map((t) => (t === 'array' ? 'a list' : t === 'object' ? 'a mapping' : t === 'null' ? 'null' : t === 'integer' ? 'an integer' : `a ${t}`))
    .join(' or ');
}
