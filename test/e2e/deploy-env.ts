// Helpers for the deploy end-to-end tests: a tiny web app image (app-server/main.go on the busybox
// base, with a HEALTHCHECK) pushed to the authenticated test registry under several tags, an
// ssh_config for the loopback sshd, and slipway run in-process or as a real process.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../src/cli/main.js';
import { appServer } from './app-server.js';
import { baseImage, docker, registry, repoRoot, run, type RunResult, sshTarget } from './env.js';

export { freePort } from './env.js'; // with the rest of what the deploy tests take from here

export interface AppTag {
  tag: string;
  /** What GET / answers: "version <text>". */
  version: string;
  /** false: the health check always fails. */
  healthy?: boolean;
  /** true: each new container exits (code 3) on its first start; started again (a restart policy), it runs. */
  crashOnce?: boolean;
}

/**
 * Builds the test app under `repo` (no tag) for each tag and pushes it. The app answers
 * "version X" on :8080 (and "slow X" on /cgi-bin/slow?SECONDS, after that long), records each
 * start in /data/starts, and stops at once on SIGTERM. A crashOnce tag exits on a container's first start
 * (its writable layer remembers, so a restart of the same container runs).
 */
export async function buildApp(repo: string, tags: AppTag[], dockerConfig: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'slipway-deploy-app-'));
  copyFileSync(await appServer(), join(dir, 'app-server'));
  await writeFile(
    join(dir, 'Dockerfile'),
    `FROM ${baseImage}
ARG VERSION=dev
ARG HEALTHY=yes
ARG CRASH_ONCE=no
COPY app-server /bin/app-server
RUN mkdir -p /www /data && echo "version $VERSION" > /www/index.html && echo "$HEALTHY" > /healthy && echo "$CRASH_ONCE" > /crash-once
ENV VERSION=$VERSION
HEALTHCHECK --interval=1s --timeout=2s --retries=2 CMD [ "$(cat /healthy)" = yes ] && printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc 127.0.0.1 8080 | grep -q version
CMD ["sh", "-c", "if [ \\"$(cat /crash-once)\\" = yes ] && [ ! -e /crashed ]; then touch /crashed; exit 3; fi; echo \\"$VERSION\\" >> /data/starts; trap 'exit 0' TERM; app-server & wait"]
`,
  );
  const r = registry();
  const login = await docker(['login', '--username', r.user, '--password-stdin', r.host], { input: r.password, env: { DOCKER_CONFIG: dockerConfig } });
  if (login.code !== 0) throw new Error(`docker login: ${login.stderr}`);
  for (const t of tags) {
    const ref = `${repo}:${t.tag}`;
    const b = await docker(['build', '-q', '--build-arg', `VERSION=${t.version}`, '--build-arg', `HEALTHY=${t.healthy === false ? 'no' : 'yes'}`, '--build-arg', `CRASH_ONCE=${t.crashOnce ? 'yes' : 'no'}`, '-t', ref, dir], {
      env: { DOCKER_CONFIG: dockerConfig },
      timeoutMs: 300_000,
    });
    if (b.code !== 0) throw new Error(`docker build ${ref}: ${b.stderr}`);
    const p = await docker(['push', ref], { env: { DOCKER_CONFIG: dockerConfig }, timeoutMs: 300_000 });
    if (p.code !== 0) throw new Error(`docker push ${ref}: ${p.stderr}`);
  }
  await rm(dir, { recursive: true, force: true });
}

/** An ssh_config for every loopback "server": the throwaway key and a known_hosts file. */
export function writeSshConfig(dir: string, knownHosts = sshTarget().knownHosts): string {
  const file = join(dir, 'ssh_config');
  writeFileSync(file, `Host *\n  IdentityFile ${sshTarget().keyFile}\n  IdentitiesOnly yes\n  UserKnownHostsFile ${knownHosts}\n`);
  return file;
}

export interface Slipway extends RunResult {
  all: string;
}

/** slipway in this process (fast); `env` is the whole environment the command sees. */
export async function slipway(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Slipway> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false, env, readStdin: async () => '' });
  return { code, stdout, stderr, all: stdout + stderr };
}

const tsxLoader = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** slipway as a real process (to kill it); resolves with its handle's result. */
export function slipwayProcess(argv: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 180_000) {
  return run(process.execPath, ['--import', tsxLoader, join(repoRoot, 'src', 'cli', 'bin.ts'), ...argv], { cwd, env: env as Record<string, string>, timeoutMs });
}

/** GET http://127.0.0.1:port/ → body, or '' when nothing answers. */
export async function httpGet(port: number): Promise<string> {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(3000) });
    return (await r.text()).trim();
  } catch {
    return '';
  }
}

/** The history file as parsed lines; throws on a line that is not JSON (a corrupted history). */
export function readHistoryFile(dir: string): { tag: string; result: string; action: string }[] {
  const file = join(dir, '.slipway', 'history.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** Parent pid of a process (from /proc). */
export function parentOf(pid: number): { ppid: number; comm: string } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const close = stat.lastIndexOf(')');
  const comm = stat.slice(stat.indexOf('(') + 1, close);
  const ppid = Number(stat.slice(close + 2).split(' ')[1]);
  return { ppid, comm };
}

export async function ensureDir(d: string): Promise<void> {
  await mkdir(d, { recursive: true });
}
