// The compose model rules read: each file's YAML as located values (anchors, aliases and merge keys
// resolved, strings interpolated), and each compose project (a base file + its override) merged the
// way docker compose merges them, every value pointing back to the file and range it came from.

import type { Document } from 'yaml';
import type { SourceFile } from '../../project/model.js';
import type { LMap, LValue, Loc } from '../yaml/located.js';
import type { VarUse } from './interpolate.js';

// The located-value types live in ../yaml/located.ts (shared with the workflow view).
export type { LEntry, LMap, LScalar, LSeq, LValue, Loc } from '../yaml/located.js';

/** A variable used in a compose file. */
export interface ComposeVarUse extends VarUse {
  file: SourceFile;
  /** Defined in the interpolation environment (.env or the given environment). */
  defined: boolean;
}

export type ComposeRole = 'base' | 'override' | 'extra';

export interface ComposeFile {
  file: SourceFile;
  /** Null when the YAML could not be parsed. */
  doc: Document | null;
  /** The document's value (null when empty or unparsable). */
  value: LValue | null;
  /** The top-level mapping, or null (empty, not a mapping, or unparsable). */
  root: LMap | null;
  /** The base file of its folder (production), its `*.override.*`, or another compose file. */
  role: ComposeRole;
  vars: ComposeVarUse[];
}

export interface ComposeService {
  name: string;
  /** The service's merged mapping (null when the service is not a mapping). */
  value: LMap | null;
  /** The service's key in each file that defines it, base first. */
  keyLocs: Loc[];
}

export interface ComposeProject {
  /** Absolute folder of the project (the base file's folder). */
  dir: string;
  /** Base first, then the override; a lone override or extra file forms its own project. */
  files: ComposeFile[];
  /** The merged top level. */
  merged: LMap | null;
  services: ComposeService[];
  /** Variables for interpolation: the given environment over the folder's .env. */
  env: Map<string, string>;
}

export interface ComposeView {
  files: ComposeFile[];
  projects: ComposeProject[];
}
