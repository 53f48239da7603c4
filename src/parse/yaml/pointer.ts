// From ajv's errors (JSON pointers into the plain value) back to located YAML values, shared by the
// compose and workflow schema checks: the value and key a pointer names, its dotted name, and one
// problem a person needs per place.

import type { ErrorObject } from 'ajv';
import type { LEntry, LValue, Loc } from './located.js';

export interface SchemaProblem {
  loc: Loc;
  message: string;
  /** The JSON pointer of the value (for tests and debugging). */
  path: string;
}

/** ajv's errors about combinators themselves (their members' errors say more). */
export const COMBINATORS = new Set(['oneOf', 'anyOf', 'allOf', 'if', 'not', 'then', 'else']);

export function segments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at a JSON pointer and the entry (key) that holds it, if any. */
export function locate(root: LValue, pointer: string): { value: LValue; entry: LEntry | null } {
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

/** `/services/web/ports/0` → `services.web.ports[0]`. */
export function dotted(pointer: string): string {
  let s = '';
  for (const seg of segments(pointer)) s += /^\d+$/.test(seg) ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}

export interface ProblemOptions {
  /** How the root value is named in messages ('the top level', 'the workflow'). */
  rootName: string;
  /** The message for an unknown key at the root, when it differs from `${rootName} has an unknown key '${key}'`. */
  unknownRootKey?: (key: string) => string;
  /** A message for another keyword (the problem is placed at the value), or undefined for ajv's own. */
  message?: (e: ErrorObject, subject: string) => string | undefined;
  /** Say several `required` (or several `enum`) errors at one place once, their names (values) merged. */
  mergeAlternatives?: boolean;
}

/**
 * ajv's errors (combinators' own already dropped) → problems, grouped by place, one per place and
 * message, unsorted.
 */
export function schemaProblems(root: LValue, errors: ErrorObject[], options: ProblemOptions): SchemaProblem[] {
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
    // Of several alternatives' complaints at one place (a value that is one of several shapes), say the kinds once.
    const types = kept.filter((e) => e.keyword === 'type');
    if (types.length > 1) kept = [{ ...types[0]!, params: { type: [...new Set(types.flatMap((t) => t.params.type as string | string[]))] } }];
    if (options.mergeAlternatives) {
      // `required` from several alternatives (a step needs `uses` or `run`): say it once.
      const required = kept.filter((e) => e.keyword === 'required');
      if (required.length > 1) {
        const names = [...new Set(required.map((e) => String(e.params.missingProperty)))];
        kept = [...kept.filter((e) => e.keyword !== 'required'), { ...required[0]!, params: { missingProperty: names.join("' or '") } }];
      }
      // Several `enum`s (alternatives) at one place: merge their values.
      const enums = kept.filter((e) => e.keyword === 'enum');
      if (enums.length > 1) {
        kept = [...kept.filter((e) => e.keyword !== 'enum'), { ...enums[0]!, params: { allowedValues: [...new Set(enums.flatMap((e) => e.params.allowedValues as unknown[]))] } }];
      }
    }
    const seen = new Set<string>();
    for (const e of kept) {
      const problem = describe(root, e, options);
      const key = `${problem.loc.start}:${problem.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(problem);
    }
  }
  return out;
}

function describe(root: LValue, e: ErrorObject, options: ProblemOptions): SchemaProblem {
  const { value, entry } = locate(root, e.instancePath);
  const where = dotted(e.instancePath);
  const subject = where ? `'${where}'` : options.rootName;
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
        message: !where && options.unknownRootKey ? options.unknownRootKey(key) : `${subject} has an unknown key '${key}'`,
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
    default:
      return { loc: atValue(), message: options.message?.(e, subject) ?? `${subject} ${e.message ?? 'is invalid'}`, path: e.instancePath };
  }
}

function article(types: string): string {
  return types
    .split(' or ')
    .map((t) => (t === 'array' ? 'a list' : t === 'object' ? 'a mapping' : t === 'null' ? 'null' : t === 'integer' ? 'an integer' : `a ${t}`))
    .join(' or ');
}
