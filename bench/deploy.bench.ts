// Benchmark: `slipway deploy` against the guide's raw deploy for the same release, and
// `slipway rollback` to an image already on the server. Prints figures, never fails on speed,
// is not part of `npm test`. Run: `bash scripts/test-env.sh start && npm run bench:deploy`.
//
// The server is the test environment's loopback sshd in front of the real dockerd and
// docker-compose, pulling from its authenticated registry. Both sides pay the same SSH login,
// the same `compose pull` and `compose up -d`; slipway adds the lock, the upload of the compose
// file and the pin, the registry login, the history and the health wait (the app's HEALTHCHECK
// runs every 1 s), which raw does not do at all.
//
// Environment: BENCH_ROUNDS (alternating rounds, default 3); BENCH_TRACE=1 also prints one
// deploy's and one rollback's per-step times (SLIPWAY_TRACE=1); BENCH_BASELINE=/path/dist/slipway.js
// also deploys and rolls back with another build (e.g. an older commit's) in the same rounds.
//
// CPU: besides wall time, each run's CPU seconds (user+sys) are summed from the processes it
// started here (slipway or ssh, reaped by this process) and the test sshd's finished sessions
// (the remote shells, docker and compose clients it ran). On a shared machine wall time follows
// the others' load; CPU much less. dockerd's own work (shared engine) is in neither.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, freePort, writeSshConfig } from '../test/e2e/deploy-env.js';
import { registry, ssh, sshTarget, uniqueName } from '../test/e2e/env.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'slipway.js');
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const BASELINE = process.env.BENCH_BASELINE;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const line = (label: string, value: string, note = '') => console.log(`  ${label.padEnd(62)} ${value}${note ? `  ${note}` : ''}`);

