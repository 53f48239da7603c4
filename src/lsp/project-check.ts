// Checks a workspace folder as `slipway check .` run there would, with the unsaved texts of the open
// documents laid over the files on disk: editing a compose file changes what its Dockerfiles are told
// (shipped stage, healthcheck) and the other way round. Results are split per open document.
// Unchanged Dockerfiles keep their parse (shell included) from one keystroke to the next, and their rule
// findings while their shipped stage, facts and the rules stay the same: a keystroke in one file runs the
// Dockerfile rules of that file (and of those its change reaches) and the project rules.

import type { Config, Threshold } from '../config/config.js';
import { checkProject, fixProject, type DockerfileFindings, type ProjectCheckOptions } from '../engine/check-project.js';
import { activeRules } from '../engine/effective-rules.js';
import type { Dockerfile } from '../parse/dockerfile/model.js';
import { parseDockerfile } from '../parse/dockerfile/parse.js';
import { LineIndex } from '../parse/text.js';
import { buildProject, withTexts, type FileText } from '../project/build.js';
import { dockerfileFacts } from '../project/dockerfile-facts.js';
import type { ProjectFacts } from '../project/facts.js';
import { dockerfileTooBig } from '../project/limits.js';
import { ANALYZERS } from '../project/analyzers.js';
import type { DiskFacts } from '../project/disk-facts.js';
import { loadDiskFacts, loadDockerfileDiskFacts } from '../project/load-disk.js';
import type { ProjectModel, SourceFile } from '../project/model.js';
import { fromBytes } from '../project/read-file.js';
import { RULES } from '../rules/index.js';
import type { FileError, Finding } from '../types.js';
import { documentKind } from './document-kind.js';
import type { EditorSettings } from './settings.js';
import type { ShellcheckSetup } from './shellcheck.js';
import type { Workspace } from './workspace.js';

/** An open document as the worker knows it. */
export interface OpenDoc {
  uri: string;
  /** Absolute path (file: URIs only). */
  path: string;
  languageId: string;
  version: number;
  text: string;
}

/** One open document's share of a workspace check. */
export interface FileCheck {
  doc: OpenDoc;
  findings: Finding[];
  errors: FileError[];
  /** Findings less severe than this would not fail `slipway check` (shown as hints). */
  threshold: Threshold;
  /** For fixes and re-checks of a changed text; absent when the check could not run. */
  project?: ProjectModel;
  options?: ProjectCheckOptions;
  /** What stops work done with `options` (the check's own cancellation, then a code action's). */
  gate: Gate;
  /** How ShellCheck runs on this Dockerfile's scripts (null: not a Dockerfile, or `shellcheck: false`); its findings, once known. */
  shellcheck?: ShellcheckSetup | null;
  shellcheckFindings?: Finding[];
}

export interface Gate {
  cancelled: () => boolean;
}

/** A newer edit arrived: the check in progress is dropped (thrown between Dockerfiles, caught by the worker). */
export class Cancelled extends Error {
  override name = 'Cancelled';
}

/** A Dockerfile's parse, and its rule findings with what they were computed from. */
interface Parsed {
  text: string;
  df: Dockerfile;
  found?: { shipped: Dockerfile['shipped']; facts: string; factsObject: ProjectFacts; rules: string; result: DockerfileFindings };
  /** Its facts, for this file object, derived in `world`. */
  facts?: { file: SourceFile; world: World; facts: ProjectFacts };
}

/**
 * What a Dockerfile's facts are derived from besides its own file and parse: the disk facts object and
 * every other file (dockerfile-facts.ts reads the compose files, workflows, build scripts and disk facts
 * around a Dockerfile, never another Dockerfile's text). The same object while none of these changed.
 */
type World = { around: unknown[] };

const worlds = new WeakMap<Workspace, World>();

const parsedCache = new WeakMap<Workspace, Map<string, Parsed>>();

