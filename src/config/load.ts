// Finds and reads .slipway.yaml (or, failing that, .hadolint.yaml), validates it against its schema,
// and reports a bad key with its line and column.

import { existsSync, lstatSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, visit, type Document } from 'yaml';
import { knownRuleNames } from '../engine/effective-rules.js';
import { isShellcheckCode } from '../engine/shellcheck/scripts.js';
import { ConfigError } from '../errors.js';
import { readProjectFile } from '../project/read-file.js';
import type { Severity } from '../types.js';
import { DEFAULT_CONFIG, type Config, type Threshold } from './config.js';
import { imageRefProblem, parseImageRef } from '../docker/ref.js';
import type { ReleaseSection } from '../release/schema.js';
import { CONFIG_SCHEMA, HADOLINT_SCHEMA } from './schema.js';

const SLIPWAY_FILES = ['.slipway.yaml', '.slipway.yml'];
const HADOLINT_FILES = ['.hadolint.yaml', '.hadolint.yml'];

/** `explicit` (from --config) must exist; otherwise look in `dir`. */
export async function loadConfig(dir: string, explicit?: string): Promise<Config> {
  if (explicit) {
    if (!existsSync(explicit)) throw new ConfigError('config file not found', explicit);
    return /hadolint/.test(explicit) ? readHadolint(explicit) : readSlipway(explicit);
  }
  // Found in the project, so it may be hostile: it must stay inside `dir` (no link to /dev/zero or ~).
  for (const name of SLIPWAY_FILES) {
    const file = join(dir, name);
    if (present(file)) return readSlipway(file, dir);
  }
  for (const name of HADOLINT_FILES) {
    const file = join(dir, name);
    if (present(file)) return readHadolint(file, dir);
  }
  return DEFAULT_CONFIG;
}

interface YamlFile {
  file: string;
  text: string;
  doc: Document;
  data: any;
}

/** There is something by that name, even a dangling link (which is then reported, not skipped). */
function present(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function readYaml(file: string, within?: string): YamlFile {
  const r = readProjectFile(file, { within, maxBytes: 1024 * 1024 });
  if (!r.ok) throw new ConfigError(r.message, file, 1, 1);
  const text = r.text;
  const doc = parseDocument(text, { prettyErrors: false });
  // A warning is an unknown tag (`!!python/object`, `!include`): its meaning is not what it says.
  const err = doc.errors[0] ?? doc.warnings[0];
  if (err) {
    const pos = lineCol(text, err.pos[0]);
    throw new ConfigError(err.message.split('\n')[0]!, file, pos.line, pos.col);
  }
  let data: any;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    // An alias bomb ("billion laughs"): reported where the aliases start.
    let first: number | undefined;
    visit(doc, { Alias: (_k, node) => ((first = node.range?.[0]), visit.BREAK) });
    const pos = lineCol(text, first ?? 0);
    throw new ConfigError(`too many YAML aliases (${(e as Error).message})`, file, pos.line, pos.col);
  }
  return { file, text, doc, data };
}

/** Line and column of the key (or value) at a JSON pointer like `/rules/DL3008`. */
function positionOf({ doc, text }: YamlFile, pointer: string, key: boolean): { line?: number; col?: number } {
  const path = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: any = doc.contents;
  let keyNode: any = null;
  for (const part of path) {
    if (isSeq(node) && /^\d+$/.test(part)) {
      keyNode = null;
      node = node.items[Number(part)];
      continue;
    }
    if (!isMap(node)) break;
    const pair: any = node.items.find((p: any) => isScalar(p.key) && String(p.key.value) === part);
    if (!pair) break;
    keyNode = pair.key;
    node = pair.value;
  }
  const target = key ? (keyNode ?? node) : (node ?? keyNode);
  const offset = target?.range?.[0];
  if (offset === undefined) return {};
  return lineCol(text, offset);
}

function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

async function validate(y: YamlFile, schema: object): Promise<void> {
  const { default: Ajv } = await import('ajv');
  const ajv = new (Ajv as any)({ allErrors: false, strict: false, verbose: true });
  if (ajv.validate(schema, y.data)) return;
  const e = ajv.errors[0];
  const extra = e.params?.additionalProperty;
  const pointer = extra ? `${e.instancePath}/${extra}` : e.instancePath;
  const where = positionOf(y, pointer, Boolean(extra));
  const what = extra
    ? `unknown key '${extra}'${e.instancePath ? ` in ${e.instancePath.slice(1)}` : ''}`
    : e.keyword === 'pattern' && e.parentSchema?.description
      ? `'${e.instancePath.slice(1)}' is ${JSON.stringify(e.data)}, but must be ${e.parentSchema.description}`
      : `${e.instancePath ? `'${e.instancePath.slice(1)}' ` : ''}${e.message}${e.params?.allowedValues ? `: ${e.params.allowedValues.join(', ')}` : ''}`;
  throw new ConfigError(what, y.file, where.line, where.col);
}

