// Generates schema-validate.generated.js: SchemaStore's GitHub workflow schema compiled by ajv
// ahead of time (compiling it at run time takes ~1 s, loading ajv another 0.2 s). Run
// `npx tsx src/parse/workflow/schema-codegen.ts` after changing schema/github-workflow.schema.json;
// a unit test fails while the output is stale.
// The generator itself is shared with the compose view: ../yaml/schema-codegen.ts.

import { fileURLToPath } from 'node:url';
import { generateValidator as generate, writeIfMain } from '../yaml/schema-codegen.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../../../schema/github-workflow.schema.json', import.meta.url));
export const GENERATED_PATH = fileURLToPath(new URL('./schema-validate.generated.js', import.meta.url));

export function generateValidator(): string {
  return generate({
    schemaPath: SCHEMA_PATH,
    header: 'src/parse/workflow/schema-codegen.ts from schema/github-workflow.schema.json (SchemaStore, Apache-2.0)',
    annotations: ['description', 'title', '$comment', 'markdownDescription'],
  });
}

writeIfMain(import.meta.url, GENERATED_PATH, generateValidator);
