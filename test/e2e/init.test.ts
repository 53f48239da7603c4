// `slipway init` end to end on the real engine: scaffold a dependency-free Python app and Node app,
// build with a local base image passed through the BASE_IMAGE ARG (no image can be pulled), start the
// production docker-compose.yml with Debian's docker-compose v1, wait for the image's own HEALTHCHECK,
// GET the page on the published loopback port, then change only code and see the dependency step CACHED.
//
// The base images are made from this machine's Debian python3.11 (+ python3.11-venv, python3-pip-whl)
// and node binaries with their shared libraries, on top of slipway-test/busybox:1 (a shell), plus
// groupadd/useradd shims that do what Debian's do for the Dockerfile's one user. Builds run with
// --network none: containers reach nothing but what the test starts.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runInit } from '../../src/cli/commands/init.js';
import { NODE_BASE, nodeBase, PY_BASE, pythonBase } from './bases.js';
import { docker, e2eSkip, freePort, requireEngine, run, uniqueName, waitFor } from './env.js';

const COMPOSE = '/usr/bin/docker-compose';

/** Step numbers of BuildKit's plain progress that were CACHED, and the line naming each step. */
function cachedSteps(progress: string): Map<string, boolean> {
  const names = new Map<string, string>();
  const cached = new Set<string>();
  for (const line of progress.split('\n')) {
    const named = /^#(\d+) \[[^\]]+\] (.+)$/.exec(line);
    if (named) names.set(named[1]!, named[2]!);
    const c = /^#(\d+) CACHED$/.exec(line);
    if (c) cached.add(c[1]!);
  }
  return new Map([...names].map(([n, step]) => [step, cached.has(n)]));
}

interface AppCase {
  label: string;
  base: string;
  makeBase: (dir: string) => Promise<void>;
  files: Record<string, string>;
  /** The dependency-install step of the Dockerfile, as BuildKit names it. */
  depStep: RegExp;
  codeFile: string;
  /** A code-only edit, unique to this run (a repeated edit would come from the cache). */
  change: (src: string, token: string) => string;
}

const PY_APP = `from http.server import BaseHTTPRequestHandler, HTTPServer

GREETING = "hello from python"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = GREETING.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    HTTPServer(("0.0.0.0", 8000), Handler).serve_forever()
`;

const NODE_APP = `const http = require('node:http');
const GREETING = 'hello from node';
const port = Number(process.env.PORT || 3000);
http.createServer((req, res) => res.end(GREETING)).listen(port, '0.0.0.0');
process.on('SIGTERM', () => process.exit(0));
`;

const CASES: AppCase[] = [
  {
    label: 'python',
    base: PY_BASE,
    makeBase: pythonBase,
    files: { 'requirements.txt': '# no dependencies\n', 'server.py': PY_APP, '.python-version': '3.11\n' },
    depStep: /^RUN pip install -r requirements\.txt$/,
    codeFile: 'server.py',
    change: (s, token) => s.replace('hello from python', `hello again ${token}`),
  },
  {
    label: 'node',
    base: NODE_BASE,
    makeBase: nodeBase,
    files: {
      'package.json': JSON.stringify({ name: 'hello', version: '1.0.0', scripts: { start: 'node server.js' }, engines: { node: '>=20' } }, null, 2),
      'package-lock.json': JSON.stringify({ name: 'hello', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'hello', version: '1.0.0' } } }, null, 2),
      'server.js': NODE_APP,
    },
    depStep: /^RUN npm ci --omit=dev && npm cache clean --force$/,
    codeFile: 'server.js',
    change: (s, token) => s.replace('hello from node', `hello again ${token}`),
  },
];

test('the Docker engine answers and the base image is there', { skip: e2eSkip() }, requireEngine);