/** The rule table is loaded only when a config names rules: release and deploy read config without it. */
async function knownRules(): Promise<Set<string>> {
  const { RULES } = await import('../rules/index.js');
  return knownRuleNames(RULES);
}

async function readSlipway(file: string, within?: string): Promise<Config> {
  const y = readYaml(file, within);
  const data = y.data;
  await validate(y, CONFIG_SCHEMA);
  const known = await knownRules();
  for (const name of Object.keys(data.rules ?? {})) {
    if (!known.has(name.toLowerCase()) && !isShellcheckCode(name) && name.toLowerCase() !== 'shellcheck') {
      const where = positionOf(y, `/rules/${name}`, true);
      throw new ConfigError(`unknown rule '${name}'`, file, where.line, where.col);
    }
  }
  return {
    source: file,
    failureThreshold: data['failure-threshold'] ?? DEFAULT_CONFIG.failureThreshold,
    rules: data.rules ?? {},
    settings: {
      trustedRegistries: data['trusted-registries'] ?? [],
      labelSchema: data['label-schema'] ?? {},
      strictLabels: data['strict-labels'] ?? false,
      ...(data.deploy?.engine ? { deployEngine: data.deploy.engine } : {}),
    },
    ignore: data.ignore ?? [],
    ...(data.shellcheck !== undefined ? { shellcheck: shellcheckProgram(y, file, data.shellcheck) } : {}),
    ...(data.deploy ? { deploy: data.deploy } : {}),
    ...(data.release ? { release: checkRelease(y, data.release) } : {}),
  };
}

/** The release image must be a reference docker accepts, without a tag (its position on error). */
function checkRelease(y: YamlFile, release: ReleaseSection): ReleaseSection {
  if (release.image !== undefined) {
    const ref = parseImageRef(release.image);
    const problem = imageRefProblem(release.image) ?? (ref.tag !== null || ref.digest !== null ? 'give the repository without a tag or digest: release adds the tags' : null);
    if (problem) {
      const where = positionOf(y, '/release/image', false);
      throw new ConfigError(`release.image: ${problem}`, y.file, where.line, where.col);
    }
  }
  return release;
}

/** Maps hadolint's keys: ignored → off, override.<level> → severity, trustedRegistries, failure-threshold. */
async function readHadolint(file: string, within?: string): Promise<Config> {
  const y = readYaml(file, within);
  const data = y.data;
  await validate(y, HADOLINT_SCHEMA);
  const rules: Config['rules'] = {};
  const known = await knownRules();
  for (const level of ['error', 'warning', 'info', 'style'] as Severity[]) {
    for (const id of data.override?.[level] ?? []) if (known.has(String(id).toLowerCase()) || isShellcheckCode(String(id))) rules[id] = level;
  }
  for (const id of data.ignored ?? []) if (known.has(String(id).toLowerCase()) || isShellcheckCode(String(id))) rules[id] = 'off';
  const threshold: Threshold | undefined = data['no-fail']
    ? 'none'
    : data['failure-threshold'] === 'ignore'
      ? 'none'
      : data['failure-threshold'];
  return {
    source: file,
    failureThreshold: threshold ?? DEFAULT_CONFIG.failureThreshold,
    rules,
    settings: {
      trustedRegistries: data.trustedRegistries ?? [],
      labelSchema: data['label-schema'] ?? {},
      strictLabels: data['strict-labels'] ?? false,
    },
    ignore: [],
  };
}

/**
 * `shellcheck:` of .slipway.yaml. A config file comes with the project, and a checked project may be
 * hostile: the program must be an absolute path to a `shellcheck` outside the config's folder, so a
 * repository cannot make slipway run a program of its own (or python on its RUN texts).
 */
function shellcheckProgram(y: YamlFile, file: string, value: string | false): string | false {
  if (value === false) return false;
  const inside = (dir: string) => {
    const rel = relative(dir, value);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  const problem = !isAbsolute(value)
    ? 'must be an absolute path'
    : !/^shellcheck(\.exe)?$/i.test(basename(value))
      ? "must name a program called 'shellcheck'"
      : inside(dirname(file))
        ? "must not be inside the project (a checked repository could bring its own 'shellcheck')"
        : null;
  if (!problem) return value;
  const where = positionOf(y, '/shellcheck', false);
  throw new ConfigError(`'shellcheck' is '${value}', but ${problem}`, file, where.line, where.col);
}
