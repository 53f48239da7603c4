// Benchmark of the compose checks against dclint: prints figures, never asserts speed, is not part
// of `npm test`. Run: `npm run bench:compose` (builds dist/ first).
//
// A seeded generator writes BENCH_COMPOSE_PROJECTS folders (default 400) of realistic compose setups
// — compose.yaml, most with a compose.override.yaml, some with a .env — so at least 500 compose files,
// then times on the same folder, in the same run:
//   1. slipway in-process: discover + read + parse + merge + schema + every compose rule;
//   2. `node dist/slipway.js check <dir>` (the whole CLI, one process);
//   3. `npx dclint -r <dir>` (dclint 3, a devDependency).

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkProject } from '../src/engine/check-project.js';
import { activeRules } from '../src/engine/effective-rules.js';
import { buildProject } from '../src/project/build.js';
import { discover } from '../src/project/discover.js';
import { NO_FACTS } from '../src/project/facts.js';
import { composeRules } from '../src/rules/compose/index.js';
import { RULES } from '../src/rules/index.js';
import { prng } from './prng.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROJECTS = Number(process.env.BENCH_COMPOSE_PROJECTS ?? 400);
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 5));

const APPS = ['api', 'web', 'worker', 'frontend', 'backend', 'scheduler', 'gateway', 'auth', 'billing', 'search'];
const DBS = [
  { name: 'db', image: 'postgres:16-alpine', port: 5432, env: ['POSTGRES_USER: app', 'POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}', 'POSTGRES_DB: app'], data: '/var/lib/postgresql/data' },
  { name: 'mysql', image: 'mysql:8.4', port: 3306, env: ['MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD}', 'MYSQL_DATABASE: app'], data: '/var/lib/mysql' },
  { name: 'redis', image: 'redis:7-alpine', port: 6379, env: [], data: '/data' },
  { name: 'mongo', image: 'mongo:7', port: 27017, env: ['MONGO_INITDB_ROOT_USERNAME: root', 'MONGO_INITDB_ROOT_PASSWORD: example'], data: '/data/db' },
];

export function generateProject(r: () => number, n: number): Record<string, string> {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const files: Record<string, string> = {};
  const apps = [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(APPS)))];
  const dbs = [...new Set(Array.from({ length: Math.floor(r() * 3) }, () => pick(DBS)))];
  const anchors = r() < 0.3;
  let base = r() < 0.15 ? `version: "3.${Math.floor(r() * 9)}"\n` : '';
  if (r() < 0.3) base += `name: project-${n}\n`;
  if (anchors) base += 'x-common: &common\n  restart: unless-stopped\n  logging:\n    driver: json-file\n    options:\n      max-size: "10m"\n';
  base += `# generated project ${n}\nservices:\n`;
  const override: string[] = [];
  for (const [i, app] of apps.entries()) {
    const port = 3000 + Math.floor(r() * 50) * 10;
    base += `  ${app}:\n`;
    if (anchors) base += '    <<: *common\n';
    base += r() < 0.8 ? `    image: ghcr.io/org${n}/${app}:\${TAG:-latest}\n` : r() < 0.5 ? `    image: ghcr.io/org${n}/${app}\n` : '    build: .\n';
    if (!anchors && r() < 0.85) base += '    restart: unless-stopped\n';
    if (r() < 0.7) base += `    ports:\n      - "${r() < 0.5 ? '127.0.0.1:' : ''}${port + i}:${port}"\n`;
    base += '    environment:\n      - NODE_ENV=production\n';
    if (r() < 0.5) base += `      - API_KEY=\${API_KEY}\n`;
    if (r() < 0.1) base += '      - SECRET_TOKEN=abc123\n';
    if (r() < 0.4) base += '    env_file:\n      - .env\n';
    if (dbs.length) base += `    depends_on:\n${dbs.map((d) => `      - ${d.name}\n`).join('')}`;
    if (r() < 0.5) base += `    healthcheck:\n      test: ["CMD", "wget", "-qO-", "http://localhost:${port}/health"]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n`;
    if (r() < 0.5) base += `    volumes:\n      - ./data/${app}:/app/data\n`;
    if (r() < 0.05) base += '    privileged: true\n';
    if (r() < 0.05) base += '    cap_add:\n      - NET_ADMIN\n';
    override.push(`  ${app}:\n    build:\n      context: .\n      target: ${r() < 0.8 ? 'dev' : 'development'}\n    volumes:\n      - .:/app\n      - /app/node_modules\n    ports:\n      - "9229:9229"\n    command: ["npm", "run", "dev"]\n`);
  }
  for (const d of dbs) {
    base += `  ${d.name}:\n    image: ${d.image}\n    restart: always\n`;
    if (d.env.length) base += `    environment:\n${d.env.map((e) => `      ${e}\n`).join('')}`;
    base += `    volumes:\n      - ${d.name}-data:${d.data}\n`;
    if (r() < 0.3) base += `    ports:\n      - "${d.port}:${d.port}"\n`;
  }
  if (dbs.length) base += `volumes:\n${dbs.map((d) => `  ${d.name}-data: {}\n`).join('')}`;
  if (r() < 0.3) base += 'networks:\n  default:\n    name: shared\n';
  files[r() < 0.5 ? 'compose.yaml' : 'docker-compose.yml'] = base;
  if (r() < 0.75) files[files['compose.yaml'] ? 'compose.override.yaml' : 'docker-compose.override.yml'] = `services:\n${override.join('')}`;
  if (r() < 0.6) files['.env'] = 'TAG=sha-0123abc\nAPI_KEY=dev-key\nPOSTGRES_PASSWORD=dev\n';
  if (r() < 0.5) files['.env.example'] = 'TAG=\nAPI_KEY=\nPOSTGRES_PASSWORD=\nMYSQL_ROOT_PASSWORD=\n';
  return files;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

