// `slipway df`: disk use on each server: docker system df and the app's data/ folder.

import { dataUsage, systemDf } from '../../deploy/commands/docker.js';
import { EXIT, UsageError } from '../../errors.js';
import type { CliIO } from '../io.js';
import { loadDeployConfig, onServers, parseServerArgs, SERVER_HELP } from './remote.js';

export const DF_HELP = `Usage: slipway df [options]

Shows each server's Docker disk use (docker system df) and the size of the app's data/.

${SERVER_HELP}`;

export async function runDf(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseServerArgs(argv, {} as const);
  if (values.help) return io.stdout(DF_HELP), EXIT.clean;
  if (positionals.length) throw new UsageError(`'slipway df' takes no arguments`);
  const cfg = await loadDeployConfig(values, io);
  const { code } = await onServers(cfg, io, { rolling: true, summary: false }, async ({ app }) => {
    const df = await app.run(systemDf(app.layout));
    const du = await app.exec.run(dataUsage(app.layout));
    io.stdout(`${app.exec.name.replace(/^ssh /, '')}:\n${df.stdout.trimEnd()}\n${du.code === 0 ? `data/: ${du.stdout.split('\t')[0]}` : `data/: ${du.stderr.trim()}`}\n`);
    return 'ok';
  });
  return code;
}
