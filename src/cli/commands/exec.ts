// `slipway exec [-i] [-t] SERVICE -- CMD...`: runs a command in the service's running container
// (docker compose exec). Without -i/-t: on each server, one after the other, no input, output
// line by line. With -i the command reads this process's stdin; with -t it also gets a terminal
// (ssh -t, compose exec without -T), for a shell or a console. Both talk to one server only.

import { composeExec } from '../../deploy/commands/docker.js';
import { SwarmApp } from '../../deploy/swarm/app.js';
import { EXIT, UsageError } from '../../errors.js';
import type { CliIO } from '../io.js';
import { loadDeployConfig, onServers, parseServerArgs, SERVER_HELP } from './remote.js';

export const EXEC_HELP = `Usage: slipway exec [options] [-i] [-t] SERVICE -- COMMAND [ARG...]

Runs COMMAND in SERVICE's running container (docker compose exec). The arguments reach the
container exactly as given.

Without -i or -t: on each server, one after the other; no input, no terminal (compose exec -T).
  -i, --interactive   the command reads this terminal's or pipe's standard input
                      (echo data | slipway exec -i web -- sh -c 'cat > /tmp/x')
  -t, --tty           the command gets a terminal, as ssh -t gives one (implies -i):
                      slipway exec -it web -- sh. Standard input must be a terminal.
With -i or -t the command runs on one server: choose it with --server or --group.
(Here -i is --interactive, as in docker exec; the SSH key is --identity KEYFILE.)

${SERVER_HELP}`;

export async function runExec(argv: string[], io: CliIO): Promise<number> {
  const dash = argv.indexOf('--');
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const cmd = dash < 0 ? [] : argv.slice(dash + 1);
  const { values, positionals } = parseServerArgs(own, {
    // -i means --interactive here, as in docker exec; the key file stays --identity.
    identity: { type: 'string' },
    interactive: { type: 'boolean', short: 'i' },
    tty: { type: 'boolean', short: 't' },
  } as const);
  if (values.help) return io.stdout(EXEC_HELP), EXIT.clean;
  if (positionals.length !== 1 || cmd.length === 0) throw new UsageError(`usage: slipway exec [-i] [-t] SERVICE -- COMMAND [ARG...]`);
  const service = positionals[0]!;
  const tty = values.tty === true;
  const interactive = tty || values.interactive === true;
  if (interactive && !io.stdin) throw new UsageError('slipway exec -i/-t: this slipway has no standard input to hand over');
  if (tty && !io.stdin!.isTTY) {
    throw new UsageError('slipway exec -t needs a terminal, and standard input is not one (a pipe or a file). Use -i to send it to the command, or run from a terminal.');
  }
  const cfg = await loadDeployConfig(values, io);
  if (!cfg.allServices.includes(service)) throw new UsageError(`no service '${service}' in ${cfg.composeNames.join(', ')} (${cfg.allServices.join(', ')})`);
  if (interactive && cfg.servers.length > 1) {
    throw new UsageError(`slipway exec -${tty ? 't' : 'i'} runs on one server, and ${cfg.servers.length} are configured (${cfg.servers.map((s) => s.label).join(', ')}): choose one with --server or --group`);
  }
  let last = 0;
  const { code } = await onServers(cfg, io, { rolling: true, summary: false }, async ({ app }) => {
    // A Swarm task runs on whichever node Swarm chose; compose exec on the manager would miss it.
    if (app instanceof SwarmApp) throw new UsageError(`slipway exec runs 'docker compose exec'; with engine: swarm, run 'docker exec' on the node that runs the task ('slipway status' shows which)`);
    await app.observe();
    app.requireReady();
    const step = composeExec(app.target(), service, cmd, tty);
    const r = interactive
      ? await app.exec.run(step, { stdio: { stdin: io.stdin!.fd, tty } })
      : await app.exec.run(step, { onLine: (stream, line) => (stream === 'stdout' ? io.stdout(`${line}\n`) : io.stderr(`${line}\n`)) });
    last = r.code;
    if (r.code !== 0) io.stderr(`${app.exec.name}: the command exited with ${r.code}\n`);
    return `exit ${r.code}`;
  });
  return code !== EXIT.clean ? code : last === 0 ? EXIT.clean : EXIT.findings;
}