for (const c of CASES) {
  describe(`slipway init e2e: ${c.label}`, { skip: e2eSkip() }, () => {
    const name = uniqueName(`slipway-init-${c.label}`);
    const imageRef = `ghcr.io/acme/${name}`;
    let root = '';
    let dir = '';
    let port = 0;
    const compose = (args: string[]) =>
      run(COMPOSE, ['-p', name, ...args], { cwd: dir, timeoutMs: 180_000, env: { COMPOSE_DOCKER_CLI_BUILD: '1' } });
    const build = () =>
      docker(['build', '--progress', 'plain', '--network', 'none', '--build-arg', `BASE_IMAGE=${c.base}`, '-t', `${imageRef}:e2e`, '.'], {
        cwd: dir,
        timeoutMs: 300_000,
      });

    before(async () => {
      await requireEngine();
      root = await mkdtemp(join(tmpdir(), 'slipway-e2e-init-'));
      await c.makeBase(root);
      dir = join(root, 'app');
      await mkdir(dir);
      for (const [p, text] of Object.entries(c.files)) await writeFile(join(dir, p), text);
      port = await freePort();
    });

    after(async () => {
      if (existsSync(join(dir, 'docker-compose.yml'))) await compose(['-f', 'docker-compose.yml', 'down', '--volumes', '--timeout', '2']);
      await docker(['rmi', '-f', `${imageRef}:e2e`]);
      if (root) await rm(root, { recursive: true, force: true });
    });

    test('scaffold, build, start with docker-compose, healthy, answers, cache on a code change', async () => {
      let out = '';
      let err = '';
      const code = await runInit(['--yes', '--image', `acme/${name}`], { cwd: dir, stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false });
      assert.equal(code, 0, err);
      assert.match(out, /create\s+Dockerfile/);

      const first = await build();
      assert.equal(first.code, 0, first.stderr.slice(-3000));

      const env = (await readFile(join(dir, '.env.example'), 'utf8'))
        .replace(/^TAG=.*$/m, 'TAG=e2e')
        .replace(/^BIND_ADDRESS=.*$/m, 'BIND_ADDRESS=127.0.0.1')
        .replace(/^HOST_PORT=.*$/m, `HOST_PORT=${port}`);
      await writeFile(join(dir, '.env'), env);
      // Both files (the override is loaded by default) are valid for Compose v1.
      const config = await compose(['config', '-q']);
      assert.equal(config.code, 0, config.stderr);
      // Production file only: it pulls nothing because the image is there, and never builds.
      const up = await compose(['-f', 'docker-compose.yml', 'up', '-d']);
      assert.equal(up.code, 0, up.stderr);
      const container = (await compose(['-f', 'docker-compose.yml', 'ps', '-q', 'app'])).stdout.trim();
      assert.ok(container, 'compose started the app container');

      const user = (await docker(['inspect', '-f', '{{.Config.User}}', container])).stdout.trim();
      assert.equal(user, '1001:1001');
      await waitFor(
        'the HEALTHCHECK to report healthy',
        async () => {
          const s = (await docker(['inspect', '-f', '{{.State.Health.Status}}', container])).stdout.trim();
          if (s === 'unhealthy') throw new Error('unhealthy');
          return s === 'healthy';
        },
        { timeoutMs: 90_000, intervalMs: 1000 },
      );
      const res = await fetch(`http://127.0.0.1:${port}/`);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /hello from/);

      // A code-only change: the dependency step comes from the cache.
      await writeFile(join(dir, c.codeFile), c.change(await readFile(join(dir, c.codeFile), 'utf8'), name));
      const second = await build();
      assert.equal(second.code, 0, second.stderr.slice(-3000));
      const steps = cachedSteps(second.stderr + second.stdout);
      const dep = [...steps].find(([step]) => c.depStep.test(step));
      assert.ok(dep, `dependency step in the build output:\n${[...steps.keys()].join('\n')}`);
      assert.equal(dep[1], true, 'dependency step CACHED after a code-only change');
      const copy = [...steps].find(([step]) => step === 'COPY . .');
      assert.equal(copy?.[1], false, 'the source layer was rebuilt');
    });
  });
}
