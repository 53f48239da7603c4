// Builds the in-memory project from file texts (pure: no I/O), so --fix can rebuild it from edited texts.

import { parseDockerfile } from '../parse/dockerfile/parse.js';
import { LineIndex } from '../parse/text.js';
import type { FileKind } from './discover.js';
import type { ProjectModel, SourceFile } from './model.js';

export interface FileText {
  kind: FileKind;
  path: string;
  absPath: string;
  text: string;
}

export function buildProject(root: string, files: FileText[]): ProjectModel {
  const sources: SourceFile[] = files.map((f) => ({ ...f, lines: new LineIndex(f.text) }));
  return {
    root,
    files: sources,
    dockerfiles: sources.filter((f) => f.kind === 'dockerfile').map((file) => ({ file, df: parseDockerfile(file.text, file.path) })),
    errors: [],
  };
}

/** The same project with some texts replaced (absolute path → text). */
export function withTexts(project: ProjectModel, texts: Map<string, string>): ProjectModel {
  return buildProject(
    project.root,
    project.files.map((f) => ({ kind: f.kind, path: f.path, absPath: f.absPath, text: texts.get(f.absPath) ?? f.text })),
  );
}
