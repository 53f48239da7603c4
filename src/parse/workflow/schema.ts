// Validation of a workflow against SchemaStore's GitHub Actions workflow schema
// (schema/github-workflow.schema.json, Apache-2.0), compiled by ajv ahead of time (schema-codegen.ts:
// compiling it at run time took ~1 s). Errors are mapped from ajv's instancePath back to the YAML
// node and reduced to the one a person needs per place (../yaml/pointer.ts).

import type { ErrorObject } from 'ajv';
import { toPlain } from '../yaml/located.js';
import { COMBINATORS, schemaProblems, type SchemaProblem } from '../yaml/pointer.js';
import type { WorkflowFile } from './model.js';
import { validate as generated } from './schema-validate.generated.js';
import { compareText } from '../../util/compare-text.js';

export type WorkflowSchemaProblem = SchemaProblem;

/** Kept per workflow view (the language server keeps an unchanged file's view between keystrokes). Shared: do not mutate. */
const VALIDATED = new WeakMap<WorkflowFile, WorkflowSchemaProblem[]>();

export function validateWorkflowFile(wf: WorkflowFile): WorkflowSchemaProblem[] {
  let problems = VALIDATED.get(wf);
  if (!problems) VALIDATED.set(wf, (problems = validate(wf)));
  return problems;
}

function validate(wf: WorkflowFile): WorkflowSchemaProblem[] {
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
  return schemaProblems(root, reduceAlternatives(generated.errors ?? []), {
    rootName: 'the workflow',
    message: (e, subject) => (e.keyword === 'minProperties' || e.keyword === 'minItems' ? `${subject} must not be empty` : undefined),
    mergeAlternatives: true,
  }).sort((a, b) => a.loc.start - b.loc.start || compareText(a.message, b.message));
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
