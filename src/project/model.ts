// The project as the checker sees it: every discovered file's text, parsed Dockerfiles, and
// whatever the analyzers of other kinds (compose, build context, workflows, env files) derive.
// Analyzers memoize their views per project (see analyzers.ts), so no shared type grows with each kind.

import type { Dockerfile } from '../parse/dockerfile/model.js';
import type { LineIndex } from '../parse/text.js';
import type { FileError } from '../types.js';
import type { DiskFacts } from './disk-facts.js';
import type { FileKind } from './discover.js';

export interface SourceFile {
  kind: FileKind;
  /** As shown to the user (relative to where it was found, forward slashes). */
  path: string;
  absPath: string;
  text: string;
  lines: LineIndex;
}

export interface ProjectModel {
  /** The folder checked (absolute); for a single file, its folder. */
  root: string;
  files: SourceFile[];
  /** Each Dockerfile with its model (build.ts parses it on first read; a check may release it after its rules: dockerfile-entry.ts). */
  dockerfiles: { readonly file: SourceFile; readonly df: Dockerfile }[];
  /** Files that could not be parsed, filled by the analyzers. */
  errors: FileError[];
  /** The environment compose interpolates with (the CLI gives {}: never process.env implicitly). */
  environment: Record<string, string>;
  /** What the disk says beyond the file texts, loaded before the rules run (load-disk.ts); empty in memory. */
  disk: DiskFacts;
}

export function filesOfKind(project: ProjectModel, kind: FileKind): SourceFile[] {
  return project.files.filter((f) => f.kind === kind);
}
