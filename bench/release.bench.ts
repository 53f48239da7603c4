// Benchmark: wall time of `slipway release --push` against the same work done with raw docker
// commands (login --password-stdin, build, tag, push each tag), in the same run, alternating.
// Prints figures; never fails on speed; not part of `npm test`. Goal: slipway ≤ 1.1× raw.
//
//   bash scripts/test-env.sh start && npm run build && npx tsx bench/release.bench.ts
//
// Each measured run gets a fresh commit that changes a file the image copies, so both sides
// build one new layer and push it (the base layers are already in the registry after warm-up).
// Besides wall time it prints the CPU time (user+sys) of every process each side starts (slipway's
// node and its docker and git children; the docker clients of the raw side), read from this
// process's children times in /proc/self/stat — on a shared machine a steadier figure than wall
// time. The daemons' own work (dockerd, the registry) is the same for both sides and not counted.
// Environment: BENCH_RELEASE_RUNS (measured runs per side, default 5); BENCH_TRACE=1 also runs one
// release with SLIPWAY_TRACE=1 and prints where its time went; BENCH_RELEASE_VARIANTS (below) adds
// other builds of slipway to the same run, for A/B of one change at a time.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'slipway.js');
const RUNS = Math.max(3, Number(process.env.BENCH_RELEASE_RUNS ?? 5));
const ENV_DIR = process.env.SLIPWAY_TEST_ENV ?? join(ROOT, '.test-env');
const DOCKER = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';

function readEnv(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

if (!existsSync(join(ENV_DIR, 'registry.env'))) {
  console.error('bench/release: no test registry; run `bash scripts/test-env.sh start` first');
  process.exit(2);
}
if (!existsSync(CLI)) {
  console.error('bench/release: dist/slipway.js is missing; run `npm run build` first');
  process.exit(2);
}
const reg = readEnv(join(ENV_DIR, 'registry.env'));
const host = reg.REGISTRY_HOST!;
const work = mkdtempSync(join(tmpdir(), 'slipway-release-bench-'));
const repo = join(work, 'app');
const dockerConfig = join(work, 'docker-config');
execFileSync('mkdir', ['-p', repo, dockerConfig]);
const env = {
  ...process.env,
  DOCKER_CONFIG: dockerConfig,
  DOCKER_BUILDKIT: '1',
  SLIPWAY_DOCKER: DOCKER,
  SLIPWAY_REGISTRY_USER: reg.REGISTRY_USER!,
  SLIPWAY_REGISTRY_PASSWORD: reg.REGISTRY_PASSWORD!,
};
const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=b', '-c', 'user.email=b@example.com', ...args], { encoding: 'utf8' }).trim();

writeFileSync(join(repo, 'Dockerfile'), 'FROM slipway-test/busybox:1 AS build\nCOPY app.txt /src/app.txt\nRUN wc -c /src/app.txt > /size\n\nFROM slipway-test/busybox:1\nCOPY --from=build /size /size\nCOPY app.txt /app.txt\nCMD ["cat", "/app.txt"]\n');
writeFileSync(join(repo, '.dockerignore'), '.git\n');
git('init', '-q', '-b', 'main');

let n = 0;
/** A new commit whose app.txt differs: one new layer to build and push. */
function newCommit(): string {
  n++;
  writeFileSync(join(repo, 'app.txt'), `run ${n} ${Date.now()} ${'x'.repeat(200_000 + n)}\n`);
  git('add', '.');
  git('commit', '-q', '-m', `run ${n}`);
  return git('rev-parse', 'HEAD');
}

/** CPU time (user+sys, ms) of every child process this one has waited for, and their children. */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  // After the command's closing paren: field 3 is the state, so cutime and cstime (16, 17) are at 13, 14.
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // USER_HZ is 100 on Linux
}

interface Sample {
  wallMs: number;
  cpuMs: number;
}

