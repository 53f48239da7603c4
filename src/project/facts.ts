// Facts about the project around a checked file that rules need (I/O-free shape; load.ts reads them).

import type { SourceKind } from '../parse/context/magic.js';
import type { ComposeUse } from './image-purpose.js';

export interface ProjectFacts {
  /** Python distribution names the project depends on (requirements*.txt, pyproject.toml, Pipfile, lock files), lower-cased. */
  pythonDependencies: string[];
  /** Where those dependencies were read from, for messages. */
  pythonDependencySources: string[];
  /** Package → the file that declares it (for messages naming the exact file). */
  pythonDependencyOrigins: Record<string, string>;
  /** `dependencies` of the package.json near the Dockerfile, and that file (null: none). */
  nodeDependencies: string[];
  nodeDependencySource: string | null;
  /** Modules the go.mod near the Dockerfile requires directly, and that file (null: none). */
  goModules: string[];
  goModuleSource: string | null;
  /** Compose services define a healthcheck for the image built from this Dockerfile (filled once compose is read). */
  composeHealthcheck: boolean;
  /**
   * What each local ADD source is, by content (context-relative path as copySources normalises it):
   * ADD unpacks an archive, so it may become COPY only for a known plain file or folder.
   */
  addSources: Record<string, SourceKind>;
  /** The compose services that build this Dockerfile (what they publish, whether deployed): part of what the image is for. */
  composeUses: ComposeUse[];
  /**
   * The heads of the credential configs (`.npmrc`, `.yarnrc.yml`), env files (`.env`, `.env.production`) and key-named files (`*.key`, `*.pem`)
   * the Dockerfile's build contexts send, by context-relative path: whether COPYing one bakes in a secret
   * depends on its content. Absent: unknown; null: not read whole (cut or unreadable), judged as a secret.
   */
  configHeads: Record<string, string | null>;
  /** docker-bake files in the Dockerfile's folder and above (project-relative path, text): their targets may give named contexts. */
  bakeFiles: { path: string; text: string }[];
}

export const NO_FACTS: ProjectFacts = {
  pythonDependencies: [],
  pythonDependencySources: [],
  pythonDependencyOrigins: {},
  nodeDependencies: [],
  nodeDependencySource: null,
  goModules: [],
  goModuleSource: null,
  composeHealthcheck: false,
  addSources: {},
  composeUses: [],
  configHeads: {},
  bakeFiles: [],
};
