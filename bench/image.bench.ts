// Benchmark of `slipway check --image`: peak RSS and throughput of the streaming image reader on an
// image of at least 500 MB built locally (incompressible random data, compressible zeros and 20,000
// small files), read as a `docker save` file, as a gzipped OCI archive (skopeo) and straight from the
// engine (`docker save` streamed). Prints figures and never fails on them; goals: < 150 MB peak RSS,
// ≥ 200 MB/s of layer data. The image and files are removed afterwards.
//
// Run: `npm run bench:image` (builds dist/ first; needs the engine and slipway-test/busybox:1 from
// `bash scripts/test-env.sh start`). BENCH_IMAGE_MB sets the random part (default 320), BENCH_RUNS
// the timed runs per case (default 3, median shown); BENCH_REGISTRY=1 adds a case that pushes the
// image to the test registry and reads it back through the Registry API.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'slipway.js');
const DOCKER = process.env.SLIPWAY_DOCKER ?? '/usr/bin/docker';
const RANDOM_MB = Number(process.env.BENCH_IMAGE_MB ?? 320);
const ZERO_MB = 200;
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const IMAGE = `slipway-image-bench-${process.pid}:1`;
const env = { ...process.env, DOCKER_BUILDKIT: '1', SLIPWAY_DOCKER: DOCKER };

const sh = (cmd: string, args: string[], opts: { input?: string } = {}) => {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 64 << 20, input: opts.input });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const mb = (bytes: number) => bytes / 1e6;
const row = (label: string, value: string) => console.log(`  ${label.padEnd(62)} ${value}`);

/** Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one whole process, from GNU time. */
function measure(args: string[]): { s: number; cpu: number; rssMb: number; code: number; stdout: string } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', ...args], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const last = r.stderr.trim().split('\n').at(-1)!.split(' ');
  return { s: Number(last[0]), cpu: Number(last[1]) + Number(last[2]), rssMb: Number(last[3]) / 1024, code: r.status ?? -1, stdout: r.stdout };
}

function runCase(label: string, args: string[], layerBytes: number, readBytes?: number): void {
  const samples = Array.from({ length: RUNS }, () => measure(args));
  const bad = samples.find((s) => s.code !== 0 && s.code !== 1);
  if (bad) {
    row(label, `failed (exit ${bad.code})`);
    return;
  }
  const s = median(samples.map((x) => x.s));
  const cpu = median(samples.map((x) => x.cpu));
  const rss = Math.max(...samples.map((x) => x.rssMb));
  const extra = readBytes !== undefined ? ` (${(mb(readBytes) / s).toFixed(0)} MB/s of archive)` : '';
  row(label, `${s.toFixed(2)} s wall ${(mb(layerBytes) / s).toFixed(0).padStart(4)} MB/s${extra}; ${cpu.toFixed(2)} s CPU ${(mb(layerBytes) / cpu).toFixed(0).padStart(4)} MB/s; peak RSS ${rss.toFixed(0)} MB`);
}

