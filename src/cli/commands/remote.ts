// What every server command shares (setup, deploy, rollback, releases, status, logs, exec,
// prune, df): the flags, the config, one executor per server, progress lines, parallel or
// rolling runs, and the summary table.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.js';
import { RemoteApp, type RemoteExecutor } from '../../deploy/app.js';
import { type DeployConfig, type DeployFlags, envValues, resolveDeployConfig } from '../../deploy/config.js';
import { SwarmApp } from '../../deploy/swarm/app.js';
import { EXIT, UsageError } from '../../errors.js';
import { dryRunExecutor } from '../../exec/index.js';
import { SshExecutor } from '../../exec/ssh.js';
import type { CliIO } from '../io.js';

export const SERVER_OPTIONS = {
  server: { type: 'string', short: 's', multiple: true },
  group: { type: 'string' },
  path: { type: 'string' },
  image: { type: 'string' },
  app: { type: 'string' },
  compose: { type: 'string', multiple: true },
  identity: { type: 'string', short: 'i' },
  'ssh-config': { type: 'string' },
  'accept-new-host-key': { type: 'boolean' },
  engine: { type: 'string' },
  config: { type: 'string', short: 'c' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const RELEASE_OPTIONS = {
  'health-timeout': { type: 'string' },
  keep: { type: 'string' },
  'dry-run': { type: 'boolean' },
  rolling: { type: 'boolean' },
  'lock-wait': { type: 'string' },
  'break-lock': { type: 'boolean' },
  strategy: { type: 'string' },
  'proxy-image': { type: 'string' },
} as const;

export const SERVER_HELP = `Servers and config (flags win over the deploy: section of .slipway.yaml):
  -s, --server USER@HOST[:PORT]  a server (repeatable); also a ~/.ssh/config alias
      --group NAME               only the servers of this group of deploy.servers
      --path DIR                 the app's folder on the servers (default /srv/<app>)
      --image REPOSITORY         the image, without tag (default deploy.image, or the compose file's)
      --app NAME                 the compose project name (default deploy.app, or the folder's name)
      --compose FILE             a production compose file to ship (repeatable)
  -i, --identity KEYFILE         the SSH key (otherwise ssh-agent and ~/.ssh/config)
      --ssh-config FILE          an ssh_config file instead of ~/.ssh/config
      --accept-new-host-key      record the host key of a server seen for the first time
                                 (otherwise an unknown host key is refused; a changed one always is)
      --engine compose|swarm     docker compose on each server (default), or docker stack deploy
                                 on a Swarm manager (deploy.engine; see README "Docker Swarm")
  -c, --config FILE              the config file (default .slipway.yaml)
Registry credentials for the servers come from SLIPWAY_REGISTRY_USER and SLIPWAY_REGISTRY_PASSWORD.
`;

export const RELEASE_HELP = `Release options:
      --health-timeout SECONDS   how long a release may take to be healthy (default 60)
      --keep N                   releases whose images stay on the servers (default 5)
      --rolling                  one server at a time, stopping at the first failure (default: all in parallel)
      --lock-wait SECONDS        wait this long for another deploy's lock (default: fail at once)
      --break-lock               remove a stale lock left by a deploy that died
      --strategy NAME            recreate (default: compose's up -d, the old container stops first) or
                                 zero-downtime (the new one starts beside it behind a Caddy proxy, takes
                                 the traffic once its health check passes, then the old one is drained)
      --proxy-image IMAGE        zero-downtime: the proxy's image (default caddy:2)
      --dry-run                  print every remote command (secrets [REDACTED]) and run nothing
`;

export function parseServerArgs<T extends Record<string, any>>(argv: string[], extra: T, allowPositionals = true) {
  return parseArgs({ args: argv, allowPositionals, options: { ...SERVER_OPTIONS, ...extra } as typeof SERVER_OPTIONS & T });
}

export async function loadDeployConfig(values: Record<string, unknown>, io: CliIO): Promise<DeployConfig> {
  const config = await loadConfig(io.cwd, typeof values.config === 'string' ? resolve(io.cwd, values.config) : undefined);
  return resolveDeployConfig({ cwd: io.cwd, env: io.env, section: config.deploy, source: config.source, flags: values as DeployFlags });
}

export interface ServerRun {
  app: RemoteApp;
  say: (line: string) => void;
}

export interface RunOptions {
  dryRun?: boolean;
  rolling?: boolean;
  /** Send the deploy: env values (setup, deploy). */
  withEnv?: boolean;
  /** Print a summary table when there are several servers (default true). */
  summary?: boolean;
}

export interface ServerResult {
  server: string;
  ok: boolean;
  detail: string;
  seconds: number;
}

/**
 * Runs `fn` on every server: in parallel, or one after the other with --rolling (stopping at the
 * first failure). Each server's progress lines start with its name. Returns the exit code.
 */
export async function onServers(
  cfg: DeployConfig,
  io: CliIO,
  opts: RunOptions,
  fn: (run: ServerRun) => Promise<string>,
): Promise<{ code: number; results: ServerResult[] }> {
  const env = opts.withEnv ? envValues(cfg, io.env) : [];
  const many = cfg.servers.length > 1;
  const results: ServerResult[] = [];
  const one = async (i: number): Promise<boolean> => {
    const server = cfg.servers[i]!;
    const prefix = many || opts.dryRun ? `[${server.label}] ` : '';
    const say = (line: string) => io.stderr(`${prefix}${line}\n`);
    const exec: RemoteExecutor & { close?: () => Promise<void> } = opts.dryRun
      ? dryRunExecutor((line) => io.stdout(`${prefix}$ ${line}\n`))
      : new SshExecutor(server, cfg.ssh);
    if (io.env.SLIPWAY_TRACE) traceTimes(exec, say);
    const started = Date.now();
    try {
      const App = cfg.engine === 'swarm' ? SwarmApp : RemoteApp;
      const app = new App(exec, cfg, server, say, env);
      if (io.env.SLIPWAY_TRACE) app.trace = say;
      const detail = await fn({ app, say });
      results[i] = { server: server.label, ok: true, detail, seconds: (Date.now() - started) / 1000 };
      return true;
    } catch (e) {
      const message = (e as Error).message ?? String(e);
      if (!(e instanceof Error) || !['OperationError', 'ReleaseFailed', 'StepFailed', 'UsageError', 'SecretInArgv'].includes(e.name)) throw e;
      io.stderr(`${prefix}error: ${message}\n`);
      results[i] = { server: server.label, ok: false, detail: firstLine(message), seconds: (Date.now() - started) / 1000 };
      return false;
    } finally {
      const t = Date.now();
      await exec.close?.();
      if (io.env.SLIPWAY_TRACE && exec.close) say(`  [trace] close the connection: ${((Date.now() - t) / 1000).toFixed(2)}s`);
    }
  };
  if (opts.rolling) {
    for (let i = 0; i < cfg.servers.length; i++) {
      if (!(await one(i))) {
        for (let j = i + 1; j < cfg.servers.length; j++) results[j] = { server: cfg.servers[j]!.label, ok: false, detail: 'skipped (an earlier server failed)', seconds: 0 };
        break;
      }
    }
  } else {
    await Promise.all(cfg.servers.map((_, i) => one(i)));
  }
  if (many && opts.summary !== false) io.stderr(summaryTable(results));
  return { code: results.every((r) => r.ok) ? EXIT.clean : EXIT.error, results };
}

export function summaryTable(results: ServerResult[]): string {
  const rows = [['SERVER', 'RESULT', 'TIME', 'DETAIL'], ...results.map((r) => [r.server, r.ok ? 'ok' : 'FAILED', `${r.seconds.toFixed(1)}s`, r.detail])];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  return `\n${rows.map((r) => r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell)).join('  ').trimEnd()).join('\n')}\n`;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!;
}

export function lockWait(values: Record<string, unknown>): number {
  if (values['lock-wait'] === undefined) return 0;
  const n = Number(values['lock-wait']);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--lock-wait wants seconds, not '${values['lock-wait']}'`);
  return n;
}

/** SLIPWAY_TRACE=1: each remote step's wall time, to see where a deploy spends it. */
function traceTimes(exec: RemoteExecutor, say: (line: string) => void): void {
  const run = exec.run.bind(exec);
  exec.run = async (step, hooks) => {
    const t = Date.now();
    try {
      return await run(step, hooks);
    } finally {
      say(`  [trace] ${step.label ?? String(step.argv[0])}: ${((Date.now() - t) / 1000).toFixed(2)}s`);
    }
  };
  const hold = exec.hold?.bind(exec);
  if (!hold) return;
  exec.hold = async (step) => {
    const t = Date.now();
    const held = await hold(step);
    say(`  [trace] ${step.label ?? String(step.argv[0])} (first line): ${((Date.now() - t) / 1000).toFixed(2)}s`);
    const ask = held.ask.bind(held);
    held.ask = async (text, end, opts) => {
      const t2 = Date.now();
      try {
        return await ask(text, end, opts);
      } finally {
        say(`  [trace] session ${text ? JSON.stringify(text.split(' ')[0]) : 'answer'} until ${end}: ${((Date.now() - t2) / 1000).toFixed(2)}s`);
      }
    };
    return held;
  };
}
