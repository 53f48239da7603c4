// Benchmark: connections reset while the zero-downtime proxy switches upstreams, switched many
// times in a row under load. The switch is what a zero-downtime release does (writeProxyConfig:
// the config file, then `caddy reload` in the proxy container), with the product's own Caddy
// config and proxy service definition, run by docker-compose on the local engine. A second process
// sends a steady load (BENCH_RATE a second, a fresh connection each) to the published port while
// the proxy is switched BENCH_SWITCHES times between two app containers. Two rows, side by side:
//   - the proxy as first shipped (no connection hand-over): a reload can reset a connection that
//     waits in the old listener's accept queue;
//   - the proxy as shipped now (net.ipv4.tcp_migrate_req=1 on its container): the kernel hands
//     those connections to the new listener.
// A third row is the control: the same load as long, never switched (what the machine's load
// alone costs). For each row: failed requests by kind, how many fell inside a switch, the proxy's
// own kernel counters (resets it sent, connections handed over) and the app containers' listen
// queue drops (busybox httpd listens with a backlog of 9: on a loaded machine its queue overflows,
// the proxy's dial times out, and the request fails with 502 or times out — the app, not the switch).
// Prints figures, never fails on them; not part of `npm test`.
// Run: `bash scripts/test-env.sh start && npm run bench:proxy-switch` (BENCH_SWITCHES=200, BENCH_RATE=200).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeProxyConfig } from '../src/deploy/commands/rollout.js';
import { remoteLayout } from '../src/deploy/layout.js';
import { caddyConfig, proxyService } from '../src/deploy/proxy/caddy.js';
import { PROXY_SERVICE } from '../src/deploy/proxy/compose.js';
import { baseImage, docker, freePort, run, uniqueName } from '../test/e2e/env.js';
import { underLoad, type LoadResult } from '../test/e2e/load/under-load.js';
import { ensureProxyImage } from '../test/e2e/proxy-image.js';

const SWITCHES = Number(process.env.BENCH_SWITCHES ?? 200);
const RATE = Number(process.env.BENCH_RATE ?? 200);
/** Pause between two switches: the load sees each switch on its own. */
const PAUSE_MS = 300;

interface Row {
  label: string;
  load: LoadResult;
  /** [start, end] epoch ms of each switch. */
  switches: [number, number][];
  seconds: number;
  counters: Record<string, number> | string;
  /** The app containers' listen queue overflows (the test app, busybox httpd, listens with a backlog of 9). */
  appDrops: number | string;
  /** The proxy's error log lines, by message and error, and how often (its reload noise left out). */
  proxyErrors: Record<string, number>;
}

const APP = (version: string) => ({
  image: baseImage,
  command: ['sh', '-c', `mkdir -p /www && echo "version ${version}" > /www/index.html && exec httpd -f -p 8080 -h /www`],
});

/** `times` 0: the control row, the same load for `idleMs` without a switch. */
async function switchRow(label: string, handOver: boolean, times = SWITCHES, idleMs = 0): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-zdt-switch-'));
  const project = uniqueName('slipway-zdt-switch').replace(/[^a-z0-9-]/g, '');
  const compose = (args: string[]) => run('docker-compose', ['-p', project, '-f', join(dir, 'compose.json'), ...args], { cwd: dir, timeoutMs: 180_000 });
  const layout = remoteLayout(dir, ['compose.json']);
  const port = await freePort();
  try {
    const services = { a: APP('a'), b: APP('b'), [PROXY_SERVICE]: proxyService('caddy:2', [`127.0.0.1:${port}:8080`], [], handOver) };
    writeFileSync(join(dir, 'compose.json'), JSON.stringify({ version: '2.4', services }, null, 2));
    mkdirSync(join(dir, '.slipway', 'proxy'), { recursive: true });
    const config = (to: string) => caddyConfig([{ port: 8080, dial: `${to}:8080` }]);
    writeFileSync(join(dir, '.slipway', 'proxy', 'caddy.json'), config('a'));
    const up = await compose(['up', '-d']);
    if (up.code !== 0) throw new Error(`${label}: docker-compose up failed:\n${up.stderr}`);
    const proxyId = (await compose(['ps', '-q', PROXY_SERVICE])).stdout.trim();
    const appIds = [(await compose(['ps', '-q', 'a'])).stdout.trim(), (await compose(['ps', '-q', 'b'])).stdout.trim()];
    await waitForAnswer(`http://127.0.0.1:${port}/`);
    const before = await counters(proxyId);
    const appBefore = await listenDrops(appIds);

    const switches: [number, number][] = [];
    const u = await underLoad(
      `http://127.0.0.1:${port}/`,
      async () => {
        if (!times) await new Promise((r) => setTimeout(r, idleMs));
        for (let i = 0; i < times; i++) {
          const step = writeProxyConfig(layout, config(i % 2 ? 'a' : 'b'), proxyId);
          const t0 = Date.now();
          const r = await run(String(step.argv[0]), step.argv.slice(1).map(String), { input: String(step.stdin), env: step.env as Record<string, string> });
          switches.push([t0, Date.now()]);
          if (r.code !== 0) throw new Error(`${label}: switch ${i} failed: ${r.stderr}`);
          await new Promise((r) => setTimeout(r, PAUSE_MS));
        }
      },
      { count: RATE * (times * 2 + idleMs / 1000 + 60), rate: RATE, tailMs: 1000 },
    );
    const after = await counters(proxyId);
    const appAfter = await listenDrops(appIds);
    const appDrops = typeof appBefore === 'number' && typeof appAfter === 'number' ? appAfter - appBefore : String(appAfter);
    const delta = typeof before === 'string' ? before : typeof after === 'string' ? after : Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]));
    const logs = await docker(['logs', proxyId]);
    return { label, load: u.load, switches, seconds: u.seconds, counters: delta, appDrops, proxyErrors: errorLines(logs.stdout + logs.stderr) };
  } finally {
    await compose(['down', '--timeout', '1']);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function waitForAnswer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} never answered`);
}

const COUNTERS = ['TcpEstabResets', 'TcpOutRsts', 'TcpExtTCPMigrateReqSuccess', 'TcpExtTCPMigrateReqFailure'];

/** The proxy's TCP counters, read in its own network namespace (nstat needs root); a string says why not. */
async function counters(containerId: string, names = COUNTERS): Promise<Record<string, number> | string> {
  const pid = (await docker(['inspect', '-f', '{{.State.Pid}}', containerId])).stdout.trim();
  const r = await run('nsenter', ['-t', pid, '-n', 'nstat', '-az', ...names]);
  if (r.code !== 0) return `no counters (${r.stderr.trim().split('\n')[0]})`;
  return Object.fromEntries([...r.stdout.matchAll(/^(\w+)\s+(\d+)/gm)].map((m) => [m[1]!, Number(m[2])]));
}

/** The sum of the containers' TcpExtListenDrops (connections their listen queue had no room for). */
async function listenDrops(ids: string[]): Promise<number | string> {
  let sum = 0;
  for (const id of ids) {
    const c = await counters(id, ['TcpExtListenDrops']);
    if (typeof c === 'string') return c;
    sum += c.TcpExtListenDrops ?? 0;
  }
  return sum;
}

/** Caddy's JSON log: the error and warning lines but those every reload writes (2.6's old server "shutdown: context canceled"). */
function errorLines(log: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of log.split('\n')) {
    let e: { level?: string; msg?: string; error?: string };
    try {
      e = JSON.parse(line);
    } catch {
      continue;
    }
    if ((e.level !== 'error' && e.level !== 'warn') || e.msg === 'server shutdown' || /automatic HTTPS/.test(e.msg ?? '')) continue;
    const key = `${e.msg}${e.error ? `: ${e.error.replace(/\d+\.\d+\.\d+\.\d+:\d+/g, 'ADDR').slice(0, 120)}` : ''}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** Each switch that saw a failed request: how long it took, when the failures were sent (ms after it began), and why. */
