// `slipway rollback [TAG]`: back to the previous healthy release, or to TAG (pulled again if it
// was pruned). The same lock and health gate as deploy.

import { isValidTag } from '../../docker/ref.js';
import { EXIT, UsageError } from '../../errors.js';
import type { CliIO } from '../io.js';
import { loadDeployConfig, lockWait, onServers, parseServerArgs, RELEASE_HELP, RELEASE_OPTIONS, SERVER_HELP } from './remote.js';

export const ROLLBACK_HELP = `Usage: slipway rollback [TAG] [options]

Runs an earlier release again: with no TAG, the release before the current one that was
healthy (see 'slipway releases'); with TAG, that one. Its image is pulled again if it was
pruned. Only the pinned tag changes: the compose file(s) and .env on the server stay. Health-
gated like deploy: if TAG is not healthy, the release that ran comes back.

${RELEASE_HELP}
${SERVER_HELP}`;

export async function runRollback(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseServerArgs(argv, RELEASE_OPTIONS);
  if (values.help) return io.stdout(ROLLBACK_HELP), EXIT.clean;
  if (positionals.length > 1) throw new UsageError(`'slipway rollback' takes at most one tag (got ${positionals.join(' ')})`);
  const wanted = positionals[0];
  if (wanted !== undefined && !isValidTag(wanted)) throw new UsageError(`'${wanted}' is not a valid image tag`);
  const cfg = await loadDeployConfig(values, io);
  const wait = lockWait(values);
  const { code } = await onServers(cfg, io, { dryRun: values['dry-run'], rolling: values.rolling }, async ({ app }) => {
    const unlock = await app.lock('rollback', wanted, { waitSec: wait, breakStale: values['break-lock'], login: true });
    try {
      // The lock's session read the history; while we hold the lock it cannot change.
      const tag = wanted ?? (app.dry ? '<previous>' : app.rollbackTarget());
      const out = await app.release(tag, 'rollback', true);
      return `${tag} healthy in ${out.seconds.toFixed(1)}s`;
    } finally {
      await unlock();
    }
  });
  return code;
}
