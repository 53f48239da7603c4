// What the disk says beyond the project's own file texts: build context listings, .dockerignore
// texts, env files' modes and git status, the paths compose points at, the heads of files whose
// content matters. Loaded once before the rules run (load-disk.ts, the only I/O of a check); views and
// rules read it as plain data, so a test gives it as data and a cache can key on it (inputs.ts).
// A path that is not in the facts was not looked at, and counts as absent.

import { CREDENTIAL_CONFIGS, isEnvFileName } from '../parse/credentials.js';
import { isKeyFileName } from '../parse/key-file.js';
import type { SourceKind } from '../parse/context/magic.js';
import type { WalkResult } from '../parse/context/entries.js';

/** What `stat` (links followed) finds at a path. */
export type PathType = 'file' | 'dir' | 'other' | 'missing';

/** A read through the safe reader (read-file.ts): the text, or why it was not read. */
export type FileRead = { ok: true; text: string } | { ok: false; code: string; message: string };

/** A build context folder listed with one .dockerignore (null: none). */
export interface ContextListing {
  dir: string;
  ignore: string | null;
  walk: WalkResult;
}

/** Python dependencies declared around a Dockerfile's folder (load-facts.ts). */
export interface PythonFacts {
  dependencies: string[];
  sources: string[];
}

export interface DiskFacts {
  /** Absolute path → what is there: Dockerfiles, compose build contexts and Dockerfiles, `.env.example` candidates. */
  paths: Record<string, PathType>;
  /** Permission bits of the project's env files (absent: unknown, or Windows). */
  modes: Record<string, number>;
  /** Env file (absolute) → tracked by git; null when unknown (no git, not a repository). */
  gitTracked: Record<string, boolean | null>;
  /** compose `env_file:` targets, and example env files beside compose files (`env-example-relational`), read within the project root. */
  envFiles: Record<string, FileRead>;
  /** `.dockerignore` candidates, read within their folder. */
  dockerignores: Record<string, FileRead>;
  /** Build context listings. */
  listings: ContextListing[];
  /**
   * The text of context files whose content decides a finding (`.npmrc`, `.yarnrc.yml`, env files, key
   * files); null when it was not read whole (longer than HEAD_BYTES, or unreadable): unknown, judged as a secret.
   */
  heads: Record<string, string | null>;
  /** What ADD does with a context path, by its first bytes (null: absent or unreadable). */
  addKinds: Record<string, SourceKind | null>;
  /** Dockerfile folder → Python dependencies declared there or above. */
  python: Record<string, PythonFacts>;
  /** Makefiles, package.json and devcontainer.json in a Dockerfile's folder and above: whose `docker build` names its context. */
  buildScripts: Record<string, FileRead>;
  /** `.gitignore` files in a build context's folder and above: a missing COPY source they ignore is a build output. */
  gitignores: Record<string, FileRead>;
  /** go.mod files in a Dockerfile's folder and above: the modules a Go app requires (app-manifests.ts). */
  goMods: Record<string, FileRead>;
  /** Shell scripts of the project's test folders (`scripts/e2e/*.sh`): the compose files they start are test setups. */
  testScripts: Record<string, FileRead>;
}

/** Example env files looked for beside each compose file (env-example-missing), whether discovered or not. */
export const ENV_TEMPLATE_NAMES = ['.env.example', '.env.sample', '.env.template', '.env.dist'];

/** Context files whose first bytes rules judge: credential configs and env files (by their values), key files (public or private). */
export function needsHead(name: string): boolean {
  const lower = name.toLowerCase();
  return CREDENTIAL_CONFIGS.includes(lower) || isEnvFileName(name) || isKeyFileName(lower);
}
export const HEAD_BYTES = 64 * 1024;

export function emptyDiskFacts(): DiskFacts {
  return { paths: {}, modes: {}, gitTracked: {}, envFiles: {}, dockerignores: {}, listings: [], heads: {}, addKinds: {}, python: {}, buildScripts: {}, gitignores: {}, goMods: {}, testScripts: {} };
}

/** Facts given as data (tests): the missing parts empty. */
export function diskFacts(partial: Partial<DiskFacts> = {}): DiskFacts {
  return { ...emptyDiskFacts(), ...partial };
}

export function pathType(disk: DiskFacts, abs: string): PathType {
  return disk.paths[abs] ?? 'missing';
}

/** The first listing of `dir` with this .dockerignore text. */
export function listingOf(disk: DiskFacts, dir: string, ignore: string | null): WalkResult | undefined {
  return findListing(disk, dir, ignore)?.walk;
}

/** The first listing record of `dir` with this .dockerignore text. */
export function findListing(disk: DiskFacts, dir: string, ignore: string | null): ContextListing | undefined {
  const first = firstListings(disk.listings).get(dir);
  if (first?.ignore === ignore) return first;
  // Another .dockerignore for the same folder (a Dockerfile's own), or the first one was released: rare, so scanned.
  return disk.listings.find((l) => l.dir === dir && l.ignore === ignore);
}

/** A listing in the place of one a check dropped (disk-uses.ts): it lists no folder. */
const RELEASED_LISTING: ContextListing = Object.freeze({ dir: '', ignore: null, walk: Object.freeze({ entries: [], errors: [], truncated: false }) });

/** Drops a listing no later context reads: its place in `disk.listings` holds RELEASED_LISTING. */
export function releaseListing(disk: DiskFacts, listing: ContextListing): void {
  const at = disk.listings.indexOf(listing);
  if (at === -1) return;
  disk.listings[at] = RELEASED_LISTING;
  const index = firstByDir.get(disk.listings);
  if (index?.first.get(listing.dir) === listing) index.first.delete(listing.dir);
}

/**
 * The first listing of each folder, kept per listings array and brought up to date with what was pushed
 * since (listings are only ever added). A scan of every listing per context was quadratic in Dockerfiles,
 * and a check makes each context twice (when loading, and at its Dockerfile's turn).
 */
const firstByDir = new WeakMap<ContextListing[], { indexed: number; first: Map<string, ContextListing> }>();

function firstListings(listings: ContextListing[]): Map<string, ContextListing> {
  let index = firstByDir.get(listings);
  if (!index) firstByDir.set(listings, (index = { indexed: 0, first: new Map() }));
  for (; index.indexed < listings.length; index.indexed++) {
    const l = listings[index.indexed]!;
    if (!index.first.has(l.dir)) index.first.set(l.dir, l);
  }
  return index.first;
}
