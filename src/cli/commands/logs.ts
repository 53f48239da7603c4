// `slipway logs [-f] [--since T] [--tail N] [SERVICE...]`: the app's logs from each server.

import { composeLogs, projectLogs } from '../../deploy/commands/docker.js';
import { SwarmApp } from '../../deploy/swarm/app.js';
import { serviceLogs } from '../../deploy/swarm/commands.js';
import { EXIT, UsageError } from '../../errors.js';
import type { CliIO } from '../io.js';
import { loadDeployConfig, onServers, parseServerArgs, SERVER_HELP } from './remote.js';

export const LOGS_HELP = `Usage: slipway logs [options] [SERVICE...]

Prints the app's logs (docker compose logs) from each server, each line prefixed with the
server when there are several.

  -f, --follow      keep printing new lines
      --since TIME  only lines since TIME (e.g. 10m, 2025-01-01T00:00:00)
  -n, --tail N      the last N lines of each container (default 100)
  -t, --timestamps  show timestamps

${SERVER_HELP}`;

export async function runLogs(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseServerArgs(argv, {
    follow: { type: 'boolean', short: 'f' },
    since: { type: 'string' },
    tail: { type: 'string', short: 'n' },
    timestamps: { type: 'boolean', short: 't' },
  } as const);
  if (values.help) return io.stdout(LOGS_HELP), EXIT.clean;
  const tail = Number(values.tail ?? 100);
  if (!Number.isInteger(tail) || tail < 0) throw new UsageError(`--tail wants a whole number, not '${values.tail}'`);
  const cfg = await loadDeployConfig(values, io);
  for (const s of positionals) if (!cfg.allServices.includes(s)) throw new UsageError(`no service '${s}' in ${cfg.composeNames.join(', ')} (${cfg.allServices.join(', ')})`);
  const many = cfg.servers.length > 1;
  const { code } = await onServers(cfg, io, { summary: false }, async ({ app }) => {
    const state = await app.observe();
    if (app instanceof SwarmApp) {
      await app.readSwarm();
      app.requireReady();
      // docker service logs: one service at a time (its tasks on every node), each line prefixed with the service.
      const lines = (stream: 'stdout' | 'stderr', svc: string, line: string) => (stream === 'stdout' ? io.stdout : io.stderr)(`${many ? `[${app.exec.name.replace(/^ssh /, '')}] ` : ''}${svc} | ${line}\n`);
      const services = positionals.length ? positionals : cfg.allServices;
      const results = await Promise.all(
        services.map((svc) =>
          app.exec.run(serviceLogs(app.layout, `${app.project}_${svc}`, { follow: values.follow, tail, since: values.since, timestamps: values.timestamps }), {
            onLine: (stream, line) => lines(stream, svc, line),
          }),
        ),
      );
      const bad = results.findIndex((r) => r.code !== 0);
      if (bad >= 0) throw new UsageError(`${app.exec.name}: docker service logs ${app.project}_${services[bad]} failed (exit ${results[bad]!.code})`);
      return 'ok';
    }
    app.requireReady();
    const prefix = many ? `[${app.exec.name.replace(/^ssh /, '')}] ` : '';
    const opts = { follow: values.follow, tail, since: values.since, timestamps: values.timestamps, services: positionals };
    // docker-compose v1 has no --since: then each container's `docker logs`, prefixed as compose does.
    const step = values.since && state.compose !== 'plugin' ? projectLogs(app.layout, app.project, opts) : composeLogs(app.target(), opts);
    const r = await app.exec.run(step, { onLine: (stream, line) => (stream === 'stdout' ? io.stdout(`${prefix}${line}\n`) : io.stderr(`${prefix}${line}\n`)) });
    if (r.code !== 0) throw new UsageError(`${app.exec.name}: docker compose logs failed (exit ${r.code})`);
    return 'ok';
  });
  return code;
}
