// Benchmark: requests that fail while a new release is deployed, side by side in one run.
// A second process sends a bounded load (BENCH_REQUESTS at BENCH_RATE a second, a fresh
// connection each) to the published port while the deploy runs:
//   - recreate: slipway's default, the guide's `compose pull && up -d` (compose stops the old
//     container, then starts the new one) — requests fail in the gap;
//   - zero-downtime: the new container starts beside the old one behind Caddy (goal: 0 failed);
//   - zero-downtime, a bad release (its health check fails): goal 0 failed, the old version serves;
//   - single-node Swarm, start-first: bench/swarm-row.ts (the swarm engine's own file), if present.
// Prints figures, never fails on them; not part of `npm test`.
// Run: `bash scripts/test-env.sh start && npm run bench:zero-downtime`.

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, freePort, writeSshConfig } from '../test/e2e/deploy-env.js';
import { docker, registry, run, ssh, sshTarget, uniqueName } from '../test/e2e/env.js';
import { underLoad } from '../test/e2e/load/under-load.js';
import { ensureProxyImage } from '../test/e2e/proxy-image.js';
import type { LoadFn, ZdRow } from './zero-downtime-types.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'slipway.js');
const LOAD = { count: Number(process.env.BENCH_REQUESTS ?? 2000), rate: Number(process.env.BENCH_RATE ?? 50) };
/** BENCH_ZD_DEPLOYS=N adds a row: N zero-downtime deploys in a row (b, a, b, …) under one load. */
const IN_A_ROW = Number(process.env.BENCH_ZD_DEPLOYS ?? 0);

const load: LoadFn = async (url, during) => (await underLoad(url, during, LOAD)).load;

interface Site {
  label: string;
  strategy: 'recreate' | 'zero-downtime';
  dir: string;
  port: number;
  project: string;
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error('dist/slipway.js is missing: run `npm run bench:zero-downtime` (it builds first)');
  const reg = registry();
  const base = mkdtempSync(join(tmpdir(), 'slipway-zd-bench-'));
  const name = uniqueName('slipway-zd-bench').replace(/[^a-z0-9-]/g, '');
  const repo = `${reg.host}/${name}/app`;
  const t = sshTarget();
  const server = `${t.user}@${t.host}:${t.port}`;
  const sshConfig = writeSshConfig(base);
  const env = { ...process.env, SLIPWAY_REGISTRY_USER: reg.user, SLIPWAY_REGISTRY_PASSWORD: reg.password } as Record<string, string>;
  const sites: Site[] = [];
  const slipway = (site: Site, argv: string[]) =>
    run(process.execPath, [CLI, ...argv, '--server', server, '--ssh-config', sshConfig, '--path', site.dir, '--image', repo], {
      cwd: site.project,
      env,
      timeoutMs: 300_000,
    });
  const site = async (label: string, strategy: Site['strategy']): Promise<Site> => {
    const s: Site = { label, strategy, dir: join(base, 'srv', `${name}-${sites.length}`), port: await freePort(), project: join(base, `project-${sites.length}`) };
    mkdirSync(s.project, { recursive: true });
    writeFileSync(join(s.project, 'docker-compose.yml'), `services:\n  web:\n    image: ${repo}:latest\n    ports:\n      - "127.0.0.1:${s.port}:8080"\n`);
    writeFileSync(join(s.project, '.slipway.yaml'), `deploy:\n  strategy: ${strategy}\n`);
    sites.push(s);
    for (const argv of [['setup'], ['deploy', '--tag', 'a']]) {
      const r = await slipway(s, argv);
      if (r.code !== 0) throw new Error(`${label}: ${argv.join(' ')} failed:\n${r.stdout}${r.stderr}`);
    }
    return s;
  };
  const deployUnderLoad = async (s: Site, label: string, tag: string): Promise<ZdRow> => {
    let code = -1;
    let tail = '';
    const u = await underLoad(`http://127.0.0.1:${s.port}/`, async () => {
      const r = await slipway(s, ['deploy', '--tag', tag]);
      code = r.code;
      tail = (r.stdout + r.stderr).trim().split('\n').at(-1) ?? '';
    }, LOAD);
    const notes = [`exit ${code}`, ...(u.covered ? [] : ['the deploy outlasted the load: raise BENCH_REQUESTS'])];
    if (code !== 0 && tag !== 'bad') notes.push(tail);
    return { label, result: u.load, seconds: u.seconds, note: notes.join('; ') };
  };

