// The compose view of a project: every compose file parsed once, grouped into compose projects per
// folder (the base file + the override docker compose auto-loads), and merged by compose's rules.

import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { pathType } from '../../project/disk-facts.js';
import { memoized, memoizedPerFile } from '../../project/memo.js';
import { filesOfKind, type ProjectModel, type SourceFile } from '../../project/model.js';
import { dotenvMap } from '../dotenv.js';
import type { ComposeFile, ComposeProject, ComposeRole, ComposeService, LMap, LSeq, LValue, Loc } from './model.js';
import { asMap, dependsOnMap, entry, get, isLMap, isLScalar, isLSeq, isTrue, items, plain, str } from './values.js';
import { parseComposeYaml, type ParsedYaml } from './yaml.js';

export const BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
export const OVERRIDE_NAMES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];

export interface ComposeModel {
  files: ComposeFile[];
  projects: ComposeProject[];
  /** Interpolation problems (`${VAR:?msg}` unset, unterminated `${`), per file. */
  interpolationErrors: { loc: Loc; message: string }[];
}

/** The compose view of a project, built once per project object. */
export const composeOf = memoized((project: ProjectModel): ComposeModel => buildComposeModel(project));

function buildComposeModel(project: ProjectModel): ComposeModel {
  const model: ComposeModel = { files: [], projects: [], interpolationErrors: [] };
  const byDir = new Map<string, SourceFile[]>();
  for (const f of filesOfKind(project, 'compose')) {
    const dir = dirname(f.absPath);
    byDir.set(dir, [...(byDir.get(dir) ?? []), f]);
  }
  for (const [dir, sources] of byDir) {
    const env = interpolationEnv(project, dir);
    const envKey = JSON.stringify([...env]);
    const names = new Map(sources.map((s) => [basename(s.absPath), s]));
    const base = BASE_NAMES.map((n) => names.get(n)).find(Boolean);
    const override = base ? OVERRIDE_NAMES.map((n) => names.get(n)).find(Boolean) : undefined;
    const parsed = new Map<SourceFile, ComposeFile>();
    for (const s of sources) {
      const role: ComposeRole = s === base ? 'base' : OVERRIDE_NAMES.includes(basename(s.absPath)) ? 'override' : 'extra';
      const p = parsedCompose(s, envKey);
      project.errors.push(...p.errors);
      model.interpolationErrors.push(...p.interpolationErrors);
      const cf: ComposeFile = { file: s, doc: p.doc, value: p.value, root: isLMap(p.value) ? p.value : null, role, vars: p.vars };
      parsed.set(s, cf);
      model.files.push(cf);
    }
    const groups: ComposeFile[][] = [];
    if (base) groups.push([parsed.get(base)!, ...(override ? [parsed.get(override)!] : [])]);
    for (const s of sources) if (s !== base && s !== override) groups.push([parsed.get(s)!]);
    for (const files of groups) model.projects.push(mergeProject(dir, files, env));
  }
  return model;
}

/** A compose file parsed and interpolated with an environment (given as `[name, value][]` JSON): kept while its object is (memo.ts). */
const parsedCompose = memoizedPerFile((file: SourceFile, envKey: string): ParsedYaml => {
  const env = new Map<string, string>(JSON.parse(envKey) as [string, string][]);
  return parseComposeYaml(file, (name) => env.get(name));
});

/** The project's environment over the folder's .env (as compose: the shell wins). */
function interpolationEnv(project: ProjectModel, dir: string): Map<string, string> {
  const env = new Map<string, string>();
  const dotenv = projectIndex(project).files.get(join(dir, '.env'));
  if (dotenv) for (const [k, v] of dotenvMap(dotenv.text)) env.set(k, v);
  for (const [k, v] of Object.entries(project.environment)) env.set(k, v);
  return env;
}

function mergeProject(dir: string, files: ComposeFile[], env: Map<string, string>): ComposeProject {
  let merged: LMap | null = null;
  const keyLocs = new Map<string, Loc[]>();
  for (const f of files) {
    if (!f.root) continue;
    for (const [name, e] of entry(f.root, 'services')?.value.kind === 'map' ? (entry(f.root, 'services')!.value as LMap).entries : []) {
      keyLocs.set(name, [...(keyLocs.get(name) ?? []), e.keyLoc]);
    }
    merged = merged ? (mergeValues(merged, f.root, []) as LMap) : f.root;
  }
  const services: ComposeService[] = [];
  const svc = get(merged, 'services');
  if (isLMap(svc)) {
    for (const [name, e] of svc.entries) services.push({ name, value: isLMap(e.value) ? e.value : null, keyLocs: keyLocs.get(name) ?? [e.keyLoc] });
  }
  return { dir, files, merged, services, env };
}