export async function checkWorkspace(ws: Workspace, docs: OpenDoc[], editor: EditorSettings, cancelled: () => boolean): Promise<FileCheck[]> {
  const gate: Gate = { cancelled };
  const config = await ws.loadConfig();
  if (!('rules' in config)) return docs.map((doc) => ({ doc, findings: [], errors: [{ ...config, file: ws.shown(doc.path) }], threshold: 'info', gate }));
  const threshold = editor.failureThreshold ?? config.failureThreshold;
  const disk = ws.diskFiles(config.ignore);
  const refused = new Map<string, FileError>();
  const open = new Map<string, OpenDoc>();
  for (const doc of docs) {
    const problem = refusal(doc);
    if (problem) refused.set(doc.path, { file: ws.shown(doc.path), line: 1, column: 1, message: problem });
    else open.set(doc.path, doc);
  }
  const files: FileText[] = [];
  for (const f of disk.files) {
    if (refused.has(f.absPath)) continue;
    const doc = open.get(f.absPath);
    files.push(doc ? { ...f, text: doc.text } : f);
  }
  const onDisk = new Set(disk.files.map((f) => f.absPath));
  for (const doc of open.values()) {
    const kind = documentKind(doc.path, doc.languageId);
    if (kind && !onDisk.has(doc.path)) files.push({ kind, path: ws.shown(doc.path), absPath: doc.path, text: doc.text });
  }
  if (cancelled()) throw new Cancelled();

  const world = { current: null as World | null };
  const options = optionsFor(config, editor, gate, parsedOf(ws), world);
  let project: ProjectModel;
  let result: { findings: Finding[]; errors: FileError[] };
  try {
    ({ project, world: world.current } = build(ws, files));
    result = checkProject(project, options);
  } catch (e) {
    if (e instanceof Cancelled) throw e;
    // A crashing rule is a bug in slipway: said where the user looks, never a dead server.
    const message = (e as Error)?.message ?? String(e);
    return docs.map((doc) => ({ doc, findings: [], errors: [{ file: ws.shown(doc.path), line: 1, column: 1, message }], threshold, gate }));
  }
  forgetTargeted(ws, project);
  gate.cancelled = () => false; // done: later fixes and re-checks answer to their own request
  const findingsOf = byFile(result.findings);
  const errorsOf = byFile(result.errors);
  return docs.map((doc) => {
    const path = ws.shown(doc.path);
    const refusedHere = refused.get(doc.path);
    if (refusedHere) return { doc, findings: [], errors: [refusedHere], threshold, gate };
    return {
      doc,
      findings: findingsOf.get(path) ?? [],
      errors: errorsOf.get(path) ?? [], // a refused copy on disk does not count: the editor's text does
      threshold,
      project,
      options,
      gate,
      shellcheck: documentKind(doc.path, doc.languageId) === 'dockerfile' && config.shellcheck !== false ? { binary: config.shellcheck ?? null, overrides: { ...config.rules, ...editor.rules } } : null,
    };
  });
}

/** Findings or errors by the file they are in (a workspace with every file open has thousands). */
function byFile<T extends { file: string }>(items: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const list = out.get(x.file);
    if (list) list.push(x);
    else out.set(x.file, [x]);
  }
  return out;
}

/** The text `check --fix` would write for this document (fixed point over the whole project), or null. */
export function fixAll(check: FileCheck): string | null {
  if (!check.project || !check.options) return null;
  const project = check.project;
  const changed = fixProject(project, check.options, (texts) => loadDiskFacts(withTexts(project, texts)));
  return changed.get(check.doc.path) ?? null;
}

/** The document's findings were its text this one (to verify a suggested edit does what it says). */
export function recheck(check: FileCheck, text: string): Finding[] | null {
  if (!check.project || !check.options) return null;
  const project = loadDiskFacts(withTexts(check.project, new Map([[check.doc.path, text]])));
  const path = project.files.find((f) => f.absPath === check.doc.path)?.path;
  try {
    return checkProject(project, check.options).findings.filter((f) => f.file === path);
  } catch (e) {
    if (e instanceof Cancelled) throw e;
    return null;
  }
}

