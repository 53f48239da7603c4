// Builds the in-memory project from file texts (pure: no I/O), so --fix can rebuild it from edited texts.

import { LineIndex } from '../parse/text.js';
import { DockerfileEntry } from './dockerfile-entry.js';
import { emptyDiskFacts, type DiskFacts } from './disk-facts.js';
import type { FileKind } from './discover.js';
import type { ProjectModel, SourceFile } from './model.js';

export interface FileText {
  kind: FileKind;
  path: string;
  absPath: string;
  text: string;
}

export interface BuildOptions {
  /** The environment compose interpolates with (default: none). */
  environment?: Record<string, string>;
  /** Disk facts already known (kept across --fix passes; given as data in tests). */
  disk?: DiskFacts;
}

export function buildProject(root: string, files: FileText[], options: BuildOptions = {}): ProjectModel {
  // Written out field by field: a spread gave each of a big project's files a hidden class of its own (issue 15).
  const sources: SourceFile[] = files.map((f) => ({ kind: f.kind, path: f.path, absPath: f.absPath, text: f.text, lines: new LineIndex(f.text) }));
  return {
    root,
    files: sources,
    // Parsed on first read: a check reads each one just before its rules, so it can drop it after them.
    dockerfiles: sources.filter((f) => f.kind === 'dockerfile').map((file) => new DockerfileEntry(file)),
    errors: [],
    environment: options.environment ?? {},
    disk: options.disk ?? emptyDiskFacts(),
  };
}

/** The same project with some texts replaced (absolute path → text); its disk facts are kept (load-disk.ts adds what new texts need). */
export function withTexts(project: ProjectModel, texts: Map<string, string>): ProjectModel {
  return buildProject(
    project.root,
    project.files.map((f) => ({ kind: f.kind, path: f.path, absPath: f.absPath, text: texts.get(f.absPath) ?? f.text })),
    { environment: project.environment, disk: project.disk },
  );
}
