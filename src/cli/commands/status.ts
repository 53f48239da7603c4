// `slipway status`: per server, the current release, the deploy lock, and each container:
// service, state, health, tag, since when.

import { lockStatus, parseLockStatus, describeLock } from '../../deploy/commands/lock.js';
import { poll, splitPoll } from '../../deploy/commands/release.js';
import { parseInspect } from '../../deploy/health.js';
import { HANDOVER_SYSCTL } from '../../deploy/proxy/caddy.js';
import { currentRelease } from '../../deploy/plan/releases.js';
import { SwarmApp } from '../../deploy/swarm/app.js';
import { EXIT, UsageError } from '../../errors.js';
import type { CliIO } from '../io.js';
import { loadDeployConfig, onServers, parseServerArgs, SERVER_HELP } from './remote.js';
import { swarmStatus } from './swarm-status.js';

export const STATUS_HELP = `Usage: slipway status [options]

Shows, for each server: the current release (tag, digest, when, by whom), whether a deploy
holds the lock, and every container of the app with its state, health, tag and start time.

      --json      print JSON

${SERVER_HELP}`;

export async function runStatus(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseServerArgs(argv, { json: { type: 'boolean' } } as const);
  if (values.help) return io.stdout(STATUS_HELP), EXIT.clean;
  if (positionals.length) throw new UsageError(`'slipway status' takes no arguments`);
  const cfg = await loadDeployConfig(values, io);
  const all: unknown[] = [];
  const { code } = await onServers(cfg, io, { summary: false }, async ({ app }) => {
    if (app instanceof SwarmApp) {
      const out = await swarmStatus(app, app.exec.name.replace(/^ssh /, ''));
      if (values.json) all.push(out.json);
      else io.stdout(out.text);
      return 'ok';
    }
    const state = await app.observe(true);
    app.requireReady();
    const current = currentRelease(state.history);
    const lock = parseLockStatus((await app.run(lockStatus(app.layout.lock))).stdout);
    const r = await app.run(poll(app.layout, app.project, current ? app.ref(current.tag) : `${cfg.image}:latest`));
    const containers = parseInspect(splitPoll(r.stdout, cfg.image).inspect);
    const name = app.exec.name.replace(/^ssh /, '');
    // zero-downtime: whether a switch can reset a waiting connection on this server (src/deploy/proxy/caddy.ts).
    const zd = cfg.strategy === 'zero-downtime';
    if (values.json) {
      all.push({ server: name, current: current ?? null, lock, containers, ...(zd ? { proxyHandOver: state.handOver } : {}) });
      return 'ok';
    }
    const lines = [`${name}: ${app.layout.dir} (${state.compose === 'plugin' ? 'docker compose' : 'docker-compose'} ${state.composeVersion ?? ''}, docker ${state.docker})`];
    lines.push(current ? `  release ${current.tag}${current.digest ? ` ${current.digest}` : ''}, ${current.action} by ${current.by} at ${current.time}` : '  no release yet');
    if (zd && !state.handOver) lines.push(`  proxy: this server's kernel has no ${HANDOVER_SYSCTL} (Linux 5.14+): a switch may reset a connection that arrives during it`);
    if (lock.state !== 'none') lines.push(`  lock: ${lock.state === 'stale' ? 'STALE ' : ''}held ${describeLock(lock.details)}`);
    const rows = [['SERVICE', 'STATE', 'HEALTH', 'TAG', 'SINCE', 'CONTAINER']];
    for (const c of containers) {
      rows.push([c.service, c.state, c.health ?? '-', c.image.startsWith(`${cfg.image}:`) ? c.image.slice(cfg.image.length + 1) : c.image, c.startedAt?.replace(/\.\d+Z$/, 'Z') ?? '', c.name]);
    }
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
    if (containers.length) lines.push(...rows.map((row) => `  ${row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()}`));
    else lines.push('  no containers');
    io.stdout(`${lines.join('\n')}\n`);
    return 'ok';
  });
  if (values.json) io.stdout(`${JSON.stringify(all, null, 2)}\n`);
  return code;
}
