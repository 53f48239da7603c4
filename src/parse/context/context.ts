// The build context of each Dockerfile: its folder, the .dockerignore that applies, and exactly
// which files Docker would send. The listing itself is a disk fact (src/project/load-disk.ts lists
// each planned context once, before the rules run); this view only reads it.

import { basename, dirname, join, posix, relative, resolve, sep } from 'node:path';
import { composeOf, serviceDockerfile } from '../compose/project.js';
import { workflowOf } from '../workflow/view.js';
import type { Dockerfile } from '../dockerfile/model.js';
import { outlineOf, type DockerfileOutline } from '../dockerfile/outline.js';
import { dockerfileOutline } from '../../project/dockerfile-entry.js';
import { memoized } from '../../project/memo.js';
import { listingOf, pathType, type DiskFacts } from '../../project/disk-facts.js';
import type { ProjectModel, SourceFile } from '../../project/model.js';
import { LineIndex } from '../text.js';
import type { FileError } from '../../types.js';
import { buildsInScript, devcontainerBuild, makefileRecipes, packageScripts } from './build-commands.js';
import { ignoreMatcher, type IgnoreMatcher } from './dockerignore.js';
import type { ContextEntry } from './entries.js';
import { entryAt } from './entries-matching.js';


export interface DockerignoreInfo {
  absPath: string;
  /** As shown to the user. */
  path: string;
  text: string;
  lines: LineIndex;
  /** The project's own file when it was discovered (then TextEdits on it can be applied). */
  file: SourceFile | null;
  matcher: IgnoreMatcher;
  /** `Dockerfile.dockerignore` next to the Dockerfile (BuildKit prefers it), or `<context>/.dockerignore`. */
  perDockerfile: boolean;
}

export interface BuildContext {
  /** Absolute folder. */
  dir: string;
  /** The folder as shown to the user (`.`, `services/api`). */
  path: string;
  dockerfile: SourceFile | null;
  /** The Dockerfile's model (read lazily: after a check released it, this parses it again; prefer `outline`). */
  readonly df: Dockerfile | null;
  /** What the project-level rules read of the Dockerfile: kept when a check released its model. */
  readonly outline: DockerfileOutline | null;
  /** The project's Dockerfile (with what a check kept of it), when the context comes from a project. */
  source: DockerfileSource | null;
  dockerignore: DockerignoreInfo | null;
  /** Everything found, sent or excluded, sorted by path. */
  entries: ContextEntry[];
  /** Files and symlinks Docker sends (folders left out), sorted by path. */
  files: ContextEntry[];
  /** Bytes of `files`. */
  totalSize: number;
  /** The listing stopped early (huge tree): absence of a file proves nothing. */
  truncated: boolean;
  /** A compose file, workflow or build script names this context; false: the Dockerfile's folder, by default. */
  named: boolean;
  /** A context-relative path as shown to the user. */
  shown(rel: string): string;
  entry(rel: string): ContextEntry | undefined;
  /** Is the path (or a parent) left out by the .dockerignore? */
  ignores(rel: string): boolean;
  /** The text of a file whose content matters (`.npmrc`, `.env`) as the disk facts hold it; null when not read whole (cut, unreadable, not looked at). */
  head(rel: string): string | null;
}

/** A project's Dockerfile: its file, and its model on demand (src/project/dockerfile-entry.ts). */
export interface DockerfileSource {
  readonly file: SourceFile;
  readonly df: Dockerfile;
}

/** A build context to list: its folder and the Dockerfile built with it. */
export interface ContextPlan {
  dir: string;
  shownDir: string;
  /** Absolute path of the Dockerfile (its `<name>.dockerignore` wins), when there is one. */
  dockerfileAbs?: string;
  dockerfile?: SourceFile | null;
  df?: Dockerfile | null;
  /** The project's Dockerfile: its model is read from it only when asked. */
  source?: DockerfileSource | null;
  /** A compose file, workflow or build script names this context (else it is the Dockerfile's folder by default). */
  named?: boolean;
}

export interface ContextOptions extends ContextPlan {
  /** Text of a file the caller already has (a discovered .dockerignore, maybe edited by --fix). */
  known?: (absPath: string) => SourceFile | undefined;
  errors: FileError[];
}

