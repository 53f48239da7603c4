// Helpers for the Swarm end-to-end tests: the two nodes `scripts/test-env.sh start swarm` runs
// (own engines in network namespaces; never the shared engine), a reverse proxy image for the
// front of the stack (Debian's caddy, FROM scratch), and a steady HTTP load that counts failures.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { docker, registry, run, type RunResult, testEnvDir } from './env.js';

export interface SwarmNodes {
  /** Where the nodes pull from (the test registry's storage, served on the namespaces' side). */
  registry: string;
  manager: string;
  worker: string;
  managerAddr: string;
  workerAddr: string;
  managerDocker: string;
  workerDocker: string;
  workerNetns: string;
}

export function swarmNodes(): SwarmNodes {
  const file = join(testEnvDir, 'env');
  const fromFile: Record<string, string> = {};
  if (existsSync(file)) for (const m of readFileSync(file, 'utf8').matchAll(/^(SLIPWAY_SWARM_[A-Z_]+)=(.*)$/gm)) fromFile[m[1]!] = m[2]!;
  const get = (k: string) => {
    const v = process.env[k] ?? fromFile[k];
    assert.ok(v, `${k} is not set: the Swarm nodes are not running. Run \`bash scripts/test-env.sh start swarm\`.`);
    return v;
  };
  return {
    registry: get('SLIPWAY_SWARM_REGISTRY'),
    manager: get('SLIPWAY_SWARM_MANAGER'),
    worker: get('SLIPWAY_SWARM_WORKER'),
    managerAddr: get('SLIPWAY_SWARM_MANAGER_ADDR'),
    workerAddr: get('SLIPWAY_SWARM_WORKER_ADDR'),
    managerDocker: get('SLIPWAY_SWARM_MANAGER_DOCKER'),
    workerDocker: get('SLIPWAY_SWARM_WORKER_DOCKER'),
    workerNetns: get('SLIPWAY_SWARM_WORKER_NETNS'),
  };
}

/** docker against one of the nodes' own engines (test setup and inspection only). */
export function nodeDocker(host: string, args: string[], input?: string): Promise<RunResult> {
  return docker(args, { env: { DOCKER_HOST: host }, ...(input !== undefined ? { input } : {}), timeoutMs: 60_000 });
}

/** Cuts (or restores) the worker's link to the manager: to the Swarm, the worker is lost. */
export function workerLink(n: SwarmNodes, up: boolean): Promise<RunResult> {
  return run('nsenter', [`--net=/run/netns/${n.workerNetns}`, 'ip', 'link', 'set', 'tonode', up ? 'up' : 'down']);
}

const CADDYFILE = `{
	admin off
	auto_https off
}
:80 {
	# Swarm's DNS lists the tasks of the web service (endpoint_mode: dnsrr); re-read every second.
	reverse_proxy {
		dynamic a tasks.web 8080 {
			refresh 1s
		}
		lb_try_duration 5s
		lb_try_interval 100ms
		fail_duration 10s
	}
}
`;

/** A caddy image (from the host's Debian caddy) with a Caddyfile in front of tasks.web:8080, pushed as `ref`. */
export async function buildProxy(ref: string, dockerConfig: string): Promise<void> {
  assert.ok(existsSync('/usr/bin/caddy'), '/usr/bin/caddy is missing: scripts/test-env.sh installs Debian\'s caddy');
  const ctx = mkdtempSync(join(tmpdir(), 'slipway-swarm-proxy-'));
  try {
    const files = ['/usr/bin/caddy', '/lib64/ld-linux-x86-64.so.2'];
    for (const m of execFileSync('ldd', ['/usr/bin/caddy'], { encoding: 'utf8' }).matchAll(/=>\s+(\/\S+)/g)) files.push(m[1]!);
    for (const f of files) {
      mkdirSync(join(ctx, dirname(f)), { recursive: true });
      copyFileSync(f, join(ctx, f));
    }
    for (const d of ['config', 'data', 'etc/caddy']) mkdirSync(join(ctx, d), { recursive: true });
    writeFileSync(join(ctx, 'etc/caddy/Caddyfile'), CADDYFILE);
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY . /\nENV PATH=/usr/bin XDG_CONFIG_HOME=/config XDG_DATA_HOME=/data\nCMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]\n');
    const b = await docker(['build', '-q', '-t', ref, ctx], { timeoutMs: 180_000, env: { DOCKER_CONFIG: dockerConfig } });
    assert.equal(b.code, 0, b.stderr);
    const p = await docker(['push', ref], { timeoutMs: 180_000, env: { DOCKER_CONFIG: dockerConfig } });
    assert.equal(p.code, 0, p.stderr);
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}

/** The node-side name of an image pushed to the test registry on 127.0.0.1. */
export function onNodes(n: SwarmNodes, ref: string): string {
  return ref.replace(registry().host, n.registry);
}

export interface LoadCount {
  sent: number;
  ok: number;
  failed: number;
  byBody: Record<string, number>;
  errors: Record<string, number>;
}

function once(url: string): Promise<{ ok: boolean; body: string }> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, headers: { connection: 'close' }, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ ok: (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300, body: res.statusCode && res.statusCode < 300 ? body.trim() : `HTTP ${res.statusCode}` }));
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ ok: false, body: e.code ?? e.message }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ ok: false, body: e.code ?? e.message }));
    req.end();
  });
}

/**
 * Requests at a steady `rate` per second (each on a fresh connection, sent on schedule whether or
 * not earlier ones answered) for as long as `during` runs, then counts what failed.
 */
export async function underLoad<T>(url: string, rate: number, during: () => Promise<T>): Promise<{ load: LoadCount; result: T }> {
  const load: LoadCount = { sent: 0, ok: 0, failed: 0, byBody: {}, errors: {} };
  const pending: Promise<void>[] = [];
  let stop = false;
  const start = performance.now();
  const loop = (async () => {
    for (let i = 0; !stop; i++) {
      const wait = start + (i * 1000) / rate - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      load.sent++;
      pending.push(
        once(url).then((r) => {
          const bag = r.ok ? load.byBody : load.errors;
          bag[r.body] = (bag[r.body] ?? 0) + 1;
          if (r.ok) load.ok++;
          else load.failed++;
        }),
      );
    }
  })();
  try {
    const result = await during();
    return { load, result };
  } finally {
    stop = true;
    await loop;
    await Promise.all(pending);
  }
}
