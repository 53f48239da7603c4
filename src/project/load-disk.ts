// Loads the disk facts a check needs (disk-facts.ts), once, before the rules run: the only I/O of a
// check besides reading the project's files. Files are read through the safe reader (read-file.ts)
// and git runs through src/git.ts. What to look at follows from the parsed project (compose build
// paths, env_file, build contexts, ADD sources), so this runs on a built project; a fact already in
// `project.disk` is not read again (the --fix passes reuse them and load only what new texts need).

import { readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { gitTrackedFiles } from '../git.js';
import { composeOf, serviceDockerfile } from '../parse/compose/project.js';
import { get, isLMap, items, str } from '../parse/compose/values.js';
import { computeContext, contextPlans, contextsFor, dockerignoreCandidates, type BuildContext, type ContextOptions, type ContextPlan } from '../parse/context/context.js';
import { ignoreMatcher } from '../parse/context/dockerignore.js';
import type { WalkResult } from '../parse/context/entries.js';
import { isEnvDocName } from '../parse/credentials.js';
import { foldersUpTo, missingSources } from '../parse/context/missing-sources.js';
import { ANALYZERS } from './analyzers.js';
import { BAKE_FILE_NAMES } from './bake-files.js';
import { copiedManifests } from './copied-manifests.js';
import { addSourcesOf } from './dockerfile-facts.js';
import { emptyDiskFacts, ENV_TEMPLATE_NAMES, findListing, HEAD_BYTES, needsHead, type DiskFacts, type FileRead, type PathType } from './disk-facts.js';
import type { DiskUses } from './disk-uses.js';
import { loadProjectFacts } from './load-facts.js';
import type { ProjectModel, SourceFile } from './model.js';
import { NO_SUCH_FILE, readProjectFile, type ReadOptions } from './read-file.js';
import { sourceKind } from './source-kind.js';
import { walkContext } from './walk-context.js';
import { FolderNames } from './folder-names.js';

export interface LoadOptions {
  /**
   * false: leave out what needs the Dockerfiles' models (their COPY/ADD sources); the caller then
   * calls loadDockerfileDiskFacts for each Dockerfile before its rules (a check that parses one at a time).
   */
  models?: boolean;
  /** The folder listings to share with the loadDockerfileDiskFacts calls that follow (one load: one listing per folder). */
  names?: FolderNames;
  /** A streamed check's record of which Dockerfile reads each fact last, to drop it after that one (disk-uses.ts). */
  uses?: DiskUses;
}

/** Fills `project.disk` with what the project's checks will ask; returns the project. */
export function loadDiskFacts(project: ProjectModel, options: LoadOptions = {}): ProjectModel {
  // The analyzers first, as the engine runs them: parse errors keep their order in the report.
  for (const analyze of ANALYZERS) analyze(project);
  const disk = project.disk;
  const names = options.names ?? new FolderNames();
  const uses = options.uses;
  // What the project rules read after the Dockerfiles is pinned: never dropped by a streamed check.
  const stat = (abs: string) => {
    statOnce(disk, abs, names);
    uses?.pin('paths', abs);
  };
  for (const { file } of project.dockerfiles) {
    if (file.path !== '-') {
      statOnce(disk, file.absPath, names);
      uses?.use('paths', file.absPath, file);
    }
    // Requirements files are per folder (standard input's: the current folder's, as check has always done).
    const dir = dirname(file.absPath);
    if (!(dir in disk.python)) {
      const facts = loadProjectFacts(dir);
      disk.python[dir] = { dependencies: facts.pythonDependencies, sources: facts.pythonDependencySources };
    }
    uses?.use('python', dir, file);
  }
  loadEnvFacts(project, disk);
  for (const p of composeOf(project).projects) {
    for (const s of p.services) {
      const built = s.value ? serviceDockerfile(p.dir, s.value) : null;
      if (built && built.inline === undefined) {
        stat(built.context);
        stat(built.path);
      }
      const envFile = get(s.value, 'env_file');
      for (const e of envFile && envFile.kind === 'seq' ? items(envFile) : envFile ? [envFile] : []) {
        const path = isLMap(e) ? str(get(e, 'path')) : str(e);
        const abs = path && resolve(p.dir, path);
        // env_file: /dev/zero, a FIFO or a link to ~/.ssh is not read.
        if (abs && !(abs in disk.envFiles)) disk.envFiles[abs] = read(abs, { within: project.root });
      }
    }
    // Example env files under other names beside the compose file (`env-example-relational`), which discovery does not find.
    for (const abs of envDocsIn(p.dir)) if (!(abs in disk.envFiles)) disk.envFiles[abs] = read(abs, { within: project.root });
  }
  for (const f of project.files) if (f.kind === 'compose') for (const name of ENV_TEMPLATE_NAMES) stat(join(dirname(f.absPath), name));
  loadBuildScripts(project, disk, names);
  if (project.files.some((f) => f.kind === 'compose')) loadTestScripts(resolve(project.root), disk);
  const known = new Map(project.files.map((f) => [f.absPath, f]));
  // Each context's listing, and the heads and magic bytes its sent files need. The contexts themselves are made
  // at their Dockerfile's turn (contextsFor): a streamed check holds a few at a time, and their errors (an
  // unreadable .dockerignore, a bad pattern) take their place in the report then, in the contexts' order.
  const headsRead = new Map<WalkResult, string[]>();
  for (const plan of contextPlans(project)) {
    const walk = loadContextListing(plan, disk, (abs) => known.get(abs), undefined, names, uses);
    let heads = headsRead.get(walk);
    if (!heads) headsRead.set(walk, (heads = readHeads(plan.dir, walk, disk)));
    if (uses && plan.dockerfile) for (const abs of heads) uses.use('heads', abs, plan.dockerfile);
  }
  if (options.models !== false) for (const { file } of project.dockerfiles) loadDockerfileDiskFacts(project, file, names);
  return project;
}

/** The heads of the files a listing sends whose content matters (`.env`, `.npmrc`, keys); returns their paths. */
function readHeads(dir: string, walk: WalkResult, disk: DiskFacts): string[] {
  const read: string[] = [];
  for (const e of walk.entries) {
    if (e.type !== 'file' || e.excluded || !needsHead(basename(e.path))) continue; // before the path is joined: most contexts share a big listing
    const abs = join(dir, e.path);
    read.push(abs);
    if (!(abs in disk.heads)) {
      const r = readProjectFile(abs, { within: dir, maxBytes: HEAD_BYTES, head: true, allowBinary: true });
      // A head cut at HEAD_BYTES, or unreadable, is unknown (null), never clean: a .env can hold its
      // secret after 64 KiB of comments, a combined .pem its private key after 64 KiB of certificates.
      disk.heads[abs] = r.ok && r.bytes.length < HEAD_BYTES ? r.text : null;
    }
  }
  return read;
}

/**
 * The disk facts that follow from one Dockerfile's COPY/ADD sources (so from its model): where its
 * missing sources are, the app manifests it copies, what its ADD sources are. Every other disk fact,
 * its contexts' listings included, is loaded already (loadDiskFacts).
 */
export function loadDockerfileDiskFacts(project: ProjectModel, file: SourceFile, names = new FolderNames(), uses?: DiskUses): void {
  const disk = project.disk;
  loadSourceFallbacks(project, disk, file, names, uses);
  // The app manifests the Dockerfile copies (evidence of what its image is for), wherever they are in its contexts.
  const copied = copiedManifests(project, file);
  if (copied) {
    for (const abs of copied.node) if (!(abs in disk.buildScripts)) disk.buildScripts[abs] = read(abs, { within: resolve(project.root), maxBytes: SCRIPT_BYTES });
    for (const abs of copied.go) if (!(abs in disk.goMods)) disk.goMods[abs] = read(abs, { within: resolve(project.root), maxBytes: SCRIPT_BYTES });
    for (const dir of copied.pythonDirs) {
      uses?.use('python', dir, file);
      if (dir in disk.python) continue;
      const facts = loadProjectFacts(dir);
      disk.python[dir] = { dependencies: facts.pythonDependencies, sources: facts.pythonDependencySources };
    }
  }
  for (const { c, matches } of addSourcesOf(project, file)) {
    for (const e of matches) {
      if (e.type === 'dir') continue;
      const abs = join(c.dir, e.path);
      uses?.use('addKinds', abs, file);
      if (!(abs in disk.addKinds)) disk.addKinds[abs] = sourceKind(abs, c.dir);
    }
  }
}


const testScriptsWalked = new WeakSet<DiskFacts>();

/** A folder or script name that says tests: `scripts/e2e/cassandra.sh`, `test/run.sh`, `integration-test.sh`. */
const TEST_PATH = /(^|[/_.-])(e2e|tests?|integration|ci)([/_.-]|$)/i;
const SKIP_DIRS = new Set(['node_modules', 'vendor', '.git', 'dist', 'build', 'target']);
const MAX_TEST_SCRIPTS = 200;

/**
 * Shell scripts under test folders, down to four levels below the root (no links followed, at most 200
 * scripts of 1 MB): the compose files they start (`docker compose -f docker-compose/cassandra/v4/…`)
 * are test setups, not what a server runs.
 */
function loadTestScripts(root: string, disk: DiskFacts): void {
  // Once per disk facts, as every other fact: the language server keeps them between keystrokes (until the disk changes).
  if (testScriptsWalked.has(disk)) return;
  testScriptsWalked.add(disk);
  let found = 0;
  const walk = (dir: string, rel: string, depth: number): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (found >= MAX_TEST_SCRIPTS) return;
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory() && depth < 4 && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(join(dir, e.name), path, depth + 1);
      else if (e.isFile() && /\.(sh|bash)$/.test(e.name) && TEST_PATH.test(path)) {
        disk.testScripts[join(dir, e.name)] = read(join(dir, e.name), { within: root, maxBytes: SCRIPT_BYTES });
        found++;
      }
    }
  };
  walk(root, '', 0);
}