/** The same caps as a file read from disk: size, NUL bytes, lines and shell operators of a Dockerfile. */
function refusal(doc: OpenDoc): string | null {
  const r = fromBytes(Buffer.from(doc.text));
  if (!r.ok) return r.message;
  return documentKind(doc.path, doc.languageId) === 'dockerfile' ? dockerfileTooBig(doc.text) : null;
}

/**
 * buildProject + loadDiskFacts, reusing the parse of each Dockerfile whose text did not change and
 * the disk facts read for earlier keystrokes (the workspace forgets them when the disk changes).
 */
function build(ws: Workspace, files: FileText[]): { project: ProjectModel; world: World } {
  const cache = parsedOf(ws);
  const project = buildProject(ws.root, [], { disk: ws.diskFacts() }); // every field a project has, then its files
  const seen = new Set<string>();
  for (const f of files) {
    const file = sourceFile(ws, f);
    project.files.push(file);
    if (f.kind !== 'dockerfile') continue;
    seen.add(f.absPath);
    let hit = cache.get(f.absPath);
    if (hit?.text !== f.text) cache.set(f.absPath, (hit = { text: f.text, df: parseDockerfile(f.text, f.path) }));
    project.dockerfiles.push({ file, df: hit.df });
  }
  for (const abs of cache.keys()) if (!seen.has(abs)) cache.delete(abs);
  const present = new Set(files.map((f) => f.absPath));
  const sources = sourcesOf(ws);
  for (const abs of sources.keys()) if (!present.has(abs)) sources.delete(abs);
  const world = worldOf(ws, project);
  loadDiskFactsFor(ws, project, world);
  return { project, world };
}

/** What the disk facts of a workspace were last loaded in full for (see loadDiskFactsFor). */
interface Loaded {
  world: World;
  disk: DiskFacts;
  /** How many build scripts the disk facts held after that load: they may name build contexts. */
  scripts: number;
  /** The Dockerfile parses whose own disk facts (COPY/ADD sources, copied manifests) are in `disk`. */
  parses: WeakSet<Dockerfile>;
}

const loadedCache = new WeakMap<Workspace, Loaded>();

/**
 * The disk facts a check of `project` reads. In a world where nothing but Dockerfile texts changed since
 * the last full load (the same disk facts object, every other file the same, the same Dockerfile paths),
 * everything loadDiskFacts reads from the project's paths, compose files, workflows and build scripts is
 * there already: only what follows from a changed Dockerfile's own COPY/ADD sources is loaded (what
 * loadDiskFacts itself does last for every Dockerfile; a Dockerfile whose parse is unchanged has its facts
 * in). A keystroke then reads no folder the project's other files lead to. A Dockerfile that copies a new
 * package.json adds a build script, which may name a build context: the next check loads in full.
 */
function loadDiskFactsFor(ws: Workspace, project: ProjectModel, world: World): void {
  const last = loadedCache.get(ws);
  const scripts = () => Object.keys(project.disk.buildScripts).length;
  if (last && last.world === world && last.disk === project.disk && last.scripts === scripts()) {
    // The analyzers first, as loadDiskFacts and the engine run them: parse errors keep their order.
    for (const analyze of ANALYZERS) analyze(project);
    for (const { file, df } of project.dockerfiles) {
      if (last.parses.has(df)) continue;
      loadDockerfileDiskFacts(project, file);
      last.parses.add(df);
    }
    return;
  }
  loadDiskFacts(project);
  const parses = new WeakSet<Dockerfile>();
  for (const { df } of project.dockerfiles) parses.add(df);
  loadedCache.set(ws, { world, disk: project.disk, scripts: scripts(), parses });
}

const sourcesCache = new WeakMap<Workspace, Map<string, SourceFile>>();

