// `slipway status` with engine: swarm: the current release, the lock, the Swarm's nodes, and
// each running (or failing) task of the stack: service, slot, state, tag, node.

import { describeLock, lockStatus, parseLockStatus } from '../../deploy/commands/lock.js';
import { currentRelease } from '../../deploy/plan/releases.js';
import type { SwarmApp } from '../../deploy/swarm/app.js';
import { listNodes, pollStack, splitPollStack } from '../../deploy/swarm/commands.js';
import { parseServices, parseTasks } from '../../deploy/swarm/health.js';

export interface NodeView {
  id: string;
  hostname: string;
  status: string;
  availability: string;
  manager: string;
}

export function parseNodes(stdout: string): NodeView[] {
  const out: NodeView[] = [];
  for (const line of stdout.split('\n')) {
    try {
      const v = JSON.parse(line);
      out.push({ id: String(v.ID ?? ''), hostname: String(v.Hostname ?? ''), status: String(v.Status ?? ''), availability: String(v.Availability ?? ''), manager: String(v.ManagerStatus ?? '') });
    } catch {}
  }
  return out;
}

export async function swarmStatus(app: SwarmApp, name: string): Promise<{ json: unknown; text: string }> {
  const state = await app.observe();
  await app.readSwarm();
  app.requireReady();
  const current = currentRelease(state.history);
  const [lockOut, pollOut, nodesOut] = await Promise.all([app.run(lockStatus(app.layout.lock)), app.run(pollStack(app.layout, app.project)), app.run(listNodes(app.layout))]);
  const lock = parseLockStatus(lockOut.stdout);
  const split = splitPollStack(pollOut.stdout);
  const services = parseServices(split.services);
  const nodes = parseNodes(nodesOut.stdout);
  // Tasks Swarm still wants, and the latest failed one of each slot (what went wrong shows).
  const tasks = parseTasks(split.tasks).filter((t) => t.desired === 'running' || ['failed', 'rejected'].includes(t.state));
  const rows = tasks.map((t) => {
    const svc = services.find((s) => s.id === t.serviceId);
    const short = svc?.name.startsWith(`${app.project}_`) ? svc.name.slice(app.project.length + 1) : (svc?.name ?? t.serviceId);
    const node = nodes.find((n) => n.id === t.nodeId);
    const image = t.image.replace(/@sha256:[0-9a-f]+$/, '');
    return {
      service: short,
      slot: t.slot ?? null,
      state: t.state,
      tag: image.startsWith(`${app.cfg.image}:`) ? image.slice(app.cfg.image.length + 1) : image,
      node: node ? `${node.hostname} ${node.id.slice(0, 12)}` : t.nodeId.slice(0, 12),
      nodeId: t.nodeId,
      ...(t.err ? { error: t.err } : {}),
    };
  });
  const json = { server: name, engine: 'swarm', current: current ?? null, lock, nodes, services: services.map((s) => ({ name: s.name, image: s.image, replicas: s.replicas ?? null, update: s.update ?? null })), tasks: rows };
  const lines = [`${name}: ${app.layout.dir} (Swarm manager, docker ${state.docker})`];
  lines.push(current ? `  release ${current.tag}${current.digest ? ` ${current.digest}` : ''}, ${current.action} by ${current.by} at ${current.time}` : '  no release yet');
  if (lock.state !== 'none') lines.push(`  lock: ${lock.state === 'stale' ? 'STALE ' : ''}held ${describeLock(lock.details)}`);
  lines.push(...table([['NODE', 'STATUS', 'AVAILABILITY', 'MANAGER'], ...nodes.map((n) => [`${n.hostname} ${n.id.slice(0, 12)}`, n.status, n.availability, n.manager || '-'])]));
  for (const s of services) if (s.update && s.update.state !== 'completed') lines.push(`  ${s.name}: update ${s.update.state}${s.update.message ? ` (${s.update.message})` : ''}`);
  if (rows.length) lines.push(...table([['SERVICE', 'SLOT', 'STATE', 'TAG', 'NODE', 'ERROR'], ...rows.map((r) => [r.service, String(r.slot ?? '-'), r.state, r.tag, r.node, r.error ?? ''])]));
  else lines.push('  no tasks');
  return { json, text: `${lines.join('\n')}\n` };
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => `  ${r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()}`);
}
