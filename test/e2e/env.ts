// Helpers for end-to-end tests against the real environment that
// `bash scripts/test-env.sh start` provides (Docker engine, base image,
// authenticated registry, loopback sshd). `npm run test:all` starts it and
// sets SLIPWAY_E2E=1.
//
//   import { describe, before, test } from 'node:test';
//   import { e2eSkip, requireEngine, docker, baseImage, tempDir } from './env.ts';
//
//   describe('my feature', { skip: e2eSkip() }, () => {
//     before(requireEngine);
//     test('builds', async (t) => {
//       const dir = await tempDir(t);
//       const r = await docker(['build', '-t', 'x', dir]);
//       assert.equal(r.code, 0, r.stderr);
//     });
//   });
//
// All traffic stays on 127.0.0.1 or in containers the test created.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Values from .test-env/env (written by scripts/test-env.sh), overridden by process.env. */
function loadEnvFile(): Record<string, string> {
  const dir = process.env.SLIPWAY_TEST_ENV ?? join(repoRoot, '.test-env');
  const out: Record<string, string> = { SLIPWAY_TEST_ENV: dir };
  const file = join(dir, 'env');
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
      if (m) out[m[1]] = m[2];
    }
  }
  return out;
}

const fileEnv = loadEnvFile();
function setting(key: string, fallback?: string): string | undefined {
  return process.env[key] ?? fileEnv[key] ?? fallback;
}

/** Directory of the running test environment (.test-env/ by default). */
export const testEnvDir: string = setting('SLIPWAY_TEST_ENV')!;

/** Debian's docker client (20.10, BuildKit built in) — not /usr/local/bin/docker. */
export const dockerBin: string =
  setting('SLIPWAY_DOCKER') ?? (existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker');

/** The local base image (FROM scratch + static busybox: sh, wget, nc, httpd). No image can be pulled. */
export const baseImage = 'slipway-test/busybox:1';

/** Environment every docker/ssh child gets: BuildKit on, a DOCKER_CONFIG that is not the machine's. */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['SLIPWAY_DOCKER', 'DOCKER_BUILDKIT', 'DOCKER_CONFIG', 'SLIPWAY_REGISTRY', 'SLIPWAY_SSH_PORT']) {
    const v = setting(k);
    if (v !== undefined) env[k] = v;
  }
  env.DOCKER_BUILDKIT ??= '1';
  env.DOCKER_CONFIG ??= join(testEnvDir, 'docker-config');
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** True when e2e tests must run: SLIPWAY_E2E=1 (set by test-all.sh) or CI=true. */
export function e2eRequired(): boolean {
  const on = (v: string | undefined) => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
  return on(process.env.SLIPWAY_E2E) || on(process.env.CI);
}

/**
 * For `describe(name, { skip: e2eSkip() }, ...)`: false (run) when e2e is required,
 * otherwise a reason to skip. With SLIPWAY_E2E or CI set, tests never skip: a missing
 * engine makes them fail through requireEngine().
 */
export function e2eSkip(): false | string {
  return e2eRequired() ? false : 'end-to-end test: run `npm run test:all` (or set SLIPWAY_E2E=1 after `bash scripts/test-env.sh start`)';
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to the child's stdin (e.g. a password for --password-stdin). */
  input?: string;
  /** Extra environment; a key set to undefined is removed. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Kill the child after this many ms (default 120 000); the result then has code 124. */
  timeoutMs?: number;
}

/** Runs a program with an argv array (no shell). Never rejects on a non-zero exit. */
export function run(file: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, {
      cwd: opts.cwd,
      env: childEnv(opts.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 120_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${file}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) stderr += `\n[killed after ${opts.timeoutMs ?? 120_000} ms]`;
      resolvePromise({ code: timedOut ? 124 : (code ?? (signal ? 128 : 1)), stdout, stderr });
    });
    child.stdin.on('error', () => {}); // child may exit before reading stdin
    child.stdin.end(opts.input ?? '');
  });
}

/** Runs Debian's docker client (`SLIPWAY_DOCKER`) with an argv array. */
export function docker(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return run(dockerBin, args, opts);
}

function engineError(r: RunResult): string {
  const lines = `${r.stdout}\n${r.stderr}`.split('\n').map((l) => l.trim());
  const errors = lines.filter((l) => /error|cannot|denied|refused/i.test(l));
  return (errors.length ? errors : lines.filter(Boolean).slice(-3)).join(' / ');
}