/**
 * The file as the last keystroke's project had it when its text (and name) did not change: views
 * derived from one file (a compose file's parse, a workflow's jobs) are kept per file object (memo.ts).
 */
function sourceFile(ws: Workspace, f: FileText): SourceFile {
  let sources = sourcesCache.get(ws);
  if (!sources) sourcesCache.set(ws, (sources = new Map()));
  const last = sources.get(f.absPath);
  if (last && last.text === f.text && last.path === f.path && last.kind === f.kind) return last;
  const file: SourceFile = { ...f, lines: new LineIndex(f.text) };
  sources.set(f.absPath, file);
  return file;
}

function sourcesOf(ws: Workspace): Map<string, SourceFile> {
  return sourcesCache.get(ws) ?? new Map();
}

/** The last check's world when nothing around the Dockerfiles changed, else a new one. */
function worldOf(ws: Workspace, project: ProjectModel): World {
  const around: unknown[] = [project.disk, JSON.stringify(project.environment)];
  for (const f of project.files) around.push(f.kind === 'dockerfile' ? f.absPath : f);
  const last = worlds.get(ws);
  if (last && last.around.length === around.length && last.around.every((x, i) => x === around[i])) return last;
  const world = { around };
  worlds.set(ws, world);
  return world;
}

function parsedOf(ws: Workspace): Map<string, Parsed> {
  let cache = parsedCache.get(ws);
  if (!cache) parsedCache.set(ws, (cache = new Map()));
  return cache;
}

/** A Dockerfile whose shipped stage a compose target moved is parsed afresh next time (the parse marks the last stage). */
function forgetTargeted(ws: Workspace, project: ProjectModel): void {
  for (const { file, df } of project.dockerfiles) if (df.shipped !== (df.stages.at(-1) ?? null)) parsedCache.get(ws)?.delete(file.absPath);
}

/**
 * As check.ts builds them for `slipway check .`, with the editor's rule levels over the config's; a
 * Dockerfile's findings are taken from the last check when its parse (so its text), shipped stage,
 * facts and the rules are the same (rules read nothing else: test/unit/rules-no-io.test.ts).
 */
function optionsFor(config: Config, editor: EditorSettings, gate: Gate, parsed: Map<string, Parsed>, world: { current: World | null }): ProjectCheckOptions {
  const rules = activeRules(RULES, { ...config.rules, ...editor.rules });
  const rulesKey = JSON.stringify([rules.map((r) => [r.rule.meta.id, r.severity]), config.settings]);
  return {
    rules,
    settings: config.settings,
    factsFor: (file, project) => {
      if (gate.cancelled()) throw new Cancelled(); // asked before each Dockerfile's rules
      // The same file object (so text), in the same world: the facts the last keystroke derived.
      const entry = parsed.get(file.absPath);
      const last = entry?.facts;
      if (last && last.file === file && last.world === world.current) return last.facts;
      const facts = dockerfileFacts(project, file);
      if (entry && world.current) entry.facts = { file, world: world.current, facts };
      return facts;
    },
    dockerfileFindings: (file, df, facts, run) => {
      const entry = parsed.get(file.absPath);
      if (entry?.df !== df) return run(); // a text being fixed or re-checked: not this keystroke's parse
      const last = entry.found;
      const kept = last && last.shipped === df.shipped && last.rules === rulesKey;
      if (kept && last.factsObject === facts) return last.result; // facts kept from the last keystroke: not even compared
      const text = JSON.stringify(facts);
      if (kept && last.facts === text) {
        last.factsObject = facts;
        return last.result;
      }
      entry.found = { shipped: df.shipped, facts: text, factsObject: facts, rules: rulesKey, result: run() };
      return entry.found.result;
    },
  };
}

/** The parsed Dockerfile of a checked document, if it is one. */
export function dockerfileOf(check: FileCheck): Dockerfile | undefined {
  return check.project?.dockerfiles.find((d) => d.file.absPath === check.doc.path)?.df;
}