/** Regular files in `dir` named as env examples without the `.env` prefix: `env-example`, `env.sample`, `example.env`. */
function envDocsIn(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.filter((e) => e.isFile() && isEnvDocName(e.name)).map((e) => join(dir, e.name));
}

/**
 * Reads the .dockerignore of one context and lists the folder with it (for `slipway context` too).
 * The candidates are read in BuildKit's order until one is there. Returns the listing.
 */
export function loadContextListing(
  plan: ContextPlan,
  disk: DiskFacts,
  known?: (abs: string) => SourceFile | undefined,
  maxEntries?: number,
  names?: FolderNames,
  uses?: DiskUses,
): WalkResult {
  const user = uses && plan.dockerfile;
  let ignore: string | null = null;
  for (const c of dockerignoreCandidates(plan)) {
    const file = known?.(c.abs);
    if (file) {
      ignore = file.text;
      break;
    }
    if (!(c.abs in disk.dockerignores)) disk.dockerignores[c.abs] = read(c.abs, { within: dirname(c.abs) }, names);
    if (user) uses.use('dockerignores', c.abs, user);
    const r = disk.dockerignores[c.abs]!;
    if (r.ok) {
      ignore = r.text;
      break;
    }
  }
  let listing = findListing(disk, plan.dir, ignore);
  if (!listing) {
    listing = { dir: plan.dir, ignore, walk: walkContext(plan.dir, ignore === null ? null : ignoreMatcher(ignore), maxEntries) };
    disk.listings.push(listing);
  }
  if (user) uses.useListing(listing, user);
  return listing.walk;
}

