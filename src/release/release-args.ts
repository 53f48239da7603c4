// The one reading of `slipway release`'s arguments. runRelease and the launcher's early git question
// (early-git.ts, which starts before the CLI bundle loads) both parse them here, so the password
// variable hidden from git is the one release reads, wherever `--password-env` stands in the line.

import { parseArgs } from 'node:util';
import { PASSWORD_VAR } from './credentials.js';

/** `release`'s arguments (those after the word `release`); throws parseArgs' error for arguments release refuses. */
export function parseReleaseArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      image: { type: 'string' },
      push: { type: 'boolean' },
      platform: { type: 'string', multiple: true, default: [] },
      'build-arg': { type: 'string', multiple: true, default: [] },
      target: { type: 'string' },
      file: { type: 'string', short: 'f' },
      context: { type: 'string' },
      'allow-dirty': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      username: { type: 'string' },
      'password-env': { type: 'string' },
      password: { type: 'string' },
      format: { type: 'string', default: 'text' },
      audit: { type: 'boolean' },
      'audit-threshold': { type: 'string', default: 'error' },
      config: { type: 'string' },
      'default-branch': { type: 'string' },
    },
  });
}

export type ReleaseArgs = ReturnType<typeof parseReleaseArgs>['values'];

/** The variables that may hold the registry password, as resolveCredentials reads them: git gets none of them. */
export function passwordVars(values: ReleaseArgs): string[] {
  const named = values['password-env'];
  return named && named !== PASSWORD_VAR ? [PASSWORD_VAR, named] : [PASSWORD_VAR];
}
