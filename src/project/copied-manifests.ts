// The app manifests a Dockerfile actually sends into its image: the package.json, go.mod and Python
// manifests its COPY/ADD sources bring from its build contexts — not the nearest one up the tree (a
// monorepo's root package.json declaring `next` says nothing about a worker image that copies
// `worker/package.json`). A file named by a source wins over one that comes along inside a copied
// folder; among those, the shallowest (`COPY . .` brings the context root's package.json, and the
// nested packages' too). Pure: the contexts are listed by load-disk.ts before.

import { basename, dirname, join } from 'node:path';
import { contextsFor } from '../parse/context/context.js';
import { copySources, sourceCovers, sourceMatches } from '../parse/context/copy-sources.js';
import type { ContextEntry } from '../parse/context/entries.js';
import { entriesStartingWith, literalStart } from '../parse/context/entries-matching.js';
import type { ProjectModel, SourceFile } from './model.js';

export interface CopiedManifests {
  /** Absolute paths of the package.json files the image gets. */
  node: string[];
  /** Absolute paths of the go.mod files. */
  go: string[];
  /** Absolute folders holding the Python manifests the image gets. */
  pythonDirs: string[];
}

const PYTHON_NAMES = /^(requirements[\w.-]*\.txt|pyproject\.toml|Pipfile|Pipfile\.lock|poetry\.lock|uv\.lock|pdm\.lock)$/;

const kindOf = (name: string): keyof CopiedManifests | null =>
  name === 'package.json' ? 'node' : name === 'go.mod' ? 'go' : PYTHON_NAMES.test(name) ? 'pythonDirs' : null;

/**
 * What the Dockerfile's COPY/ADD sources bring of each manifest kind, over all its contexts; null
 * when no context of it could be listed completely (standard input, a huge tree): then nobody knows.
 */
export function copiedManifests(project: ProjectModel, file: SourceFile): CopiedManifests | null {
  const found: Record<keyof CopiedManifests, { abs: string; named: boolean; depth: number }[]> = { node: [], go: [], pythonDirs: [] };
  let listed = false;
  for (const c of contextsFor(project, file)) {
    if (!c.df || c.truncated) continue;
    listed = true;
    const manifests = c.files.filter((e) => e.type === 'file' && kindOf(basename(e.path)) !== null);
    for (const { entry: e, named } of coveredEntries(manifests, copySources(c.df))) {
      found[kindOf(basename(e.path))!].push({ abs: join(c.dir, e.path), named, depth: e.path.split('/').length });
    }
  }
  if (!listed) return null;
  const pick = (xs: { abs: string; named: boolean; depth: number }[]) => {
    const pool = xs.some((x) => x.named) ? xs.filter((x) => x.named) : xs;
    // A loop, not Math.min(...): a context of 130,000 requirements*.txt overflowed the stack with the spread.
    const depth = pool.reduce((d, x) => Math.min(d, x.depth), Infinity);
    return [...new Set(pool.filter((x) => x.named || x.depth === depth).map((x) => x.abs))];
  };
  return {
    node: pick(found.node),
    go: pick(found.go),
    pythonDirs: [...new Set(pick(found.pythonDirs).map((abs) => dirname(abs)))],
  };
}

/**
 * The entries some source brings (sourceCovers), in the entries' order, each with whether a source names it itself
 * (sourceMatches) rather than a folder above it. Found from each source: every entry a source covers starts with its
 * text up to a wildcard, a binary search in the sorted list; asking every source about every entry was sources × entries.
 */
export function coveredEntries(entries: readonly ContextEntry[], sources: readonly { path: string }[]): { entry: ContextEntry; named: boolean }[] {
  const covered = new Map<ContextEntry, boolean>();
  for (const s of sources) {
    for (const e of s.path === '' ? entries : entriesStartingWith(entries, literalStart(s.path))) {
      if (!sourceCovers(s.path, e.path)) continue;
      covered.set(e, covered.get(e) === true || sourceMatches(s.path, e.path));
    }
  }
  const out: { entry: ContextEntry; named: boolean }[] = [];
  for (const entry of entries) {
    const named = covered.get(entry);
    if (named !== undefined) out.push({ entry, named });
  }
  return out;
}