const REPLACED = new Set(['command', 'entrypoint', 'healthcheck.test']);
const AS_MAP = new Set(['environment', 'labels', 'annotations', 'sysctls', 'build.args', 'build.labels', 'extra_hosts']);

/** Merges `over` into `base` per the Compose specification's merge rules. */
export function mergeValues(base: LValue, over: LValue, path: string[]): LValue {
  const svcKey = path[0] === 'services' && path.length >= 3 ? path.slice(2).join('.') : '';
  if (svcKey && REPLACED.has(svcKey)) return over;
  if (svcKey && AS_MAP.has(svcKey)) {
    const a = asMap(base);
    const b = asMap(over);
    if (a && b) return mergeMaps(a, b, path);
    return over;
  }
  if (svcKey === 'depends_on') {
    const a = dependsOnMap(base);
    const b = dependsOnMap(over);
    if (a && b) return mergeMaps(a, b, path);
    return over;
  }
  if (isLMap(base) && isLMap(over)) return mergeMaps(base, over, path);
  if (isLSeq(base) && isLSeq(over)) {
    if (svcKey === 'volumes') return mergeByKey(base, over, (v) => volumeTarget(v));
    return mergeByKey(base, over, (v) => JSON.stringify(plain(v)));
  }
  // Scalars (and type changes): the override wins; a null override keeps nothing.
  return over;
}

function mergeMaps(a: LMap, b: LMap, path: string[]): LMap {
  const out: LMap = { kind: 'map', entries: new Map(a.entries), loc: b.loc };
  for (const [k, e] of b.entries) {
    const prev = out.entries.get(k);
    out.entries.set(k, prev ? { key: k, keyLoc: e.keyLoc, value: mergeValues(prev.value, e.value, [...path, k]) } : e);
  }
  return out;
}

/** Appends `over`'s items to `base`'s; an item whose key is already there replaces it. */
function mergeByKey(base: LSeq, over: LSeq, keyOf: (v: LValue) => string): LSeq {
  const out = [...base.items];
  const index = new Map(out.map((v, i) => [keyOf(v), i]));
  for (const item of over.items) {
    const k = keyOf(item);
    const at = index.get(k);
    if (at !== undefined) out[at] = item;
    else {
      index.set(k, out.length);
      out.push(item);
    }
  }
  return { kind: 'seq', items: out, loc: over.loc };
}

/** The container path of a volume (short `src:dst[:mode]` or long `{target}`). */
export function volumeTarget(v: LValue): string {
  if (isLMap(v)) return str(get(v, 'target')) ?? JSON.stringify(plain(v));
  const s = str(v) ?? '';
  const parts = splitVolume(s);
  return parts.target;
}

/** Splits a short volume spec, keeping Windows drive letters together. */
export function splitVolume(s: string): { source: string | null; target: string; mode: string | null } {
  const parts = s.split(':');
  if (parts.length >= 2 && /^[A-Za-z]$/.test(parts[0]!) && /^[\\/]/.test(parts[1]!)) parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
  if (parts.length === 1) return { source: null, target: parts[0]!, mode: null };
  return { source: parts[0]!, target: parts[1]!, mode: parts.length > 2 ? parts.slice(2).join(':') : null };
}

/** The Dockerfile a service builds: absolute path (or `inline` text, path ''), or null (no build, a remote context). */
export type ServiceDockerfile = { path: string; context: string; build: LValue; inline?: string };

/** serviceDockerfile's answers per service node and compose folder (asked for every Dockerfile of a project, and kept by the editor while the compose file is unchanged). */
const SERVICE_DOCKERFILES = new WeakMap<LMap, Map<string, ServiceDockerfile | null>>();

export function serviceDockerfile(composeDir: string, service: LMap | null): ServiceDockerfile | null {
  if (!service) return null;
  let byDir = SERVICE_DOCKERFILES.get(service);
  if (!byDir) SERVICE_DOCKERFILES.set(service, (byDir = new Map()));
  let found = byDir.get(composeDir);
  if (found === undefined) byDir.set(composeDir, (found = findServiceDockerfile(composeDir, service)));
  return found;
}

function findServiceDockerfile(composeDir: string, service: LMap): ServiceDockerfile | null {
  const build = get(service, 'build');
  if (!build) return null;
  let context: string | undefined;
  let dockerfile: string | undefined;
  if (isLScalar(build)) context = str(build);
  else if (isLMap(build)) {
    const inline = str(get(build, 'dockerfile_inline'));
    if (inline !== undefined) return { path: '', context: resolve(composeDir, str(get(build, 'context')) || '.'), build, inline };
    context = str(get(build, 'context')) ?? '.';
    dockerfile = str(get(build, 'dockerfile'));
  } else return null;
  if (context === undefined) return null;
  if (!context) context = '.';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(context) || /^git@/.test(context) || /^github\.com\//.test(context)) return null;
  const ctx = resolve(composeDir, context);
  const df = dockerfile ? (isAbsolute(dockerfile) ? dockerfile : resolve(ctx, dockerfile)) : join(ctx, 'Dockerfile');
  return { path: df, context: ctx, build };
}

