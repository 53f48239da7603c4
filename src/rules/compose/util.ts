// Shared helpers of the compose rules: files and services with their places, reporting at a Loc.

import { basename } from 'node:path';
import { composeOf, type ComposeFile, type LMap, type LValue, type Loc } from '../../parse/compose/index.js';
import { asMap, entry, get, isLMap, items, raw } from '../../parse/compose/values.js';
import type { ProjectModel } from '../../project/model.js';
import { testComposePaths } from './test-setups.js';
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

/**
 * The file deployed to the server: the folder's base file, or one named for production — unless it
 * is a test or development setup (see isDevelopment) or a test script starts it (test-setups.ts).
 */
export function isProduction(cf: ComposeFile, project: ProjectModel): boolean {
  if (cf.role === 'override') return false;
  if (cf.role !== 'base' && !/(^|[.-])(prod|production)([.-]|$)/i.test(basename(cf.file.absPath))) return false;
  return !isDevelopment(cf) && !testComposePaths(project).has(cf.file.path.split('\\').join('/'));
}

const TEST_FOLDER = /(^|\/)(tests?|e2e|cypress|integration|spec|testdata|fixtures?)\//i;
const DEV_TARGET = /^(dev|devel|develop|development|debug|local)$/i;
const DEV_SERVER = /\b(runserver|nodemon|flask\s+(--\S+\s+)*run|--reload|npm\s+run\s+(dev|watch|start-watch)|yarn\s+(dev|watch)|mkdocs\s+serve|rails\s+s(erver)?)\b/i;
const DEV_ENV = /^(NODE_ENV|FLASK_ENV|RAILS_ENV|APP_ENV|ENVIRONMENT)$/;
/** Django's development settings module (`bakerydemo.settings.dev`, `config.settings.local`). */
const DEV_SETTINGS = /[._](dev|development|local)$/i;

/**
 * A compose file for tests or development, which no server runs: under a test folder, or one of its
 * services builds a development target, syncs sources with `develop: watch`, runs a development
 * server (runserver, nodemon, --reload, mkdocs serve…), sets NODE_ENV (or the like) to development or
 * DJANGO_SETTINGS_MODULE to a development module (`…settings.dev`).
 */
export function isDevelopment(cf: ComposeFile): boolean {
  if (TEST_FOLDER.test(cf.file.path.split('\\').join('/'))) return true;
  return fileServices(cf).some(({ value: s }) => {
    if (!s) return false;
    if (DEV_TARGET.test(raw(get(s, 'build', 'target')) ?? '')) return true;
    if (entry(s, 'develop')) return true;
    const commands = ['command', 'entrypoint'].map((k) => get(s, k)).flatMap((v) => (v && v.kind === 'seq' ? items(v).map(raw) : [raw(v)]));
    if (commands.some((c) => c && DEV_SERVER.test(c))) return true;
    const env = asMap(get(s, 'environment'));
    return [...(env?.entries.values() ?? [])].some(
      (e) => (DEV_ENV.test(e.key) && /^(dev|development|local)$/i.test(raw(e.value) ?? '')) || (e.key === 'DJANGO_SETTINGS_MODULE' && DEV_SETTINGS.test(raw(e.value) ?? '')),
    );
  });
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
