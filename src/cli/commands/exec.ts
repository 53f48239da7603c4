// `slipway exec SERVICE -- CMD...`: runs a command in the service's running container on each
// server (docker compose exec -T), one server after the other.

import { composeExec } from '../../deploy/commands/docker.js';
import { SwarmApp } from '../../deploy/swarm/app.js';
import { EXIT, UsageError } from '../../errors.js';
import type { CliIO } from '../io.js';
import { loadDeployConfig, onServers, parseServerArgs, SERVER_HELP } from './remote.js';

export const EXEC_HELP = `Usage: slipway exec [options] SERVICE -- COMMAND [ARG...]

Runs COMMAND in SERVICE's running container on each server, one after the other (docker
compose exec -T: no terminal). The arguments reach the container exactly as given.

${SERVER_HELP}`;

export async function runExec(argv: string[], io: CliIO): Promise<number> {
  const dash = argv.indexOf('--');
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const cmd = dash < 0 ? [] : argv.slice(dash + 1);
  const { values, positionals } = parseServerArgs(own, {} as const);
  if (values.help) return io.stdout(EXEC_HELP), EXIT.clean;
  if (positionals.length !== 1 || cmd.length === 0) throw new UsageError(`usage: slipway exec SERVICE -- COMMAND [ARG...]`);
  const service = positionals[0]!;
  const cfg = await loadDeployConfig(values, io);
  if (!cfg.allServices.includes(service)) throw new UsageError(`no service '${service}' in ${cfg.composeNames.join(', ')} (${cfg.allServices.join(', ')})`);
  let last = 0;
  const { code } = await onServers(cfg, io, { rolling: true, summary: false }, async ({ app }) => {
    // A Swarm task runs on whichever node Swarm chose; compose exec on the manager would miss it.
    if (app instanceof SwarmApp) throw new UsageError(`slipway exec runs 'docker compose exec'; with engine: swarm, run 'docker exec' on the node that runs the task ('slipway status' shows which)`);
    await app.observe();
    app.requireReady();
    const r = await app.exec.run(composeExec(app.target(), service, cmd), { onLine: (stream, line) => (stream === 'stdout' ? io.stdout(`${line}\n`) : io.stderr(`${line}\n`)) });
    last = r.code;
    if (r.code !== 0) io.stderr(`${app.exec.name}: the command exited with ${r.code}\n`);
    return `exit ${r.code}`;
  });
  return code !== EXIT.clean ? code : last === 0 ? EXIT.clean : EXIT.findings;
}
