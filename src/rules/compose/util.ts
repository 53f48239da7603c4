// Shared helpers of the compose rules: files and services with their places, reporting at a Loc.

import { basename } from 'node:path';
import { composeOf, type ComposeFile, type LMap, type LValue, type Loc } from '../../parse/compose/index.js';
import { entry, isLMap } from '../../parse/compose/values.js';
import type { ProjectModel } from '../../project/model.js';
import type { TextEdit } from '../../types.js';
import type { FileReport } from '../types.js';

export interface FileService {
  name: string;
  keyLoc: Loc;
  value: LMap | null;
  cf: ComposeFile;
}

/** Compose files that parsed to a mapping. */
export function composeFiles(project: ProjectModel): ComposeFile[] {
  return composeOf(project).files.filter((f) => f.root);
}

/** The services as written in one file (before merging). */
export function fileServices(cf: ComposeFile): FileService[] {
  const services = entry(cf.root, 'services')?.value;
  if (!isLMap(services)) return [];
  return [...services.entries.values()].map((e) => ({ name: e.key, keyLoc: e.keyLoc, value: isLMap(e.value) ? e.value : null, cf }));
}

/** The file deployed to the server: the folder's base file, or one named for production. */
export function isProduction(cf: ComposeFile): boolean {
  if (cf.role === 'base') return true;
  if (cf.role === 'override') return false;
  return /(^|[.-])(prod|production)([.-]|$)/i.test(basename(cf.file.absPath));
}

export function at(report: (r: FileReport) => void, loc: Loc, message: string, fix?: TextEdit[]): void {
  report({ file: loc.file, start: loc.start, end: Math.max(loc.end, loc.start), message, ...(fix ? { fix } : {}) });
}

/** The place to report a key's problem: the key itself. */
export function keyOf(map: LMap | null, key: string): Loc | undefined {
  return entry(map, key)?.keyLoc;
}

export function valueLoc(v: LValue | undefined, fallback: Loc): Loc {
  return v && v.loc.end > v.loc.start ? v.loc : fallback;
}