function main() {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-compose-bench-'));
  try {
    const r = prng(20240611);
    let composeFiles = 0;
    let bytes = 0;
    for (let n = 0; n < PROJECTS; n++) {
      const folder = join(dir, `p${String(n).padStart(4, '0')}`);
      mkdirSync(folder);
      for (const [name, text] of Object.entries(generateProject(r, n))) {
        writeFileSync(join(folder, name), text);
        if (name.includes('compose')) {
          composeFiles++;
          bytes += text.length;
        }
      }
    }
    console.log(`corpus: ${PROJECTS} folders, ${composeFiles} compose files (${(bytes / 1024).toFixed(0)} KiB) in ${dir}`);

    const options = {
      rules: activeRules(composeRules, {}),
      settings: { trustedRegistries: [], labelSchema: {}, strictLabels: false },
      factsFor: () => NO_FACTS,
    };
    let findings = 0;
    const inProcess = () => {
      const { files } = discover([dir]);
      const project = buildProject(
        dir,
        files.map((f) => ({ kind: f.kind, path: relative(dir, f.path), absPath: f.path, text: readFileSync(f.path, 'utf8') })),
      );
      findings = checkProject(project, options).findings.length;
    };
    const samples: number[] = [];
    inProcess(); // warm-up
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      inProcess();
      samples.push(performance.now() - t);
    }
    const slipwayMs = median(samples);

    const cli = (extra: string[] = []) => {
      const t = performance.now();
      const p = spawnSync(process.execPath, [join(ROOT, 'dist', 'slipway.js'), 'check', '--format', 'json', ...extra, dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const ms = performance.now() - t;
      if (p.status !== 0 && p.status !== 1) throw new Error(`slipway check exited ${p.status}: ${p.stderr.slice(0, 500)}`);
      return ms;
    };
    cli();
    const cliMs = median(Array.from({ length: 3 }, () => cli()));
    // The same with every other family off (the .env files also run the env rules, which ask git).
    const composeOnly = RULES.filter((r) => r.meta.target !== 'compose').flatMap((r) => ['--ignore', r.meta.id]);
    const cliComposeMs = median(Array.from({ length: 3 }, () => cli(composeOnly)));

    const t = performance.now();
    // -o: dclint exits before a large piped stdout is flushed.
    const out = join(dir, 'dclint-report.json');
    const d = spawnSync('npx', ['--no-install', 'dclint', '-r', '-f', 'json', '-o', out, dir], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
    const dclintMs = performance.now() - t;
    let dclintFiles = 0;
    try {
      dclintFiles = (JSON.parse(readFileSync(out, 'utf8')) as unknown[]).length;
    } catch {
      console.log(`dclint output was not JSON (exit ${d.status}): ${d.stderr.slice(0, 300)}`);
    }

    const row = (label: string, ms: number, files: number) =>
      console.log(`  ${label.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms  ${(ms / Math.max(files, 1)).toFixed(2).padStart(6)} ms/file`);
    row(`slipway in-process (${findings} findings, median of ${RUNS})`, slipwayMs, composeFiles);
    row('slipway CLI: node dist/slipway.js check', cliMs, composeFiles);
    row('slipway CLI, compose rules only', cliComposeMs, composeFiles);
    row(`dclint -r (${dclintFiles} files reported)`, dclintMs, dclintFiles || composeFiles);
    console.log(`  ratio dclint / slipway in-process: ${(dclintMs / slipwayMs).toFixed(1)}x`);
    console.log(`  ratio dclint / slipway CLI:        ${(dclintMs / cliMs).toFixed(1)}x   (goal: at least 30x)`);
    console.log(`  ratio dclint / slipway CLI compose: ${(dclintMs / cliComposeMs).toFixed(1)}x`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