const INDEX = new WeakMap<ProjectModel, { files: Map<string, SourceFile>; dirs: Set<string> }>();

/** The project's files by absolute path, and every folder that holds one (built once per project). */
export function projectIndex(project: ProjectModel): { files: Map<string, SourceFile>; dirs: Set<string> } {
  let index = INDEX.get(project);
  if (!index) {
    index = { files: new Map(), dirs: new Set() };
    for (const f of project.files) {
      index.files.set(f.absPath, f);
      for (let d = dirname(f.absPath); !index.dirs.has(d); d = dirname(d)) {
        index.dirs.add(d);
        if (dirname(d) === d) break;
      }
    }
    INDEX.set(project, index);
  }
  return index;
}

/** Something is at the path: one of the project's files, or on disk (as the disk facts say). */
export function fileExists(project: ProjectModel, absPath: string): boolean {
  return projectIndex(project).files.has(absPath) || pathType(project.disk, absPath) !== 'missing';
}

/** A folder is at the path: one that holds a project file, or one on disk (as the disk facts say). */
export function dirExists(project: ProjectModel, absPath: string): boolean {
  return projectIndex(project).dirs.has(absPath) || pathType(project.disk, absPath) === 'dir';
}

/** A healthcheck that is defined and not disabled. */
export function hasHealthcheck(service: LMap | null): boolean {
  const hc = get(service, 'healthcheck');
  if (!isLMap(hc)) return false;
  if (isTrue(get(hc, 'disable'))) return false;
  const test = get(hc, 'test');
  const first = isLSeq(test) ? str(items(test)[0]) : str(test);
  if (first !== undefined && first.trim().toUpperCase() === 'NONE') return false;
  return test !== undefined;
}

/**
 * Whether a compose service built from this Dockerfile (or running the image such a service
 * builds) defines a healthcheck that is not disabled.
 */
/** The `build.target`s the services that build this Dockerfile set outside an override file (distinct, in order). */
export function composeTargetsFor(project: ProjectModel, dockerfileAbsPath: string): readonly string[] {
  return targetsByDockerfile(composeOf(project)).get(resolve(dockerfileAbsPath)) ?? [];
}

const TARGETS = new WeakMap<ComposeModel, Map<string, string[]>>();

/** Every built Dockerfile's targets (see composeTargetsFor), in one pass over the services: asked for every Dockerfile of a project. */
function targetsByDockerfile(model: ComposeModel): Map<string, string[]> {
  let byPath = TARGETS.get(model);
  if (byPath) return byPath;
  byPath = new Map();
  for (const p of model.projects) {
    for (const s of p.services) {
      const df = s.value ? serviceDockerfile(p.dir, s.value) : null;
      if (!df || df.inline || !isLMap(df.build)) continue;
      const node = get(df.build, 'target');
      // A development override's target (`dev`) says nothing about the image that ships.
      if (!node || /\.override\./.test(basename(node.loc.file.path))) continue;
      const target = str(node);
      // Nor does a development target (`development`, `dev`, `debug`): compose runs it locally, the last stage ships.
      if (target && /^(dev|devel|develop|development|debug|local)$/i.test(target)) continue;
      const targets = byPath.get(df.path) ?? [];
      if (target && !targets.includes(target)) byPath.set(df.path, [...targets, target]);
    }
  }
  TARGETS.set(model, byPath);
  return byPath;
}

export function composeHealthcheckFor(project: ProjectModel, dockerfileAbsPath: string): boolean {
  const target = resolve(dockerfileAbsPath);
  const model = composeOf(project);
  const images = new Set<string>();
  const candidates: LMap[] = [];
  for (const p of model.projects) {
    for (const s of p.services) {
      if (!s.value) continue;
      const df = serviceDockerfile(p.dir, s.value);
      if (df && !df.inline && df.path === target) {
        candidates.push(s.value);
        const image = str(get(s.value, 'image'));
        if (image) images.add(image);
      }
    }
  }
  if (candidates.some(hasHealthcheck)) return true;
  if (!images.size) return false;
  for (const p of model.projects) {
    for (const s of p.services) if (s.value && images.has(str(get(s.value, 'image')) ?? '') && hasHealthcheck(s.value)) return true;
  }
  return false;
}
