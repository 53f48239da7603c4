// Validation of each compose file against the Compose Specification's JSON schema (draft-07,
// schema/compose-spec.schema.json, Apache-2.0), compiled by ajv ahead of time (schema-codegen.ts). Errors are mapped from
// ajv's instancePath back to the YAML node, and reduced to the one a person needs per place (../yaml/pointer.ts).

import { COMBINATORS, schemaProblems, type SchemaProblem } from '../yaml/pointer.js';
import type { ComposeFile } from './model.js';
import { validate as generated } from './schema-validate.generated.js';
import { toPlain } from './yaml.js';

export type { SchemaProblem };

export function validateComposeFile(cf: ComposeFile): SchemaProblem[] {
  if (!cf.doc) return [];
  if (!cf.value) return [{ loc: { file: cf.file, start: 0, end: 0 }, message: 'the compose file is empty', path: '' }];
  if (generated(toPlain(cf.value))) return [];
  const errors = (generated.errors ?? []).filter((e) => !COMBINATORS.has(e.keyword));
  return schemaProblems(cf.value, errors, {
    rootName: 'the top level',
    unknownRootKey: (key) => `unknown top-level key '${key}'`,
    message: (e, subject) => {
      if (e.keyword === 'uniqueItems') return `${subject} has duplicate items (${String(e.params.j)} and ${String(e.params.i)})`;
      if (e.keyword === 'propertyNames') return `${subject} has an invalid key name`;
      return undefined;
    },
  }).sort((a, b) => a.loc.start - b.loc.start);
}