function failedSwitches(row: Row): string[] {
  return row.switches.flatMap(([s, e], i) => {
    const f = row.load.failedAt.filter(([at]) => at >= s - 50 && at <= e + 50);
    if (!f.length) return [];
    const byKind = new Map<string, number>();
    for (const [, why] of f) byKind.set(why, (byKind.get(why) ?? 0) + 1);
    const kinds = [...byKind].map(([k, v]) => `${k} ${v}`).join(', ');
    return [`switch ${i + 1}: ${e - s} ms; failed requests sent at +${f[0]![0] - s}..+${f.at(-1)![0] - s} ms (${kinds})`];
  });
}

/** Failed requests sent during a switch (± 50 ms), and how many switches saw at least one. */
function inSwitches(row: Row): { inside: number; switchesHit: number } {
  const hit = new Set<number>();
  let inside = 0;
  for (const [at] of row.load.failedAt) {
    const i = row.switches.findIndex(([s, e]) => at >= s - 50 && at <= e + 50);
    if (i >= 0) inside++, hit.add(i);
  }
  return { inside, switchesHit: hit.size };
}

async function main(): Promise<void> {
  await ensureProxyImage();
  const rows = [await switchRow('as first shipped: no hand-over', false), await switchRow('now: net.ipv4.tcp_migrate_req=1', true)];
  // What the machine's load alone costs: the same proxy and load, as long, never switched.
  rows.push(await switchRow('control: now, never switched', true, 0, rows[1]!.seconds * 1000));
  console.log(`\nThe proxy switched ${SWITCHES} times under load (${RATE} requests/s from a second process, a fresh connection each; ${PAUSE_MS} ms between switches; one run):\n`);
  const table = [
    ['proxy', 'sent', 'failed', 'failed in a switch', 'switches with a failure', 'proxy kernel counters', 'app listen drops', 'time'],
    ...rows.map((r) => {
      const s = inSwitches(r);
      const errors = Object.entries(r.load.errors).map(([k, v]) => `${k} ${v}`).join(', ');
      const c = typeof r.counters === 'string' ? r.counters : Object.entries(r.counters).map(([k, v]) => `${k.replace(/^TcpExt|^Tcp/, '')} ${v}`).join(', ');
      return [r.label, String(r.load.sent), `${r.load.failed}${errors ? ` (${errors})` : ''}`, `${s.inside}${r.load.failedAt.length < r.load.failed ? ` of the first ${r.load.failedAt.length}` : ''}`, `${s.switchesHit}/${r.switches.length}`, c, String(r.appDrops), `${r.seconds.toFixed(0)} s`];
    }),
  ];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  for (const [i, row] of table.entries()) {
    console.log(`| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`);
    if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  }
  for (const r of rows) {
    const lines = [...failedSwitches(r), ...Object.entries(r.proxyErrors).map(([k, v]) => `proxy log, ${v}×: ${k}`)];
    if (lines.length) console.log(`\n${r.label}:\n  ${lines.join('\n  ')}`);
  }
}

await main();
