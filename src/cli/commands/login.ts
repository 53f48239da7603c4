// slipway login [REGISTRY]: docker login with the password from the environment, on stdin only.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.js';
import { registryOf } from '../../docker/ref.js';
import { EXIT, UsageError } from '../../errors.js';
import { dryRunExecutor } from '../../exec/dry-run.js';
import { childEnv } from '../../release/credentials.js';
import { localExecutor } from '../../exec/local.js';
import { PASSWORD_VAR, USER_VAR, resolveCredentials } from '../../release/credentials.js';
import { login } from '../../release/release.js';
import { dockerClient } from '../../docker/commands.js';
import { resolveImage } from '../../release/settings.js';
import type { CliIO } from '../io.js';

export const LOGIN_HELP = `Usage: slipway login [REGISTRY] [options]

Log docker in to a registry (default: the registry of release.image in .slipway.yaml) with
credentials from the environment: ${USER_VAR} and ${PASSWORD_VAR}, or --username U and
--password-env VAR. The password goes to 'docker login --password-stdin': it is never on a
command line, in a log or in an error message.

Options:
  --username U          the user (default: $${USER_VAR})
  --password-env VAR    the variable that holds the password (default: ${PASSWORD_VAR})
  --dry-run             print the command (password as [REDACTED]) instead of running it
  --config PATH         settings file (default: .slipway.yaml)
`;

export async function runLogin(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      username: { type: 'string', short: 'u' },
      'password-env': { type: 'string' },
      password: { type: 'string', short: 'p' },
      'dry-run': { type: 'boolean' },
      config: { type: 'string' },
    },
  });
  if (values.help) {
    io.stdout(LOGIN_HELP);
    return EXIT.clean;
  }
  if (positionals.length > 1) throw new UsageError(`login takes one registry, got ${positionals.length}`);
  const credentials = resolveCredentials(io.env, values);
  if (!credentials) throw new UsageError(`no credentials: set ${USER_VAR} and ${PASSWORD_VAR} (or pass --username and --password-env VAR)`);
  let registry = positionals[0];
  if (!registry) {
    const config = await loadConfig(io.cwd, values.config && resolve(io.cwd, values.config));
    if (!config.release?.image) throw new UsageError('name the registry (slipway login ghcr.io), or set release.image in .slipway.yaml');
    registry = registryOf(resolveImage(undefined, config));
  }
  if (!/^[A-Za-z0-9.\-[\]:]+$/.test(registry)) throw new UsageError(`'${registry}' is not a registry host (e.g. ghcr.io, 127.0.0.1:5000)`);
  const exec = values['dry-run'] ? dryRunExecutor((line) => io.stdout(`${line}\n`)) : localExecutor({ env: childEnv(io.env, credentials?.passwordVar), cwd: io.cwd });
  await login(exec, dockerClient(io.env), registry, credentials);
  if (!values['dry-run']) io.stdout(`Logged in to ${registry} as ${credentials.username}.\n`);
  return EXIT.clean;
}