/** Where BuildKit looks for the .dockerignore, in order: `<Dockerfile>.dockerignore`, then `<context>/.dockerignore`. */
export function dockerignoreCandidates(plan: ContextPlan): { abs: string; perDockerfile: boolean; shownPath: string }[] {
  const dir = shownFolder(plan.shownDir);
  const shown = (rel: string) => shownPath(dir, rel);
  const out: { abs: string; perDockerfile: boolean; shownPath: string }[] = [];
  if (plan.dockerfileAbs) {
    const abs = `${plan.dockerfileAbs}.dockerignore`;
    const shownDf = plan.dockerfile?.path;
    out.push({ abs, perDockerfile: true, shownPath: shownDf ? `${shownDf}.dockerignore` : shown(basename(abs)) });
  }
  out.push({ abs: join(plan.dir, '.dockerignore'), perDockerfile: false, shownPath: shown('.dockerignore') });
  return out;
}

/** The .dockerignore text a context is listed with (null: none): a project file's text, else what the disk facts read. */
export function dockerignoreTextOf(plan: ContextPlan, disk: DiskFacts, known?: (absPath: string) => SourceFile | undefined): string | null {
  for (const c of dockerignoreCandidates(plan)) {
    const file = known?.(c.abs);
    if (file) return file.text;
    const r = disk.dockerignores[c.abs];
    if (r?.ok) return r.text;
  }
  return null;
}

/** The folder as shown: no trailing slash, `.` for the checked folder. */
const shownFolder = (dir: string) => dir.replace(/\/+$/, '') || '.';

/** A path relative to the shown folder `dir`, as shown to the user. */
const shownPath = (dir: string, rel: string) => (rel === '' || rel === '.' ? dir : dir === '.' ? rel : `${dir}/${rel}`);

/** The context as the disk facts describe it (listed by src/project/load-disk.ts); pure. */
export function computeContext(opts: ContextOptions, disk: DiskFacts): BuildContext {
  const shownDir = shownFolder(opts.shownDir);
  const pushError = (e: FileError) => {
    if (!opts.errors.some((x) => x.file === e.file && x.line === e.line && x.column === e.column && x.message === e.message)) opts.errors.push(e);
  };
  const dockerignore = findDockerignore(opts, disk, pushError);
  const walk = listingOf(disk, opts.dir, dockerignore?.text ?? null) ?? { entries: [], errors: [], truncated: false };
  const context = new ListedContext(opts, disk, shownDir, dockerignore, walk);
  for (const e of walk.errors) pushError({ file: context.shown(e.path), line: 1, column: 1, message: `build context: ${e.message}` });
  return context;
}

/**
 * One context: its methods on the prototype, not closures of its own, so that a check of many Dockerfiles
 * (one context each, held to the end for the project rules) keeps a few fields per context (issue 15).
 */
class ListedContext implements BuildContext {
  readonly dir: string;
  readonly path: string;
  readonly dockerfile: SourceFile | null;
  readonly source: DockerfileSource | null;
  readonly dockerignore: DockerignoreInfo | null;
  readonly entries: ContextEntry[];
  readonly files: ContextEntry[];
  readonly totalSize: number;
  readonly truncated: boolean;
  readonly named: boolean;
  readonly #opts: ContextOptions;
  readonly #disk: DiskFacts;

  constructor(opts: ContextOptions, disk: DiskFacts, shownDir: string, dockerignore: DockerignoreInfo | null, walk: { entries: ContextEntry[]; truncated: boolean }) {
    const { files, totalSize } = sentOf(walk.entries);
    this.dir = opts.dir;
    this.path = shownDir;
    this.dockerfile = opts.dockerfile ?? null;
    this.source = opts.source ?? null;
    this.dockerignore = dockerignore;
    this.entries = walk.entries;
    this.files = files;
    this.totalSize = totalSize;
    this.truncated = walk.truncated;
    this.named = opts.named ?? false;
    this.#opts = opts;
    this.#disk = disk;
  }

  get df(): Dockerfile | null {
    const opts = this.#opts;
    return opts.source ? opts.source.df : (opts.df ?? null);
  }

  get outline(): DockerfileOutline | null {
    const opts = this.#opts;
    return opts.source ? dockerfileOutline(opts.source) : opts.df ? outlineOf(opts.df) : null;
  }

  shown(rel: string): string {
    return shownPath(this.path, rel);
  }

  entry(rel: string): ContextEntry | undefined {
    return entryAt(this.entries, rel);
  }

  ignores(rel: string): boolean {
    return this.dockerignore ? this.dockerignore.matcher.ignores(rel) : false;
  }

  head(rel: string): string | null {
    return this.#disk.heads[join(this.dir, rel)] ?? null;
  }
}

