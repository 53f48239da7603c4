// The single-node Swarm row of bench/zero-downtime.bench.ts: requests that fail while slipway
// deploys a new release with engine: swarm (docker stack deploy, update order start-first: the
// new task runs and is healthy before the old one stops), behind a proxy on the stack's network
// (caddy re-reading Swarm's DNS for the web tasks; this kernel has no IPVS, so Swarm's own
// routing mesh cannot be the front here). The Swarm is the manager node of
// `bash scripts/test-env.sh start swarm` alone (an engine of our own in a network namespace).
// Prints figures through the table; never fails on them.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, freePort, writeSshConfig } from '../test/e2e/deploy-env.js';
import { registry, run, uniqueName } from '../test/e2e/env.js';
import { buildProxy, nodeDocker, onNodes, swarmNodes, type SwarmNodes } from '../test/e2e/swarm-env.js';
import type { LoadFn, ZdRow } from './zero-downtime-types.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'slipway.js');
const LABEL = 'single-node Swarm, start-first (slipway deploy --engine swarm)';

export async function swarmStartFirstRow(load: LoadFn): Promise<ZdRow> {
  let n: SwarmNodes;
  try {
    n = swarmNodes();
  } catch {
    return { label: LABEL, skipped: 'the Swarm nodes are not running: bash scripts/test-env.sh start swarm' };
  }
  const wasInSwarm = (await nodeDocker(n.managerDocker, ['info', '--format', '{{.Swarm.LocalNodeState}}'])).stdout.trim() === 'active';
  const reg = registry();
  const base = mkdtempSync(join(tmpdir(), 'slipway-swarm-bench-'));
  const name = uniqueName('slipway-swarm-bench').replace(/[^a-z0-9-]/g, '');
  const app = `swbench${process.pid}`;
  const repo = `${reg.host}/${name}/app`;
  try {
    const dockerConfig = join(base, 'docker-config');
    await buildApp(repo, [{ tag: 'a', version: 'a' }, { tag: 'b', version: 'b' }], dockerConfig);
    await buildProxy(`${reg.host}/${name}/proxy:1`, dockerConfig);
    const port = await freePort();
    const project = join(base, 'project');
    mkdirSync(project);
    // Both services on the manager: a one-node Swarm even when the worker has joined.
    writeFileSync(
      join(project, 'compose.yaml'),
      `services:\n  web:\n    image: ${onNodes(n, repo)}:latest\n    deploy:\n      replicas: 2\n      endpoint_mode: dnsrr\n      placement:\n        constraints: [node.role == manager]\n  proxy:\n    image: ${onNodes(n, `${reg.host}/${name}/proxy:1`)}\n    ports:\n      - target: 80\n        published: ${port}\n        mode: host\n    deploy:\n      placement:\n        constraints: [node.role == manager]\n`,
    );
    writeFileSync(
      join(project, '.slipway.yaml'),
      `deploy:\n  engine: swarm\n  app: ${app}\n  image: ${onNodes(n, repo)}\n  servers: [root@${n.manager}]\n  path: ${join(base, 'srv', app)}\n  ssh-config: ${writeSshConfig(base)}\n  health-timeout: 120\n  swarm:\n    advertise-addr: ${n.managerAddr}\n    monitor: 2\n`,
    );
    const env = { ...process.env, SLIPWAY_REGISTRY_USER: reg.user, SLIPWAY_REGISTRY_PASSWORD: reg.password } as Record<string, string>;
    const slipway = (argv: string[]) => run(process.execPath, [CLI, ...argv], { cwd: project, env, timeoutMs: 300_000 });
    for (const argv of [['setup'], ['deploy', '--tag', 'a']]) {
      const r = await slipway(argv);
      if (r.code !== 0) return { label: LABEL, skipped: `slipway ${argv.join(' ')} failed: ${(r.stderr || r.stdout).trim().split('\n').pop()}` };
    }
    let seconds = 0;
    let code = 0;
    const result = await load(`http://${n.manager}:${port}/`, async () => {
      const t = Date.now();
      code = (await slipway(['deploy', '--tag', 'b'])).code;
      seconds = (Date.now() - t) / 1000;
    });
    return { label: LABEL, result, seconds, note: `deploy exit ${code}; 2 web tasks, update_config order start-first, monitor 2 s, caddy in front` };
  } finally {
    await nodeDocker(n.managerDocker, ['stack', 'rm', app]).catch(() => undefined);
    if (!wasInSwarm) await nodeDocker(n.managerDocker, ['swarm', 'leave', '--force']).catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
  }
}
