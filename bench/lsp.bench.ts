// slipway lsp, through dist/slipway.js lsp as an editor runs it (debounce 0, so what is timed is the
// server: protocol, worker hand-off, check, publish):
//   1. didChange→publishDiagnostics on a 200-line Dockerfile, and where the time goes in-process;
//   2. the same on one Dockerfile of a 20-file workspace (compose files that build the Dockerfiles, env files, .dockerignore);
//   3. the server's RSS over simulated long editing (edits back to back, every file in turn);
//   4. with BENCH_LSP_REAL=DIR:FILE, only this: the same as 2 on FILE (a Dockerfile) of a copy of the real project DIR.
// Run: npm run build && npx tsx bench/lsp.bench.ts [edits for the RSS run, default 3600]
// BENCH_SLIPWAY=/path/to/slipway.js times another build (e.g. a copy of dist/ from before a change), side by side.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import { checkProject } from '../src/engine/check-project.js';
import { activeRules } from '../src/engine/effective-rules.js';
import { parseDockerfile } from '../src/parse/dockerfile/parse.js';
import { buildProject } from '../src/project/build.js';
import { loadDiskFacts } from '../src/project/load-disk.js';
import { RULES } from '../src/rules/index.js';
import { DEFAULT_CONFIG } from '../src/config/config.js';

const EDITS = Number(process.argv[2] ?? 3600);

function dockerfile200(): string {
  const lines = ['FROM python:3.12-slim AS build', 'WORKDIR /app'];
  for (let i = 0; lines.length < 196; i++) lines.push(`RUN apt-get update && apt-get install -y pkg${i} && echo step ${i}`, `COPY src/part${i} /app/part${i}`);
  lines.push('FROM python:3.12-slim', 'COPY --from=build /app /app', 'USER 1000', 'CMD ["python", "/app/main.py"]');
  return `${lines.join('\n')}\n`;
}

/** Ten services, each a Dockerfile of ~40 lines and a .dockerignore, five compose files, three env files: 20 files checked. */
function project20(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let s = 0; s < 10; s++) {
    const lines = ['FROM node:20-slim AS deps', 'WORKDIR /app', 'COPY package.json package-lock.json ./', 'RUN npm ci'];
    for (let i = 0; lines.length < 36; i++) lines.push(`RUN apt-get update && apt-get install -y --no-install-recommends tool${i} && rm -rf /var/lib/apt/lists/*`);
    lines.push('FROM node:20-slim', 'COPY --from=deps /app /app', 'USER node', 'CMD ["node", "/app/server.js"]');
    files[`svc${s}/Dockerfile`] = `${lines.join('\n')}\n`;
    if (s % 5 === 0) files[`svc${s}/.dockerignore`] = 'node_modules\n.git\n';
  }
  for (let c = 0; c < 5; c++) {
    const svc = [2 * c, 2 * c + 1].map((s) => `  svc${s}:\n    build: ./svc${s}\n    image: app/svc${s}:1\n    env_file: .env\n    ports: ["${8000 + s}:8000"]\n`).join('');
    files[c === 0 ? 'compose.yaml' : `compose.part${c}.yaml`] = `services:\n${svc}`;
  }
  files['.env'] = 'NODE_ENV=production\nPORT=8000\n';
  files['.env.example'] = 'NODE_ENV=\nPORT=\n';
  files['svc1/.env'] = 'DEBUG=0\n';
  return files;
}

interface Server {
  conn: MessageConnection;
  pid: number;
  dir: string;
  published: (uri: string, version: number) => Promise<void>;
  stop(): void;
}

/** The server on a temp folder holding `files`, or a copy of the folder `copyOf`. */
async function serve(files: Record<string, string>, copyOf?: string): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-lsp-bench-'));
  if (copyOf) cpSync(copyOf, dir, { recursive: true, verbatimSymlinks: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const child = spawn(process.execPath, [process.env.BENCH_SLIPWAY ?? new URL('../dist/slipway.js', import.meta.url).pathname, 'lsp'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiting = new Map<string, () => void>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => waiting.get(`${p.uri}#${p.version}`)?.());
  conn.listen();
  await conn.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions: { debounceMs: 0 } });
  await conn.sendNotification('initialized', {});
  return {
    conn, dir, pid: child.pid!,
    published: (uri, version) => new Promise<void>((r) => waiting.set(`${uri}#${version}`, r)),
    stop() {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens `name` and times `edits` changes (a `#` typed and deleted on line 5 in turn), each until its diagnostics; `cpu`: the server's CPU ms per edit. */
async function timeEdits(s: Server, name: string, text: string, edits: number): Promise<{ times: number[]; cpu: number }> {
  const uri = pathToFileURL(join(s.dir, name)).href;
  let p = s.published(uri, 1);
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  await p;
  const times: number[] = [];
  const cpu0 = serverCpuMs(s.pid);
  for (let v = 2; v < edits + 2; v++) {
    p = s.published(uri, v);
    const t = performance.now();
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: v % 2 ? '' : '#' }],
    });
    await p;
    times.push(performance.now() - t);
  }
  return { times, cpu: (serverCpuMs(s.pid) - cpu0) / edits };
}

