// Everything a check of a project depended on, as a list of (kind, path, digest): the texts of its
// files, the environment compose interpolated with, and every disk fact load-disk.ts read (stat
// results, modes, git status, files read, context listings, heads, magic bytes, Python manifests, go.mod files).
// Rules see nothing else, so the same list (with the same config and slipway version) gives the
// same findings: a cache key (--cache) can be made of it.

import { createHash } from 'node:crypto';
import type { ProjectModel } from './model.js';
import { isPartial } from './disk-uses.js';
import { assertText } from './released-text.js';

export type InputKind = 'file' | 'environment' | 'path' | 'mode' | 'git' | 'env-file' | 'dockerignore' | 'listing' | 'head' | 'add-source' | 'python' | 'build-script' | 'gitignore' | 'go-mod' | 'test-script';

export interface RunInput {
  kind: InputKind;
  /** Absolute path (a listing: the context folder; the environment: ''). */
  path: string;
  /** sha256 of what was found (a text, a stat type, a JSON value). */
  digest: string;
}

const digest = (value: unknown) => createHash('sha256').update(typeof value === 'string' ? value : JSON.stringify(value ?? null)).digest('hex');

export function projectInputs(project: ProjectModel): RunInput[] {
  return inputsOf(project, true);
}

/**
 * The paths of projectInputs, in its order, without reading what they hold: `check --cache` stamps them after a
 * streamed check, which has let its Dockerfiles' texts go (released-text.ts).
 */
export function inputPaths(project: ProjectModel): string[] {
  return inputsOf(project, false).map((i) => i.path);
}

function inputsOf(project: ProjectModel, withDigests: boolean): RunInput[] {
  const d = project.disk;
  // A stamp of what is left would miss what the check read: never a cache key.
  if (isPartial(d)) throw new Error('the disk facts were dropped as the check went (disk-uses.ts): they cannot be stamped');
  const out: RunInput[] = [];
  const add = (kind: InputKind, path: string, value: unknown) => out.push({ kind, path, digest: withDigests ? digest(value) : '' });
  for (const f of project.files) {
    if (withDigests) assertText(f);
    add('file', f.absPath, withDigests ? `${f.kind}\0${f.path}\0${f.text}` : null);
  }
  add('environment', '', Object.entries(project.environment).sort());
  for (const [p, v] of Object.entries(d.paths)) add('path', p, v);
  for (const [p, v] of Object.entries(d.modes)) add('mode', p, v);
  for (const [p, v] of Object.entries(d.gitTracked)) add('git', p, v);
  for (const [p, v] of Object.entries(d.envFiles)) add('env-file', p, v);
  for (const [p, v] of Object.entries(d.dockerignores)) add('dockerignore', p, v);
  for (const l of d.listings) add('listing', l.dir, [l.ignore, l.walk]);
  for (const [p, v] of Object.entries(d.heads)) add('head', p, [v]); // [null] (not read whole) never digests as a text
  for (const [p, v] of Object.entries(d.addKinds)) add('add-source', p, v);
  for (const [p, v] of Object.entries(d.python)) add('python', p, v);
  for (const [p, v] of Object.entries(d.buildScripts)) add('build-script', p, v);
  for (const [p, v] of Object.entries(d.goMods)) add('go-mod', p, v);
  for (const [p, v] of Object.entries(d.gitignores)) add('gitignore', p, v);
  for (const [p, v] of Object.entries(d.testScripts)) add('test-script', p, v);
  return out.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : a.digest < b.digest ? -1 : 1));
}

/** One digest of all the inputs (order-independent: the list is sorted). */
export function inputsDigest(inputs: readonly RunInput[]): string {
  return digest(inputs.map((i) => `${i.kind}\0${i.path}\0${i.digest}`).join('\n'));
}
