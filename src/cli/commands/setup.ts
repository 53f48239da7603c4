// `slipway setup`: once per server: checks docker and compose, creates the app folder with data/,
// uploads the production compose file(s) and .env (mode 600), and logs the server in to the registry.

import { SwarmApp } from '../../deploy/swarm/app.js';
import { joinWorkers } from '../../deploy/swarm/join.js';
import { EXIT, UsageError } from '../../errors.js';
import { dryRunExecutor } from '../../exec/index.js';
import { SshExecutor } from '../../exec/ssh.js';
import type { CliIO } from '../io.js';
import { loadDeployConfig, onServers, parseServerArgs, SERVER_HELP } from './remote.js';

export const SETUP_HELP = `Usage: slipway setup [options]

Prepares each server once: checks docker and compose (the 'docker compose' plugin or
docker-compose), creates the app folder with data/, uploads the production compose file(s) and
.env (mode 600, written atomically), and logs the server in to the registry with
--password-stdin. Source code and the development override are never uploaded.
With engine: swarm, the server is the manager: 'docker swarm init' when it is in no Swarm yet,
then each of deploy.swarm.workers joins it over SSH (the join token on stdin, rotated after).

  --dry-run    print every remote command (secrets [REDACTED]) and run nothing
  --rolling    one server at a time

${SERVER_HELP}`;

export async function runSetup(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseServerArgs(argv, { 'dry-run': { type: 'boolean' }, rolling: { type: 'boolean' } } as const);
  if (values.help) return io.stdout(SETUP_HELP), EXIT.clean;
  if (positionals.length) throw new UsageError(`'slipway setup' takes no arguments (got ${positionals.join(' ')})`);
  const cfg = await loadDeployConfig(values, io);
  const { code } = await onServers(cfg, io, { dryRun: values['dry-run'], rolling: values.rolling, withEnv: true }, async ({ app, say }) => {
    const s = await app.observe(true);
    app.requireReady(true);
    say(`docker ${s.docker}, compose ${s.compose}${s.composeVersion ? ` ${s.composeVersion}` : ''}`);
    await app.setup();
    if (app instanceof SwarmApp) {
      const joined = await joinWorkers(app, cfg.swarm?.workers ?? [], (w) =>
        values['dry-run'] ? dryRunExecutor((line) => io.stdout(`[${w.label}] $ ${line}\n`)) : new SshExecutor(w, cfg.ssh),
      );
      if (joined.length) say(`workers: ${joined.map((j) => `${j.worker} ${j.result}`).join(', ')}`);
    }
    say(`${app.layout.dir} is ready${cfg.login ? `, logged in to ${cfg.registry}` : ` (no SLIPWAY_REGISTRY_USER/PASSWORD: the server must be able to pull ${cfg.image} already)`}`);
    return app.layout.dir;
  });
  return code;
}
