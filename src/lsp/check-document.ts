// Checks one open document's unsaved text exactly as `slipway check FILE` checks the file on disk:
// the same rules, config, suppressions, project facts and shipped target (ShellCheck excepted, see server.ts).

import { basename, dirname } from 'node:path';
import type { Config } from '../config/config.js';
import { loadConfig } from '../config/load.js';
import { checkProject, fixProject, type ProjectCheckOptions } from '../engine/check-project.js';
import { activeRules } from '../engine/effective-rules.js';
import { ConfigError } from '../errors.js';
import { buildProject, withTexts } from '../project/build.js';
import { kindOf, type FileKind } from '../project/discover.js';
import { loadDiskFacts } from '../project/load-disk.js';
import type { ProjectModel } from '../project/model.js';
import { RULES } from '../rules/index.js';
import type { FileError, Finding } from '../types.js';

/** Editors' language ids for files whose name does not tell (an untitled buffer, `prod.docker`). */
const BY_LANGUAGE: Record<string, FileKind> = { dockerfile: 'dockerfile', dockercompose: 'compose', 'yaml.docker-compose': 'compose' };

export function documentKind(absPath: string, languageId: string): FileKind | null {
  return kindOf(absPath) ?? BY_LANGUAGE[languageId] ?? null;
}

export interface DocumentCheck {
  findings: Finding[];
  errors: FileError[];
  /** For "fix all" and re-checks of a changed text; absent when the check could not run. */
  project?: ProjectModel;
  options?: ProjectCheckOptions;
}

/**
 * `configDir` is where `.slipway.yaml` is looked for (the workspace folder, as `check` uses its cwd).
 * Never throws: a bad config or a crashing rule becomes an error at its position.
 */
export async function checkDocument(absPath: string, kind: FileKind, text: string, configDir: string): Promise<DocumentCheck> {
  let config: Config;
  try {
    config = await loadConfig(configDir); // read on every check, so an edited .slipway.yaml counts at once
  } catch (e) {
    const where = e instanceof ConfigError ? `${e.describe()}` : (e as Error).message;
    return { findings: [], errors: [{ file: basename(absPath), line: 1, column: 1, message: `config error: ${where}` }] };
  }
  const options = optionsFor(config);
  try {
    const project = loadDiskFacts(buildProject(dirname(absPath), [{ kind, path: basename(absPath), absPath, text }]));
    const r = checkProject(project, options);
    return { ...r, project, options };
  } catch (e) {
    return { findings: [], errors: [{ file: basename(absPath), line: 1, column: 1, message: (e as Error).message ?? String(e) }] };
  }
}

/** The fixed-point text `check --fix` would write, or null when nothing changes. */
export function fixAll(check: DocumentCheck): string | null {
  if (!check.project || !check.options) return null;
  const project = check.project;
  const changed = fixProject(project, check.options, (texts) => loadDiskFacts(withTexts(project, texts)));
  return changed.get(project.files[0]!.absPath) ?? null;
}

/** Re-checks the same document with another text (to verify a suggested edit does what it says). */
export function recheck(check: DocumentCheck, text: string): Finding[] | null {
  if (!check.project || !check.options) return null;
  const project = loadDiskFacts(withTexts(check.project, new Map([[check.project.files[0]!.absPath, text]])));
  try {
    return checkProject(project, check.options).findings;
  } catch {
    return null;
  }
}

/** As check.ts builds them for a run without flags. */
function optionsFor(config: Config): ProjectCheckOptions {
  return { rules: activeRules(RULES, config.rules), settings: config.settings };
}
