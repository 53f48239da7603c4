// Validation of each compose file against the Compose Specification's JSON schema (draft-07,
// schema/compose-spec.schema.json, Apache-2.0), compiled by ajv ahead of time (schema-codegen.ts). Errors are mapped from
// ajv's instancePath back to the YAML node, and reduced to the one a person needs per place (../yaml/pointer.ts).

import { COMBINATORS, schemaProblems, type SchemaProblem } from '../yaml/pointer.js';
import type { ComposeFile } from './model.js';
import { validate as generated } from './schema-validate.generated.js';
import { toPlain } from './yaml.js';

export type { SchemaProblem };

/** Keys only a service has: a top level made of mappings with these is a Compose file format v1 file. */
const SERVICE_KEYS = ['image', 'build', 'command', 'ports', 'volumes', 'environment', 'links', 'restart', 'container_name', 'entrypoint'];
const TOP_LEVEL = ['version', 'name', 'services', 'networks', 'volumes', 'secrets', 'configs', 'include', 'models'];

/** A Compose file format v1 file (services at the top level, no `services:`): one problem, not one per service. */
function v1Problem(cf: ComposeFile): SchemaProblem | null {
  const root = cf.root;
  if (!root || root.entries.has('services')) return null;
  const entries = [...root.entries.values()].filter((e) => !TOP_LEVEL.includes(e.key) && !e.key.startsWith('x-'));
  const services = entries.filter((e) => e.value.kind === 'map' && SERVICE_KEYS.some((k) => (e.value as { entries: Map<string, unknown> }).entries.has(k)));
  if (!services.length || services.length !== entries.length) return null;
  const names = services.map((e) => `'${e.key}'`);
  return {
    loc: services[0]!.keyLoc,
    path: '',
    message: `this is a Compose file format v1 file (${names.length === 1 ? 'service' : 'services'} ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''} at the top level), which Docker Compose v2 does not read: put the services under a top-level \`services:\` key`,
  };
}

/** Kept per parsed file and role (the language server keeps an unchanged file's parse between keystrokes). Shared: do not mutate. */
const VALIDATED = new WeakMap<object, Map<string, SchemaProblem[]>>();

export function validateComposeFile(cf: ComposeFile): SchemaProblem[] {
  if (!cf.doc) return [];
  let byRole = VALIDATED.get(cf.doc);
  if (!byRole) VALIDATED.set(cf.doc, (byRole = new Map()));
  let problems = byRole.get(cf.role);
  if (!problems) byRole.set(cf.role, (problems = validate(cf)));
  return problems;
}

function validate(cf: ComposeFile): SchemaProblem[] {
  if (!cf.doc) return [];
  // compose-go skips an empty (comment-only) file merged in with `-f` and fails only when the whole
  // project is empty: a placeholder layer such as opentelemetry-demo's compose.extras.yaml is fine.
  if (!cf.value) return cf.role === 'base' ? [{ loc: { file: cf.file, start: 0, end: 0 }, message: 'the compose file is empty', path: '' }] : [];
  const v1 = v1Problem(cf);
  if (v1) return [v1];
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