const dir = mkdtempSync(join(tmpdir(), 'slipway-image-bench-'));
try {
  console.log(`Building ${IMAGE}: ${RANDOM_MB} MB random, ${ZERO_MB} MB zeros, 20,000 small files …`);
  writeFileSync(
    join(dir, 'Dockerfile'),
    `FROM slipway-test/busybox:1
RUN mkdir /data && head -c ${RANDOM_MB}000000 /dev/urandom > /data/random.bin
RUN head -c ${ZERO_MB}000000 /dev/zero > /data/zeros.bin
RUN mkdir -p /data/small && cd /data/small && i=0; while [ $i -lt 20000 ]; do echo "file $i" > f$i.txt; i=$((i+1)); done
USER 65534
`,
  );
  sh(DOCKER, ['build', '-q', '-t', IMAGE, dir]);
  const saved = join(dir, 'image.tar');
  let t = Date.now();
  sh(DOCKER, ['save', '-o', saved, IMAGE]);
  const saveS = (Date.now() - t) / 1000;
  const savedBytes = statSync(saved).size;
  const oci = join(dir, 'oci.tar');
  sh('skopeo', ['copy', '--quiet', `docker-daemon:${IMAGE}`, `oci-archive:${oci}`]);
  const ociBytes = statSync(oci).size;

  // Layer data: the uncompressed layers, as the JSON report's reader saw them (from the saved tar's listing).
  const listing = sh('tar', ['-tvf', saved]);
  const layerBytes = listing.split('\n').filter((l) => /layer\.tar$/.test(l)).reduce((n, l) => n + Number(l.trim().split(/\s+/)[2]), 0);
  console.log(`\nImage: ${mb(layerBytes).toFixed(0)} MB of layers; docker save file ${mb(savedBytes).toFixed(0)} MB, OCI archive (gzip layers) ${mb(ociBytes).toFixed(0)} MB`);
  console.log(`${RUNS} run(s) per case, median times, highest peak RSS; whole process (node dist/slipway.js, start-up included);`);
  console.log(`MB/s are of layer data (uncompressed); CPU = user + system, steadier than wall time on a busy machine (load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores):\n`);

  const check = (...a: string[]) => ['node', CLI, 'check', ...a, '-f', 'json', '-o', '/dev/null'];
  runCase('check --image-file image.tar (docker archive, plain tar)', check('--image-file', saved), layerBytes, savedBytes);
  runCase('check --image-file oci.tar (OCI layout, gzip layers)', check('--image-file', oci), layerBytes, ociBytes);
  runCase(`check --image ${IMAGE.split(':')[0]} (docker save streamed)`, check('--image', IMAGE), layerBytes);
  // The test registry (scripts/test-env.sh), when asked: docker push gzips the layers (~320 MB to store).
  const regEnv = join(ROOT, '.test-env', 'registry.env');
  if (process.env.BENCH_REGISTRY === '1' && existsSync(regEnv)) {
    const reg = Object.fromEntries(readFileSync(regEnv, 'utf8').split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
    const remote = `${reg.REGISTRY_HOST}/${IMAGE}`;
    const config = mkdtempSync(join(tmpdir(), 'slipway-image-bench-config-'));
    try {
      const denv = { ...env, DOCKER_CONFIG: config };
      spawnSync(DOCKER, ['login', '-u', reg.REGISTRY_USER!, '--password-stdin', reg.REGISTRY_HOST!], { env: denv, input: reg.REGISTRY_PASSWORD });
      spawnSync(DOCKER, ['tag', IMAGE, remote], { env: denv });
      spawnSync(DOCKER, ['push', remote], { env: denv });
      Object.assign(env, { SLIPWAY_REGISTRY_USER: reg.REGISTRY_USER, SLIPWAY_REGISTRY_PASSWORD: reg.REGISTRY_PASSWORD });
      runCase('check --image REGISTRY/… --registry (gzip layers over HTTP)', check('--image', remote, '--registry'), layerBytes);
      spawnSync(DOCKER, ['rmi', remote], { env: denv });
    } finally {
      rmSync(config, { recursive: true, force: true });
    }
  }
  console.log('\nFor comparison:');
  row('docker save -o file (the engine writing the archive)', `${saveS.toFixed(2)} s  ${(mb(layerBytes) / saveS).toFixed(0).padStart(4)} MB/s`);
  const cat = measure(['sh', '-c', `cat '${saved}' > /dev/null`]);
  row('cat image.tar > /dev/null (reading the file, the floor)', `${cat.s.toFixed(2)} s  ${(mb(savedBytes) / cat.s).toFixed(0).padStart(4)} MB/s`);
  const out = measure(check('--image-file', saved));
  console.log(`\nGoals: peak RSS < 150 MB, ≥ 200 MB/s of layer data (exit code of the check: ${out.code}).`);
} finally {
  spawnSync(DOCKER, ['rmi', '-f', IMAGE], { env });
  rmSync(dir, { recursive: true, force: true });
}
