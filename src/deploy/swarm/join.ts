// `slipway setup` with engine: swarm, after the manager is ready: each worker of
// deploy.swarm.workers joins the manager's Swarm over its own SSH connection. A worker that is
// already in a Swarm is left as it is (said, not changed). The worker token reaches each worker on
// stdin and is rotated once they have joined, so a copy of it is worth nothing afterwards.

import { OperationError } from '../../errors.js';
import { sensitive } from '../../exec/index.js';
import type { Executor } from '../../exec/index.js';
import type { SshServer } from '../../exec/ssh.js';
import { lastLines } from '../app.js';
import type { SwarmApp } from './app.js';
import * as sw from './commands.js';

export interface JoinResult {
  worker: string;
  result: 'joined' | 'already' | 'failed';
  detail?: string;
}

export async function joinWorkers(
  manager: SwarmApp,
  workers: (SshServer & { advertiseAddr?: string })[],
  connect: (server: SshServer) => Executor & { close?: () => Promise<void> },
): Promise<JoinResult[]> {
  if (!workers.length) return [];
  const { addr, token } = manager.dry ? { addr: '<manager>:2377', token: '<token>' } : await manager.joinDetails();
  const secret = sensitive(token);
  const out: JoinResult[] = [];
  let joined = 0;
  for (const w of workers) {
    const exec = connect(w);
    try {
      const info = sw.parseSwarmInfo((await exec.run(sw.swarmInfo(manager.layout))).stdout);
      if (info.state === 'active' && !manager.dry) {
        manager.say(`${w.label} is already in a Swarm (${info.manager ? 'manager' : 'worker'}); left as it is`);
        out.push({ worker: w.label, result: 'already' });
        continue;
      }
      manager.say(`${w.label} joins the Swarm at ${addr}`);
      const r = await exec.run(sw.swarmJoin(addr, secret, w.advertiseAddr));
      if (r.code !== 0) {
        out.push({ worker: w.label, result: 'failed', detail: lastLines(r.stderr || r.stdout, 2) });
        continue;
      }
      joined++;
      out.push({ worker: w.label, result: 'joined' });
    } catch (e) {
      out.push({ worker: w.label, result: 'failed', detail: (e as Error).message.split('\n')[0] });
    } finally {
      await exec.close?.();
    }
  }
  if (joined) await manager.run(sw.rotateJoinToken(manager.layout));
  const bad = out.filter((o) => o.result === 'failed');
  if (bad.length) throw new OperationError(`could not join ${bad.map((b) => `${b.worker} (${b.detail})`).join('; ')}`);
  return out;
}