function timed(label: string, steps: { file: string; args: string[]; input?: string; env?: NodeJS.ProcessEnv }[]): Sample & { stderr: string } {
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  let stderr = '';
  for (const s of steps) {
    const r = spawnSync(s.file, s.args, { cwd: repo, env: s.env ?? env, input: s.input ?? '', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`${label}: ${s.file} ${s.args.join(' ')} failed (${r.status}):\n${r.stderr}`);
    stderr += r.stderr;
  }
  return { wallMs: performance.now() - t0, cpuMs: childrenCpuMs() - cpu0, stderr };
}

const slipwaySide = (cli: string, image: string, extraEnv: NodeJS.ProcessEnv = {}) =>
  timed('slipway', [{ file: process.execPath, args: [cli, 'release', '--push', '--image', image], env: { ...env, ...extraEnv } }]);

/** What a careful shell script does for the same result: login via stdin, one build, tag, push each. */
function rawSide(image: string, sha: string): Sample {
  const short = sha.slice(0, 7);
  const tags = ['latest', `sha-${short}`];
  const created = new Date().toISOString();
  const labels = Object.entries({ title: 'raw', version: `sha-${short}`, revision: sha, created }).flatMap(([k, v]) => ['--label', `org.opencontainers.image.${k}=${v}`]);
  return timed('raw', [
    { file: DOCKER, args: ['login', '--username', reg.REGISTRY_USER!, '--password-stdin', host], input: reg.REGISTRY_PASSWORD! },
    { file: DOCKER, args: ['build', '--tag', `${image}:${tags[0]}`, ...labels, '.'] },
    ...tags.slice(1).map((t) => ({ file: DOCKER, args: ['tag', `${image}:${tags[0]}`, `${image}:${t}`] })),
    ...tags.map((t) => ({ file: DOCKER, args: ['push', `${image}:${t}`] })),
  ]);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const rawImage = `${host}/slipway-release-bench/raw`;
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

/** The sides: raw docker, this build of slipway, and any other builds to compare in the same run. */
interface Side {
  name: string;
  run: () => Sample;
  samples: Sample[];
}
const sides: Side[] = [
  { name: 'raw docker commands', run: () => rawSide(rawImage, newCommit()), samples: [] },
  { name: 'slipway release --push', run: () => (newCommit(), slipwaySide(CLI, `${host}/slipway-release-bench/slipway`)), samples: [] },
];
// BENCH_RELEASE_VARIANTS="label=/path/to/dist/slipway.js;…": other builds (main before a change, a
// lever switched off), each pushing to its own repository, measured in the same alternating run.
for (const [i, v] of (process.env.BENCH_RELEASE_VARIANTS ?? '').split(';').filter(Boolean).entries()) {
  const [label, cli] = v.split('=');
  if (!label || !cli || !existsSync(cli)) throw new Error(`BENCH_RELEASE_VARIANTS: '${v}' is not label=/path/to/slipway.js`);
  sides.push({ name: `slipway (${label})`, run: () => (newCommit(), slipwaySide(cli, `${host}/slipway-release-bench/variant${i}`)), samples: [] });
}
try {
  console.log(`slipway release --push vs raw docker (login, build, tag, push ×2) — ${DOCKER}, registry ${host}, ${RUNS} runs each, alternating`);
  console.log(`  load average at start: ${load()}`);
  // Warm-up: base layers pushed to every repository, BuildKit's cache warm.
  for (const side of sides) side.run();
  for (let i = 0; i < RUNS; i++) {
    // Rotate which side goes first, so none always meets a warmer machine.
    for (let k = 0; k < sides.length; k++) {
      const side = sides[(i + k) % sides.length]!;
      side.samples.push(side.run());
    }
  }
  const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
  const raw = sides[0]!.samples;
  for (const key of ['wallMs', 'cpuMs'] as const) {
    console.log(key === 'wallMs' ? '  wall time' : '  CPU time (user+sys) of the processes each side starts');
    for (const side of sides) {
      const xs = side.samples.map((x) => x[key]);
      const r = side.samples === raw ? '' : `   ratio to raw ${(median(xs) / median(raw.map((x) => x[key]))).toFixed(2)}×`;
      console.log(`    ${side.name.padEnd(34)} median ${ms(median(xs))}${r}   runs ${xs.map((x) => x.toFixed(0)).join(', ')}`);
    }
  }
  console.log('  goal: slipway release --push / raw ≤ 1.10× (wall)');
  console.log(`  load average at the end: ${load()}`);
  if (process.env.BENCH_TRACE) {
    newCommit();
    const traced = slipwaySide(CLI, `${host}/slipway-release-bench/slipway`, { SLIPWAY_TRACE: '1' });
    console.log(`  one traced release (${traced.wallMs.toFixed(0)} ms):`);
    for (const line of traced.stderr.split('\n')) if (line.includes('[trace]')) console.log(`    ${line.trim()}`);
  }
} finally {
  const imgs = spawnSync(DOCKER, ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', '--filter', `reference=${host}/slipway-release-bench/*`], { encoding: 'utf8', env }).stdout.split('\n').filter(Boolean);
  if (imgs.length) spawnSync(DOCKER, ['rmi', '-f', ...imgs], { env });
  rmSync(work, { recursive: true, force: true });
}