function summary(times: number[]): string {
  const t = [...times].sort((a, b) => a - b);
  const q = (x: number) => t[Math.floor(x * (t.length - 1))]!.toFixed(1);
  return `median ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${q(1)} ms`;
}

/** Median CPU time of `f` in ms (CPU, not wall time: the machine is shared, and waiting for a core is not slipway's time). */
function medianCpu(f: () => void, n = 30): number {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = process.cpuUsage();
    f();
    const d = process.cpuUsage(s);
    t.push((d.user + d.system) / 1000);
  }
  return t.sort((a, b) => a - b)[Math.floor(n / 2)]!;
}

/** CPU time the server process (both threads) has used, in ms. */
function serverCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
}

function rssKb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
}

const REAL = process.env.BENCH_LSP_REAL; // set: only part 4 runs

// 1. One 200-line Dockerfile.
if (!REAL) {
  const text = dockerfile200();
  const s = await serve({});
  const { times, cpu } = await timeEdits(s, 'Dockerfile', text, 200);
  console.log(`200-line Dockerfile, 200 didChange→publishDiagnostics: ${summary(times)}; server CPU ${cpu.toFixed(1)} ms per edit`);
  s.stop();
  // Where it goes, in this process (a new text each time, as in the editor), CPU medians.
  const dir = mkdtempSync(join(tmpdir(), 'slipway-lsp-bench-'));
  let k = 0;
  const fresh = () => `${text}# ${k++}\n`;
  const options = { rules: activeRules(RULES, {}), settings: DEFAULT_CONFIG.settings };
  const parse = medianCpu(() => parseDockerfile(fresh(), 'Dockerfile'));
  const shell = medianCpu(() => {
    const df = parseDockerfile(fresh(), 'Dockerfile');
    for (const i of df.instructions) void i.shell;
  }) - parse;
  const check = medianCpu(() => checkProject(loadDiskFacts(buildProject(dir, [{ kind: 'dockerfile', path: 'Dockerfile', absPath: join(dir, 'Dockerfile'), text: fresh() }])), options));
  rmSync(dir, { recursive: true, force: true });
  console.log(`  in-process CPU medians: parse ${parse.toFixed(1)} ms, shell parse of the RUNs ${shell < 1 ? 'under 1' : shell.toFixed(1)} ms, disk facts + rules ${(check - parse - shell).toFixed(1)} ms (whole check ${check.toFixed(1)} ms); the rest is protocol, the worker hand-off and waiting for a core`);
}

// 2. One Dockerfile of a 20-file workspace (every file is checked; the other Dockerfiles keep their parse).
if (!REAL) {
  const files = project20();
  const s = await serve(files);
  const { times, cpu } = await timeEdits(s, 'svc3/Dockerfile', files['svc3/Dockerfile']!, 100);
  console.log(`${Object.keys(files).length}-file workspace, 100 didChange→publishDiagnostics on svc3/Dockerfile: ${summary(times)}; server CPU ${cpu.toFixed(1)} ms per edit`);
  s.stop();
}

// 3. RSS over long editing: every Dockerfile and compose file of the 20-file workspace open, edited in turn.
if (!REAL) {
  const files = project20();
  const s = await serve(files);
  const names = Object.keys(files).filter((n) => !n.includes('.env') && !n.endsWith('.dockerignore'));
  const versions = new Map<string, number>();
  const docs = new Map<string, string>();
  for (const name of names) {
    const uri = pathToFileURL(join(s.dir, name)).href;
    const p = s.published(uri, 1);
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: name.includes('compose') ? 'yaml' : 'dockerfile', version: 1, text: files[name] } });
    await p;
    versions.set(uri, 1);
    docs.set(uri, files[name]!);
  }
  const samples: string[] = [`start ${(rssKb(s.pid) / 1024).toFixed(0)} MB`];
  const uris = [...versions.keys()];
  for (let e = 1; e <= EDITS; e++) {
    const uri = uris[e % uris.length]!;
    const v = versions.get(uri)! + 1;
    versions.set(uri, v);
    const p = s.published(uri, v);
    // A line typed at the end, then taken out again: the text grows and shrinks as in real editing.
    const base = docs.get(uri)!;
    const lines = base.split('\n').length - 1;
    const change = v % 2 === 0 ? { range: { start: { line: lines, character: 0 }, end: { line: lines, character: 0 } }, text: `# edit ${e}\n` } : { range: { start: { line: lines, character: 0 }, end: { line: lines + 1, character: 0 } }, text: '' };
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
    await p;
    if (e % Math.max(1, Math.floor(EDITS / 6)) === 0) samples.push(`after ${e} edits ${(rssKb(s.pid) / 1024).toFixed(0)} MB`);
  }
  console.log(`RSS of the server (LSP thread + worker), ${uris.length} open documents, ${EDITS} edits: ${samples.join(', ')}`);
  s.stop();
}

// 4. One Dockerfile of a real project (a copy; the original is not touched).
if (REAL) {
  const [dir, file] = REAL.split(':') as [string, string];
  const s = await serve({}, dir);
  const { times, cpu } = await timeEdits(s, file, readFileSync(join(dir, file), 'utf8'), 100);
  console.log(`${dir}, 100 didChange→publishDiagnostics on ${file}: ${summary(times)}; server CPU ${cpu.toFixed(1)} ms per edit`);
  s.stop();
}
