// `slipway deploy [--tag TAG]`: makes TAG (default: the current commit's sha-<7>) the running
// release on every server, health-gated, rolling back automatically when it is not healthy.

import { defaultTag } from '../../deploy/config.js';
import { isValidTag } from '../../docker/ref.js';
import { EXIT, UsageError } from '../../errors.js';
import type { CliIO } from '../io.js';
import { loadDeployConfig, lockWait, onServers, parseServerArgs, RELEASE_HELP, RELEASE_OPTIONS, SERVER_HELP } from './remote.js';

export const DEPLOY_HELP = `Usage: slipway deploy [--tag TAG] [options]

On each server: takes the deploy lock, uploads the compose file(s) and .env, pins TAG, pulls,
starts it (up -d), and waits until every service with a health check is healthy and the others
run. The release is recorded in the server's history and old images are pruned. A release
that is not healthy in time is rolled back to the previous one, and deploy exits non-zero with
the failing service's last log lines.

  -t, --tag TAG    the image tag to run (default: sha-<7> of the current git commit)

${RELEASE_HELP}
${SERVER_HELP}`;

export async function runDeploy(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseServerArgs(argv, { ...RELEASE_OPTIONS, tag: { type: 'string', short: 't' } } as const);
  if (values.help) return io.stdout(DEPLOY_HELP), EXIT.clean;
  if (positionals.length) throw new UsageError(`'slipway deploy' takes no arguments (got ${positionals.join(' ')}); the tag is --tag TAG`);
  const cfg = await loadDeployConfig(values, io);
  const tag = values.tag ?? defaultTag(io.cwd);
  if (!isValidTag(tag)) throw new UsageError(`'${tag}' is not a valid image tag`);
  const wait = lockWait(values);
  const { code } = await onServers(cfg, io, { dryRun: values['dry-run'], rolling: values.rolling, withEnv: true }, async ({ app }) => {
    const unlock = await app.lock('deploy', tag, { waitSec: wait, breakStale: values['break-lock'], login: true });
    try {
      const out = await app.release(tag, 'deploy', true); // the lock's session has read the server's state

      return `${tag} healthy in ${out.seconds.toFixed(1)}s${out.digest ? ` (${out.digest.slice(0, 19)})` : ''}`;
    } finally {
      await unlock();
    }
  });
  return code;
}
