// Generates schema-validate.generated.js: the Compose schema compiled by ajv ahead of time
// (compiling it at run time takes ~0.8 s). Run `npx tsx src/parse/compose/schema-codegen.ts`
// after changing schema/compose-spec.schema.json; a unit test fails while the output is stale.
// The generator itself is shared with the workflow view: ../yaml/schema-codegen.ts.

import { fileURLToPath } from 'node:url';
import { generateValidator as generate, writeIfMain } from '../yaml/schema-codegen.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../../../schema/compose-spec.schema.json', import.meta.url));
export const GENERATED_PATH = fileURLToPath(new URL('./schema-validate.generated.js', import.meta.url));

export function generateValidator(): string {
  return generate({
    schemaPath: SCHEMA_PATH,
    header: 'src/parse/compose/schema-codegen.ts from schema/compose-spec.schema.json (Apache-2.0)',
    annotations: ['description', 'title'],
  });
}

writeIfMain(import.meta.url, GENERATED_PATH, generateValidator);