// Reaped children's CPU of a process, in seconds (/proc/PID/stat cutime + cstime, in clock ticks).
const TICK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
function childCpu(pid: number | 'self'): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) / TICK; // fields 16 and 17 of stat(5)
  } catch {
    return NaN;
  }
}
// The test environment's sshd (its pid in .test-env/pids): every finished session's CPU ends up there.
function sshdPid(): number | undefined {
  const dir = process.env.SLIPWAY_TEST_ENV ?? join(ROOT, '.test-env');
  try {
    const m = /^sshd (\d+)$/m.exec(readFileSync(join(dir, 'pids'), 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
const SSHD = sshdPid();

interface Timed {
  wall: number;
  cpu: number;
}

function timed(what: string, file: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, show = false): Timed {
  const cpu0 = childCpu('self') + (SSHD ? childCpu(SSHD) : 0);
  const t = performance.now();
  const r = spawnSync(file, args, { cwd, env, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  // The session processes on the sshd side end a moment after the client: let them be reaped.
  spawnSync('sleep', ['0.3']);
  const cpu = childCpu('self') + (SSHD ? childCpu(SSHD) : 0) - cpu0;
  if (show) console.log(`\n${what} (${(ms / 1000).toFixed(2)} s, ${cpu.toFixed(2)} s CPU):\n${r.stderr.trimEnd()}`);
  return { wall: ms / 1000, cpu };
}

const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(" ");

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error('dist/slipway.js is missing: run `npm run bench:deploy` (it builds first)');
  const reg = registry();
  const base = mkdtempSync(join(tmpdir(), 'slipway-deploy-bench-'));
  const name = uniqueName('slipway-deploy-bench').replace(/[^a-z0-9-]/g, '');
  const repo = `${reg.host}/${name}/app`;
  const dir = join(base, 'srv', name);
  const project = join(base, 'project');
  const port = await freePort();
  const t = sshTarget();
  const server = `${t.user}@${t.host}:${t.port}`;
  try {
    execFileSync('mkdir', ['-p', project]);
    await buildApp(repo, [{ tag: 'a', version: 'a' }, { tag: 'b', version: 'b' }], join(base, 'docker-config'));
    writeFileSync(join(project, 'docker-compose.yml'), `services:\n  web:\n    image: ${repo}:latest\n    ports:\n      - "127.0.0.1:${port}:8080"\n    volumes:\n      - ./data:/data\n`);
    const sshConfig = writeSshConfig(base);
    const env = { ...process.env, SLIPWAY_REGISTRY_USER: reg.user, SLIPWAY_REGISTRY_PASSWORD: reg.password };
    const common = ['--server', server, '--ssh-config', sshConfig, '--path', dir, '--image', repo];
    timed('setup', process.execPath, [CLI, 'setup', ...common], env, project);
    timed('first deploy', process.execPath, [CLI, 'deploy', '--tag', 'a', ...common], env, project);

    // Raw: the guide's command over plain ssh (its own connection, like a CI step). The folder's
    // override pins the tag; compose loads it by itself, as slipway's does.
    const sshArgs = ['-F', sshConfig, '-p', String(t.port), '-o', 'BatchMode=yes', `${t.user}@${t.host}`];
    const pin = (tag: string) =>
      ssh(['sh', '-c', 'printf "%s\\n" "$2" > "$1/docker-compose.override.yml"', 'sh', dir, JSON.stringify({ services: { web: { image: `${repo}:${tag}` } } })]);
    const rawEnv = { ...process.env, DOCKER_CONFIG: undefined };
    const rawCmd = `cd '${dir}' && DOCKER_CONFIG=.slipway/docker docker-compose pull -q && DOCKER_CONFIG=.slipway/docker docker-compose up -d`;

    const slipwayTimes: Timed[] = [];
    const rawTimes: Timed[] = [];
    let current = 'a';
    const baselineTimes: Timed[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      if (BASELINE) {
        const next = current === 'a' ? 'b' : 'a';
        baselineTimes.push(timed('baseline deploy', process.execPath, [BASELINE, 'deploy', '--tag', next, ...common], env, project));
        current = next;
      }
      const next = current === 'a' ? 'b' : 'a';
      slipwayTimes.push(timed('slipway deploy', process.execPath, [CLI, 'deploy', '--tag', next, ...common], env, project));
      current = next;
      const back = current === 'a' ? 'b' : 'a';
      await pin(back);
      rawTimes.push(timed('raw deploy', 'ssh', [...sshArgs, rawCmd], rawEnv as NodeJS.ProcessEnv, project));
      current = back;
      // Put slipway's pin back in line with what runs, so its next deploy is a real change.
      timed('resync', process.execPath, [CLI, 'rollback', current, ...common], env, project);
    }
    const rollbackTimes: Timed[] = [];
    const baselineRollbacks: Timed[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      rollbackTimes.push(timed('slipway rollback', process.execPath, [CLI, 'rollback', ...common], env, project));
      if (BASELINE) baselineRollbacks.push(timed('baseline rollback', process.execPath, [BASELINE, 'rollback', ...common], env, project));
    }

    if (process.env.BENCH_TRACE) {
      const traced = { ...env, SLIPWAY_TRACE: '1' };
      timed('traced slipway deploy', process.execPath, [CLI, 'deploy', '--tag', current === 'a' ? 'b' : 'a', ...common], traced, project, true);
      timed('traced slipway rollback', process.execPath, [CLI, 'rollback', ...common], traced, project, true);
    }

    console.log(`\nslipway deploy vs raw ssh + docker-compose pull && up -d (${ROUNDS} alternating rounds, median seconds)`);
    const wall = (xs: Timed[]) => median(xs.map((x) => x.wall));
    const cpu = (xs: Timed[]) => median(xs.map((x) => x.cpu));
    const runs = (xs: Timed[]) => `runs: ${xs.map((x) => x.wall.toFixed(2)).join(' ')}; CPU ${xs.map((x) => x.cpu.toFixed(2)).join(' ')}`;
    line('slipway deploy (lock, upload, login, pull, up, health wait, history)', `${wall(slipwayTimes).toFixed(2)} s, CPU ${cpu(slipwayTimes).toFixed(2)} s`, runs(slipwayTimes));
    line('raw: ssh host "cd dir && docker-compose pull && docker-compose up -d"', `${wall(rawTimes).toFixed(2)} s, CPU ${cpu(rawTimes).toFixed(2)} s`, runs(rawTimes));
    line('ratio slipway / raw, wall (goal ≤ 1.3)', `${(wall(slipwayTimes) / wall(rawTimes)).toFixed(2)}×`);
    line('ratio slipway / raw, CPU (user+sys, local + sshd sessions)', SSHD ? `${(cpu(slipwayTimes) / cpu(rawTimes)).toFixed(2)}×` : 'n/a (no sshd pid in .test-env/pids)');
    line('slipway rollback to a cached image (goal < 5 s + 1 s health interval)', `${wall(rollbackTimes).toFixed(2)} s, CPU ${cpu(rollbackTimes).toFixed(2)} s`, runs(rollbackTimes));
    if (BASELINE) {
      console.log(`  baseline: ${BASELINE}`);
      line('baseline deploy', `${wall(baselineTimes).toFixed(2)} s, CPU ${cpu(baselineTimes).toFixed(2)} s`, runs(baselineTimes));
      line('ratio baseline / raw, wall; CPU', `${(wall(baselineTimes) / wall(rawTimes)).toFixed(2)}×; ${(cpu(baselineTimes) / cpu(rawTimes)).toFixed(2)}×`);
      line('baseline rollback', `${wall(baselineRollbacks).toFixed(2)} s, CPU ${cpu(baselineRollbacks).toFixed(2)} s`, runs(baselineRollbacks));
    }
    const load0 = loadAtStart;
    console.log(`  (load average at the start: ${load0})`);
    const load = execFileSync('cat', ['/proc/loadavg']).toString().split(' ').slice(0, 3).join(' ');
    console.log(`  (load average during the run: ${load}; figures from one run compare, runs on a busy machine do not)`);
  } finally {
    await ssh(['sh', '-c', 'cd "$1" && docker-compose -p "$2" -f docker-compose.yml down --remove-orphans', 'sh', dir, name]).catch(() => undefined);
    spawnSync('/usr/bin/docker', ['image', 'rm', '-f', `${repo}:a`, `${repo}:b`], { stdio: 'ignore' });
    rmSync(base, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`bench/deploy: ${(e as Error).message}`);
  process.exitCode = 1;
});
