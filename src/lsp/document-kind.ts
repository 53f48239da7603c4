// Which kind of file an open document is: by its name as `check` decides, else by the editor's language id.

import { kindOf, type FileKind } from '../project/discover.js';

/** Editors' language ids for files whose name does not tell (an untitled buffer, `prod.docker`). */
const BY_LANGUAGE: Record<string, FileKind> = { dockerfile: 'dockerfile', dockercompose: 'compose', 'yaml.docker-compose': 'compose' };

export function documentKind(absPath: string, languageId: string): FileKind | null {
  return kindOf(absPath) ?? BY_LANGUAGE[languageId] ?? null;
}