/**
 * What a listing sends: kept per listing (many contexts are listed from the same folder with the same
 * .dockerignore). No index by path: `entry` searches the sorted listing (a Map per listing was ~0.3 kB per
 * Dockerfile held to the end of a check, issue 15), and a listing that sends all it holds is its own `files`.
 */
const SENT = new WeakMap<ContextEntry[], { files: ContextEntry[]; totalSize: number }>();

function sentOf(entries: ContextEntry[]): { files: ContextEntry[]; totalSize: number } {
  let sent = SENT.get(entries);
  if (!sent) {
    let files = entries.filter((e) => !e.excluded && (e.type === 'file' || e.type === 'symlink'));
    if (files.length === entries.length) files = entries;
    sent = { files, totalSize: files.reduce((n, f) => n + f.size, 0) };
    SENT.set(entries, sent);
  }
  return sent;
}

function findDockerignore(opts: ContextOptions, disk: DiskFacts, pushError: (e: FileError) => void): DockerignoreInfo | null {
  for (const c of dockerignoreCandidates(opts)) {
    const file = opts.known?.(c.abs) ?? null;
    let text: string;
    if (file) text = file.text;
    else {
      // A FIFO or a link out of the folder is not read (the error says so; docker would hang on it too).
      const r = disk.dockerignores[c.abs];
      if (!r) continue;
      if (!r.ok) {
        if (r.code !== 'missing') pushError({ file: c.shownPath, line: 1, column: 1, message: r.message });
        continue;
      }
      text = r.text;
    }
    const matcher = ignoreMatcher(text);
    const lines = file?.lines ?? new LineIndex(text);
    for (const p of matcher.invalid) {
      const pos = lines.positionAt(p.start);
      pushError({ file: file?.path ?? c.shownPath, line: pos.line, column: pos.column, message: `syntax error in pattern '${p.text}': docker build refuses this .dockerignore` });
    }
    return { absPath: c.abs, path: file?.path ?? c.shownPath, text, lines, file, matcher, perDockerfile: c.perDockerfile };
  }
  return null;
}

/**
 * Every Dockerfile's build context, once per project. The context is whatever builds the
 * Dockerfile says it is — a compose service's `build.context` (with `dockerfile:`), a workflow's
 * `context:`/`file:` or `docker build -f`'s operand — and the Dockerfile's folder only when nothing
 * in the project builds it. A context outside the checked folder is not listed (slipway reads only
 * the project). Dockerfiles that are not on disk (standard input, in-memory projects) have none.
 */
export function contextsOf(project: ProjectModel): BuildContext[] {
  let all = allContexts.get(project);
  if (!all) allContexts.set(project, (all = project.dockerfiles.flatMap((entry) => contextsFrom(project, entry))));
  return all;
}
const allContexts = new WeakMap<ProjectModel, BuildContext[]>();

/** What every context of a project is made with: who builds each Dockerfile from where, and the project's own files by path. */
const contextInputs = memoized((project: ProjectModel) => {
  const byAbs = new Map(project.files.map((f) => [f.absPath, f]));
  const entries = new Map(project.dockerfiles.map((e) => [e.file, e]));
  return { builders: contextDirsByDockerfile(project), known: (abs: string) => byAbs.get(abs), entryOf: (file: SourceFile) => entries.get(file) };
});

/** One Dockerfile's contexts, made anew (their errors go to project.errors once: an error already there is not added again). */
export function contextsFrom(project: ProjectModel, entry: ProjectModel['dockerfiles'][number]): BuildContext[] {
  const { builders, known } = contextInputs(project);
  // Object.assign, not a spread: the plan's model is not read here.
  return plansOf(project, entry, builders).map((plan) => computeContext(Object.assign(plan, { known, errors: project.errors }), project.disk));
}

/**
 * Each Dockerfile's contexts, made when first asked and kept until `forgetContexts`: a check that streams
 * its Dockerfiles forgets them once the context rules judged them, so it never holds every context (issue 15).
 * A project whose contextsOf was asked answers from it.
 */
const contextsByFile = memoized(() => new Map<SourceFile, BuildContext[]>());
const groupedContexts = new WeakMap<ProjectModel, Map<SourceFile, BuildContext[]>>();

/** The contexts `file` is built with, in contextsOf's order. */
export function contextsFor(project: ProjectModel, file: SourceFile): readonly BuildContext[] {
  if (allContexts.has(project)) return groupedOf(project).get(file) ?? [];
  const memo = contextsByFile(project);
  let list = memo.get(file);
  if (!list) {
    const entry = contextInputs(project).entryOf(file);
    memo.set(file, (list = entry ? contextsFrom(project, entry) : []));
  }
  return list;
}

