// `slipway prune`: removes this app's images beyond the last --keep releases on each server
// (never the current or the previous release's), under the deploy lock.

import { EXIT, UsageError } from '../../errors.js';
import type { CliIO } from '../io.js';
import { loadDeployConfig, lockWait, onServers, parseServerArgs, SERVER_HELP } from './remote.js';

export const PRUNE_HELP = `Usage: slipway prune [options]

Removes the images of releases older than the last --keep ones (default 5) from each server;
the current and the previous release's images always stay. Only this app's images that slipway
ran are touched: never other apps', never the whole engine's.

      --keep N              releases to keep (default deploy.keep, or 5)
      --lock-wait SECONDS   wait this long for another deploy's lock
      --dry-run             print the remote commands and run nothing

${SERVER_HELP}`;

export async function runPrune(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseServerArgs(argv, { keep: { type: 'string' }, 'lock-wait': { type: 'string' }, 'dry-run': { type: 'boolean' } } as const);
  if (values.help) return io.stdout(PRUNE_HELP), EXIT.clean;
  if (positionals.length) throw new UsageError(`'slipway prune' takes no arguments`);
  const cfg = await loadDeployConfig(values, io);
  const wait = lockWait(values);
  const { code } = await onServers(cfg, io, { dryRun: values['dry-run'] }, async ({ app, say }) => {
    const unlock = await app.lock('prune', undefined, { waitSec: wait });
    try {
      app.requireReady(); // the lock's session read the server's state
      const removed = await app.pruneImages();
      if (!removed.length) say('nothing to remove');
      return `${removed.length} removed`;
    } finally {
      await unlock();
    }
  });
  return code;
}
