// Validation of a workflow against SchemaStore's GitHub Actions workflow schema
// (schema/github-workflow.schema.json, Apache-2.0), compiled by ajv ahead of time (schema-codegen.ts:
// compiling it at run time took ~1 s). Errors are mapped from ajv's instancePath back to the YAML
// node and reduced to the one a person needs per place.

import type { ErrorObject } from 'ajv';
import { toPlain } from '../compose/yaml.js';
import type { LEntry, LValue, Loc, WorkflowFile } from './model.js';
import { validate as generated } from './schema-validate.generated.js';

export interface WorkflowSchemaProblem {
  loc: Loc;
  message: string;
  /** The JSON pointer of the value. */
  path: string;
}

const COMBINATORS = new Set(['oneOf', 'anyOf', 'allOf', 'if', 'not', 'then', 'else']);

export function validateWorkflowFile(wf: WorkflowFile): WorkflowSchemaProblem[] {
  if (!wf.doc) return [];
  const root = wf.root;
  if (!root) return [{ loc: { file: wf.file, start: 0, end: 0 }, message: 'a workflow must be a mapping with `on:` and `jobs:`', path: '' }];
  let valid: boolean;
  try {
    valid = generated(toPlain(root));
  } catch {
    return [];
  }
  if (valid) return [];
  const errors = reduceAlternatives(generated.errors ?? []);
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  const paths = [...byPath.keys()];
  const out: WorkflowSchemaProblem[] = [];
  for (const [path, errs] of byPath) {
    const deeper = paths.some((p) => p.startsWith(`${path}/`));
    const nonType = errs.filter((e) => e.keyword !== 'type');
    // A type error beside errors of a branch whose type matched (here or deeper) is that branch's noise.
    let kept = nonType.length || deeper ? nonType : errs;
    if (!kept.length) continue;
    // A value that is one of several shapes: one complaint listing the types.
    const types = kept.filter((e) => e.keyword === 'type');
    if (types.length > 1) kept = [{ ...types[0]!, params: { type: [...new Set(types.flatMap((t) => t.params.type as string | string[]))] } }];
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
    const seen = new Set<string>();
    for (const e of kept) {
      const problem = describe(root, e);
      const key = `${problem.loc.start}:${problem.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(problem);
    }
  }
  return out.sort((a, b) => a.loc.start - b.loc.start || a.message.localeCompare(b.message));
}

const depth = (pointer: string) => (pointer === '' ? 0 : pointer.split('/').length - 1);
const under = (pointer: string, base: string) => pointer === base || pointer.startsWith(`${base}/`);

/**
 * Keeps, for each failed oneOf/anyOf, the errors of the alternative the value most likely meant.
 * ajv reports every alternative's errors, in order, before the combinator's own error; within one
 * alternative, errors at the value itself (type, required, unknown keys) come before deeper ones, so
 * an error at the value after a deeper one starts the next alternative. The alternative reaching
 * deepest wins (its type matched), then the one with the fewest errors.
 */
function reduceAlternatives(all: ErrorObject[]): ErrorObject[] {
  let pending: ErrorObject[] = [];
  for (const e of all) {
    if (e.keyword !== 'oneOf' && e.keyword !== 'anyOf') {
      if (!COMBINATORS.has(e.keyword)) pending.push(e);
      continue;
    }
    const at = e.instancePath;
    let from = pending.length;
    while (from > 0 && under(pending[from - 1]!.instancePath, at)) from--;
    const members = pending.slice(from);
    pending = pending.slice(0, from);
    const branches: ErrorObject[][] = [];
    let wentDeeper = false;
    for (const m of members) {
      const atValue = m.instancePath === at;
      if (!branches.length || (atValue && wentDeeper)) {
        branches.push([]);
        wentDeeper = false;
      }
      branches[branches.length - 1]!.push(m);
      if (!atValue) wentDeeper = true;
    }
    const reach = (b: ErrorObject[]) => Math.max(...b.map((m) => depth(m.instancePath)));
    branches.sort((a, b) => reach(b) - reach(a) || a.length - b.length);
    let best = branches[0] ?? [];
    // A value that is a mapping or list is not one of a scalar alternative's values.
    if (reach(best) > depth(at)) best = best.filter((m) => !(m.instancePath === at && (m.keyword === 'enum' || m.keyword === 'const' || m.keyword === 'type')));
    pending.push(...best);
  }
  return pending;
}

function segments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

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

function describe(root: LValue, e: ErrorObject): WorkflowSchemaProblem {
  const { value, entry } = locate(root, e.instancePath);
  const where = dotted(e.instancePath);
  const subject = where ? `'${where}'` : 'the workflow';
  const atValue = (): Loc => {
    if (value.kind === 'scalar' && value.loc.end > value.loc.start) return value.loc;
    return entry ? entry.keyLoc : value.loc;
  };
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const k = value.kind === 'map' ? value.entries.get(key) : undefined;
      return { loc: k ? k.keyLoc : atValue(), message: `${subject} has an unknown key '${key}'`, path: `${e.instancePath}/${key}` };
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
    case 'minProperties':
    case 'minItems':
      return { loc: atValue(), message: `${subject} must not be empty`, path: e.instancePath };
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