  /** Many deploys under one load: a rare failure shows; each failure is told with the deploy step it fell in. */
  const deploysInARow = async (s: Site, n: number): Promise<ZdRow> => {
    const codes: number[] = [];
    const steps: { at: number; deploy: number; line: string }[] = [];
    const started = Date.now();
    const u = await underLoad(`http://127.0.0.1:${s.port}/`, async () => {
      for (let i = 0; i < n; i++) {
        const tag = i % 2 ? 'a' : 'b';
        // SLIPWAY_TRACE=1: each step's start on stderr, to line failed requests up with the step they fell in.
        const t0 = Date.now();
        const r = await run(process.execPath, [CLI, 'deploy', '--tag', tag, '--server', server, '--ssh-config', sshConfig, '--path', s.dir, '--image', repo], {
          cwd: s.project,
          env: { ...env, SLIPWAY_TRACE: '1' },
          timeoutMs: 300_000,
        });
        codes.push(r.code);
        steps.push({ at: t0, deploy: i + 1, line: 'deploy starts' }, ...traceSteps(r.stderr, t0, i + 1));
      }
    }, { count: LOAD.rate * (n * 90 + 60), rate: LOAD.rate, tailMs: 1000 });
    steps.sort((x, y) => x.at - y.at);
    const where = u.load.failedAt.map(([at, why]) => {
      const step = steps.filter((x) => x.at <= at).at(-1);
      return `${why} in deploy ${step?.deploy ?? '?'} during "${step?.line ?? 'before the first'}"`;
    });
    const bad = codes.filter((c) => c !== 0).length;
    return { label: `zero-downtime, ${n} deploys in a row`, result: u.load, seconds: (Date.now() - started) / 1000, note: [`${bad} exited non-zero`, ...where].join('; ') };
  };

  const rows: ZdRow[] = [];
  try {
    await Promise.all([ensureProxyImage(), buildApp(repo, [{ tag: 'a', version: 'a' }, { tag: 'b', version: 'b' }, { tag: 'bad', version: 'bad', healthy: false }], join(base, 'docker-config'))]);
    const recreate = await site('recreate', 'recreate');
    const zd = await site('zero-downtime', 'zero-downtime');
    rows.push(await deployUnderLoad(recreate, 'recreate (compose pull && up -d; the default)', 'b'));
    rows.push(await deployUnderLoad(zd, 'zero-downtime (Caddy in front)', 'b'));
    rows.push(await deployUnderLoad(zd, 'zero-downtime, a bad release (health check fails)', 'bad'));
    if (IN_A_ROW > 0) rows.push(await deploysInARow(zd, IN_A_ROW));
    rows.push(await swarmRow());
  } finally {
    for (const s of sites) await ssh(['sh', '-c', 'cd "$1" && docker-compose -p "$2" down --remove-orphans', 'sh', s.dir, s.dir.split('/').pop()!]).catch(() => undefined);
    const imgs = (await docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', repo])).stdout.split('\n').filter(Boolean);
    if (imgs.length) await docker(['image', 'rm', '-f', ...imgs]);
    rmSync(base, { recursive: true, force: true });
  }
  print(rows);
}

/** The steps SLIPWAY_TRACE=1 printed, with their start times (epoch ms). */
function traceSteps(stderr: string, t0: number, deploy: number): { at: number; deploy: number; line: string }[] {
  // "  [trace] LABEL: started at +T ms, took D ms" (T: ms since that process started, about t0)
  return [...stderr.matchAll(/^\s*\[trace\] (.*?): started at \+(\d+) ms/gm)].map((m) => ({ at: t0 + Number(m[2]), deploy, line: m[1]!.slice(0, 80) }));
}

/** The Swarm row lives with the Swarm engine (bench/swarm-row.ts); absent until it lands. */
async function swarmRow(): Promise<ZdRow> {
  const label = 'single-node Swarm, start-first';
  const file = join(ROOT, 'bench', 'swarm-row.ts');
  if (!existsSync(file)) return { label, skipped: 'bench/swarm-row.ts is not there yet' };
  try {
    const mod = (await import(file)) as { swarmStartFirstRow?: (load: LoadFn) => Promise<ZdRow> };
    if (!mod.swarmStartFirstRow) return { label, skipped: 'bench/swarm-row.ts exports no swarmStartFirstRow' };
    return await mod.swarmStartFirstRow(load);
  } catch (e) {
    return { label, skipped: `failed: ${(e as Error).message.split('\n')[0]}` };
  }
}

function print(rows: ZdRow[]): void {
  console.log(`\nFailed requests during one deploy (${LOAD.count} requests at ${LOAD.rate}/s from a second process, fresh connection each; one run):\n`);
  const table = [
    ['strategy', 'sent', 'failed', 'answers', 'deploy', 'note'],
    ...rows.map((r) =>
      r.result
        ? [
            r.label,
            String(r.result.sent),
            `${r.result.failed}${Object.keys(r.result.errors).length ? ` (${Object.entries(r.result.errors).map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`,
            Object.entries(r.result.byBody).map(([k, v]) => `${k.replace(/^version /, '')}: ${v}`).join(', '),
            r.seconds !== undefined ? `${r.seconds.toFixed(1)} s` : '',
            r.note ?? '',
          ]
        : [r.label, '-', '-', '-', '-', `skipped: ${r.skipped}`],
    ),
  ];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  for (const [i, row] of table.entries()) {
    console.log(`| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`);
    if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  }
}

await main();
