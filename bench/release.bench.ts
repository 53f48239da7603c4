// Benchmark: wall time of `slipway release --push` against the same work done with raw docker
// commands (login --password-stdin, build, tag, push each tag), in the same run, alternating.
// Prints figures; never fails on speed; not part of `npm test`. Goal: slipway ≤ 1.1× raw.
//
//   bash scripts/test-env.sh start && npm run build && npx tsx bench/release.bench.ts
//
// Each measured run gets a fresh commit that changes a file the image copies, so both sides
// build one new layer and push it (the base layers are already in the registry after warm-up).
// Environment: BENCH_RELEASE_RUNS (measured runs per side, default 5).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

function timed(label: string, steps: { file: string; args: string[]; input?: string }[]): number {
  const t0 = performance.now();
  for (const s of steps) {
    const r = spawnSync(s.file, s.args, { cwd: repo, env, input: s.input ?? '', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`${label}: ${s.file} ${s.args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  }
  return performance.now() - t0;
}

const slipwaySide = (image: string) => timed('slipway', [{ file: process.execPath, args: [CLI, 'release', '--push', '--image', image] }]);

/** What a careful shell script does for the same result: login via stdin, one build, tag, push each. */
function rawSide(image: string, sha: string): number {
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

const slipImage = `${host}/slipway-release-bench/slipway`;
const rawImage = `${host}/slipway-release-bench/raw`;
try {
  console.log(`slipway release --push vs raw docker (login, build, tag, push ×2) — ${DOCKER}, registry ${host}, ${RUNS} runs each, alternating`);
  // Warm-up: base layers pushed to both repositories, BuildKit's cache warm.
  newCommit();
  slipwaySide(slipImage);
  rawSide(rawImage, newCommit());
  const slip: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternate which side goes first, so neither always meets a warmer machine.
    const runSlip = () => {
      newCommit();
      slip.push(slipwaySide(slipImage));
    };
    const runRaw = () => raw.push(rawSide(rawImage, newCommit()));
    if (i % 2 === 0) {
      runSlip();
      runRaw();
    } else {
      runRaw();
      runSlip();
    }
  }
  const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
  console.log(`  slipway release --push   median ${ms(median(slip))}   runs ${slip.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`  raw docker commands      median ${ms(median(raw))}   runs ${raw.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`  ratio slipway / raw      ${(median(slip) / median(raw)).toFixed(2)}×   (goal ≤ 1.10×)`);
} finally {
  const imgs = spawnSync(DOCKER, ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', '--filter', `reference=${host}/slipway-release-bench/*`], { encoding: 'utf8', env }).stdout.split('\n').filter(Boolean);
  if (imgs.length) spawnSync(DOCKER, ['rmi', '-f', ...imgs], { env });
  rmSync(work, { recursive: true, force: true });
}
