// Registry credentials come from the environment only — SLIPWAY_REGISTRY_USER and
// SLIPWAY_REGISTRY_PASSWORD, or --username U --password-env VAR — and the password becomes a
// Sensitive at once. There is no --password flag: a command line is visible to everyone in ps.

import { UsageError } from '../errors.js';
import { type Sensitive, sensitive } from '../exec/sensitive.js';

export const USER_VAR = 'SLIPWAY_REGISTRY_USER';
export const PASSWORD_VAR = 'SLIPWAY_REGISTRY_PASSWORD';

export interface CredentialFlags {
  username?: string;
  'password-env'?: string;
  /** Only to refuse it with a reason. */
  password?: string;
}

export interface Credentials {
  username: string;
  password: Sensitive;
  /** The variable the password came from, for messages. */
  passwordVar: string;
}

/** The credentials the flags and environment give; null when none are set at all. */
export function resolveCredentials(env: NodeJS.ProcessEnv, flags: CredentialFlags): Credentials | null {
  if (flags.password !== undefined) {
    throw new UsageError(`slipway takes no password on the command line (every user could read it in ps); put it in ${PASSWORD_VAR} or name a variable with --password-env VAR`);
  }
  const passwordVar = flags['password-env'] ?? PASSWORD_VAR;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(passwordVar)) throw new UsageError(`--password-env takes the name of an environment variable, got '${passwordVar}'`);
  const username = flags.username ?? env[USER_VAR] ?? undefined;
  const password = env[passwordVar];
  const hasPassword = password !== undefined && password !== '';
  if (!username && !hasPassword) {
    if (flags['password-env']) throw new UsageError(`--password-env ${passwordVar}: the variable ${passwordVar} is not set`);
    return null;
  }
  if (!username) throw new UsageError(`${passwordVar} is set but no username is: set ${USER_VAR} or pass --username`);
  if (!hasPassword) throw new UsageError(`no password for user '${username}': the variable ${passwordVar} is ${password === '' ? 'empty' : 'not set'}`);
  return { username, password: sensitive(password!.replace(/\r?\n$/, '')), passwordVar };
}

/** The environment for docker and git children: without the password variable (it goes on stdin). */
export function childEnv(env: NodeJS.ProcessEnv, passwordVar?: string): NodeJS.ProcessEnv {
  const out = { ...env };
  delete out[PASSWORD_VAR];
  if (passwordVar) delete out[passwordVar];
  return out;
}