/** Fails with a clear message unless the engine answers and the base image is there. Call in `before`. */
export async function requireEngine(): Promise<void> {
  const hint = 'Start it with `bash scripts/test-env.sh start` (or run everything with `npm run test:all`).';
  let r: RunResult;
  try {
    r = await docker(['info'], { timeoutMs: 20_000 });
  } catch (err) {
    throw new Error(`end-to-end tests need a Docker engine, but ${dockerBin} could not run: ${(err as Error).message}. ${hint}`);
  }
  if (r.code !== 0) {
    throw new Error(
      `end-to-end tests need a Docker engine${e2eRequired() ? ' (SLIPWAY_E2E/CI is set)' : ''}, ` +
        `but \`${dockerBin} info\` failed (exit ${r.code}): ${engineError(r)}. ${hint}`,
    );
  }
  const img = await docker(['image', 'inspect', '--format', '{{.Id}}', baseImage], { timeoutMs: 20_000 });
  if (img.code !== 0) throw new Error(`base image ${baseImage} is missing. ${hint}`);
}

export interface RegistryInfo {
  /** host:port, e.g. 127.0.0.1:5055 */
  host: string;
  user: string;
  password: string;
}

/** The authenticated loopback registry, from .test-env/registry.env (mode 600). */
export function registry(): RegistryInfo {
  const file = join(testEnvDir, 'registry.env');
  if (!existsSync(file)) throw new Error(`${file} is missing: the test registry is not running. Run \`bash scripts/test-env.sh start\`.`);
  const values: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m) values[m[1]] = m[2];
  }
  const { REGISTRY_HOST: host, REGISTRY_USER: user, REGISTRY_PASSWORD: password } = values;
  if (!host || !user || !password) throw new Error(`${file} lacks REGISTRY_HOST/REGISTRY_USER/REGISTRY_PASSWORD`);
  return { host, user, password };
}

export interface SshTarget {
  host: string;
  port: number;
  user: string;
  keyFile: string;
  knownHosts: string;
  /** An ssh_config file with `Host slipway-test` set up (use `ssh -F configFile slipway-test`). */
  configFile: string;
}

/** Where the loopback sshd listens and which throwaway key logs in as root. */
export function sshTarget(): SshTarget {
  const sshDir = join(testEnvDir, 'ssh');
  return {
    host: setting('SLIPWAY_SSH_HOST', '127.0.0.1')!,
    port: Number(setting('SLIPWAY_SSH_PORT', '2222')),
    user: setting('SLIPWAY_SSH_USER', 'root')!,
    keyFile: setting('SLIPWAY_SSH_KEY', join(sshDir, 'id_ed25519'))!,
    knownHosts: setting('SLIPWAY_SSH_KNOWN_HOSTS', join(sshDir, 'known_hosts'))!,
    configFile: setting('SLIPWAY_SSH_CONFIG', join(sshDir, 'config'))!,
  };
}

/** POSIX single-quoting for one word of a remote command line. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs a command on the loopback sshd as root. Each element of `args` is quoted, so
 * the remote side runs exactly that argv; for a pipeline use ['sh', '-c', script].
 */
export function ssh(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const t = sshTarget();
  return run(
    'ssh',
    [
      '-i', t.keyFile,
      '-p', String(t.port),
      '-o', 'IdentitiesOnly=yes',
      '-o', 'BatchMode=yes',
      '-o', 'StrictHostKeyChecking=yes',
      '-o', `UserKnownHostsFile=${t.knownHosts}`,
      '-o', 'LogLevel=ERROR',
      '-o', 'ConnectTimeout=10',
      `${t.user}@${t.host}`,
      '--',
      args.map(shellQuote).join(' '),
    ],
    opts,
  );
}

interface WithAfter {
  after(fn: () => unknown): void;
}

/**
 * Makes a fresh temp dir (a test project) that is removed after the test: pass the
 * test context `t`; without it the dir is removed after the current suite/test.
 */
export async function tempDir(t?: WithAfter, prefix = 'slipway-e2e-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  if (t) t.after(cleanup);
  else after(cleanup);
  return dir;
}

/** A name unique to this run, for containers, images and repositories (lowercase). */
/** A loopback port nothing listens on just now (another process may still take it before it is used). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export function uniqueName(prefix = 'slipway-e2e'): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

/** Polls `check` until it returns a truthy value; throws with `what` after timeoutMs. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  { timeoutMs = 30_000, intervalMs = 250 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