/** Drops what contextsFor keeps of `file` (asked again, its contexts are made again, the same). */
export function forgetContexts(project: ProjectModel, file: SourceFile): void {
  contextsByFile(project).delete(file);
}

/** contextsOf grouped by Dockerfile, once per project: a scan of every context for each Dockerfile was quadratic in Dockerfiles. */
function groupedOf(project: ProjectModel): Map<SourceFile, BuildContext[]> {
  let map = groupedContexts.get(project);
  if (!map) {
    map = new Map();
    for (const c of contextsOf(project)) {
      if (!c.dockerfile) continue;
      const list = map.get(c.dockerfile);
      if (list) list.push(c);
      else map.set(c.dockerfile, [c]);
    }
    groupedContexts.set(project, map);
  }
  return map;
}

/** The contexts to list: one per Dockerfile on disk and folder it is built from. */
export function contextPlans(project: ProjectModel): ContextPlan[] {
  const builders = contextInputs(project).builders;
  return project.dockerfiles.flatMap((entry) => plansOf(project, entry, builders));
}

function plansOf(project: ProjectModel, entry: ProjectModel['dockerfiles'][number], builders: Map<string, string[]>): ContextPlan[] {
  const file = entry.file;
  if (file.path === '-' || pathType(project.disk, file.absPath) === 'missing') return [];
  const own = dirname(file.absPath);
  const dirs = builders.get(file.absPath) ?? [own];
  return dirs.map((dir) => {
    const rel = relative(own, dir).split(sep).join('/');
    return {
      dir,
      shownDir: posix.normalize(posix.join(posix.dirname(file.path.split('\\').join('/')), rel || '.')),
      dockerfileAbs: file.absPath,
      dockerfile: file,
      source: entry,
      named: builders.has(file.absPath),
    };
  });
}

/** Dockerfile (absolute) → the context folders the project's compose files and workflows build it with. */
function contextDirsByDockerfile(project: ProjectModel): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const root = resolve(project.root);
  const add = (dockerfile: string, dir: string) => {
    const inside = dir === root || dir.startsWith(root + sep);
    if (!inside) return;
    const dirs = map.get(dockerfile) ?? [];
    if (!dirs.includes(dir)) dirs.push(dir);
    map.set(dockerfile, dirs);
  };
  for (const p of composeOf(project).projects) {
    for (const s of p.services) {
      const df = s.value ? serviceDockerfile(p.dir, s.value) : null;
      if (df && !df.inline) add(df.path, df.context);
    }
  }
  for (const b of scriptBuilds(project.disk)) add(b.file, b.context);
  for (const wf of workflowOf(project).files) {
    // Workflow paths are relative to the repository root: the folder that holds .github/workflows.
    const repo = dirname(dirname(dirname(wf.file.absPath)));
    for (const b of wf.jobs.flatMap((j) => j.builds)) {
      if (b.context === null || b.file === null) continue;
      const dir = resolve(repo, b.context || '.');
      add(b.file ? resolve(repo, b.file) : join(dir, 'Dockerfile'), dir);
    }
  }
  return map;
}

/** The builds the project's Makefiles, package.json scripts and dev containers run (absolute paths). */
function scriptBuilds(disk: DiskFacts): { file: string; context: string }[] {
  const out: { file: string; context: string }[] = [];
  for (const [abs, read] of Object.entries(disk.buildScripts)) {
    if (!read.ok) continue;
    const dir = dirname(abs);
    const name = basename(abs);
    if (name.endsWith('devcontainer.json')) {
      const b = devcontainerBuild(read.text);
      if (b) out.push({ file: resolve(dir, b.file ?? 'Dockerfile'), context: resolve(dir, b.context) });
      continue;
    }
    const scripts = name === 'package.json' ? packageScripts(read.text) : makefileRecipes(read.text);
    for (const b of scripts.flatMap(buildsInScript)) {
      const context = resolve(dir, b.context);
      out.push({ file: b.file === null ? join(context, 'Dockerfile') : resolve(dir, b.file), context });
    }
  }
  return out;
}

/** `1.5 MB`, decimal units as docker prints them. */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let n = bytes;
  let u = 0;
  while (n >= 1000 && u < units.length - 1) {
    n /= 1000;
    u++;
  }
  return u === 0 ? `${n} B` : `${n < 10 ? n.toFixed(1) : Math.round(n)} ${units[u]}`;
}