/** One context listed from disk (`slipway context`): its facts loaded, then the view of them. */
export function listContext(opts: ContextOptions & { maxEntries?: number }): BuildContext {
  const disk = emptyDiskFacts();
  loadContextListing(opts, disk, opts.known, opts.maxEntries);
  return computeContext(opts, disk);
}

/** Files whose `docker build` may name a Dockerfile's context: make and npm scripts in its folder and above, dev containers. */
const SCRIPT_NAMES = ['Makefile', 'makefile', 'GNUmakefile', 'package.json'];
const SCRIPT_BYTES = 1024 * 1024;

function loadBuildScripts(project: ProjectModel, disk: DiskFacts, names: FolderNames): void {
  const root = resolve(project.root);
  // An absent file is not even noted: its path, held to the end of the load, was ~3 kB of garbage per
  // Dockerfile (~10 names in each folder up to the root) that V8 moved to its old generation (issue 15).
  const load = (into: Record<string, FileRead>, abs: string) => {
    if (abs in into) return;
    const r = read(abs, { within: root, maxBytes: SCRIPT_BYTES }, names);
    if (r.ok || r.code !== 'missing') into[abs] = r;
  };
  // Each folder is looked in once: the Dockerfiles of a tree share the folders above them.
  const ownLooked = new Set<string>();
  const upLooked = new Set<string>();
  load(disk.buildScripts, join(root, '.devcontainer', 'devcontainer.json'));
  for (const { file } of project.dockerfiles) {
    if (file.path === '-') continue;
    const own = dirname(file.absPath);
    if (ownLooked.has(own)) continue; // its folders up to the root were looked in with it
    ownLooked.add(own);
    load(disk.buildScripts, join(own, 'devcontainer.json'));
    load(disk.buildScripts, join(own, '.devcontainer.json'));
    for (const dir of foldersUpTo(own, root)) {
      if (upLooked.has(dir)) continue;
      upLooked.add(dir);
      for (const name of SCRIPT_NAMES) load(disk.buildScripts, join(dir, name));
      // docker-bake files: their targets may give the build named contexts (bake-files.ts).
      for (const name of BAKE_FILE_NAMES) load(disk.buildScripts, join(dir, name));
      // go.mod: the modules a Go app requires, evidence of what its image is for (app-manifests.ts).
      load(disk.goMods, join(dir, 'go.mod'));
    }
  }
  // Absent files are not kept (most folders have none): only what was read or refused for a reason.
  for (const files of [disk.goMods, disk.buildScripts]) {
    for (const [abs, r] of Object.entries(files)) if (!r.ok && r.code === 'missing') delete files[abs];
  }
}

/**
 * For a context nobody names (the Dockerfile's folder by default) with COPY sources missing from it:
 * whether those sources are in a folder above (built from there by a command slipway cannot see),
 * and the .gitignore files that may say a source is a build output.
 */
function loadSourceFallbacks(project: ProjectModel, disk: DiskFacts, file: SourceFile, names: FolderNames, uses: DiskUses | undefined): void {
  const root = resolve(project.root);
  for (const c of contextsFor(project, file)) {
    const missing = missingSources(c);
    if (!missing.length) continue;
    for (const dir of foldersUpTo(c.dir, root)) {
      const abs = join(dir, '.gitignore');
      if (!(abs in disk.gitignores)) disk.gitignores[abs] = read(abs, { within: root }, names);
      uses?.use('gitignores', abs, file);
      if (c.named || dir === c.dir) continue;
      for (const s of missing) {
        if (s.wildcard) continue;
        const at = join(dir, s.path);
        statOnce(disk, at, names);
        uses?.use('paths', at, file);
      }
    }
  }
}

function statOnce(disk: DiskFacts, abs: string, names: FolderNames): void {
  if (!(abs in disk.paths)) disk.paths[abs] = statType(abs, names);
}

/** Modes and git status of the project's env files: one `git ls-files` for all of them. */
function loadEnvFacts(project: ProjectModel, disk: DiskFacts): void {
  const envs = project.files.filter((f) => f.kind === 'env');
  if (process.platform !== 'win32') {
    for (const f of envs) {
      if (f.absPath in disk.modes) continue;
      try {
        disk.modes[f.absPath] = statSync(f.absPath).mode & 0o777;
      } catch {
        // not on disk: no mode
      }
    }
  }
  const asked = envs.filter((f) => !(f.absPath in disk.gitTracked));
  if (!asked.length) return;
  const tracked = gitTrackedFiles(project.root, asked.map((f) => relative(project.root, f.absPath)));
  const abs = tracked && new Set([...tracked].map((p) => resolve(project.root, p)));
  for (const f of asked) disk.gitTracked[f.absPath] = abs ? abs.has(f.absPath) : null;
}

/**
 * Every absent file's read: one object, not one per path (two .dockerignore candidates per Dockerfile, a
 * .gitignore per folder, mostly absent and kept to the end of a check: issue 15). Frozen: it is shared.
 */
export const MISSING_FILE: FileRead = Object.freeze({ ok: false, code: 'missing', message: NO_SUCH_FILE });

function read(abs: string, opts: ReadOptions, names?: FolderNames): FileRead {
  // What the safe reader says of a path that is not there (a dangling link is listed, so it is read and says so).
  if (names && !names.mayHold(abs)) return MISSING_FILE;
  const r = readProjectFile(abs, opts);
  if (r.ok) return { ok: true, text: r.text };
  return r.code === 'missing' && r.message === NO_SUCH_FILE ? MISSING_FILE : { ok: false, code: r.code, message: r.message };
}

function statType(abs: string, names: FolderNames): PathType {
  if (!names.mayHold(abs)) return 'missing';
  try {
    const st = statSync(abs);
    return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}
