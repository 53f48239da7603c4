// `slipway init` on dependency-free versions of the field report's layouts (issue 11), end to end on the
// real engine: init --yes as a user would run it, build on local base images (test/e2e/bases.ts, no pull,
// --network none), start, healthy by the image's own HEALTHCHECK command, answering HTTP on 127.0.0.1.
//
//  - Python: a package run as `python -m shop` (no framework), PEP 621 pyproject without dependencies,
//    port from PORT, a logs/ folder it writes to (owned by the app user in the image).
//  - Node.js: a project in a monorepo subfolder of a `master` repository, `start: node src/server.js`,
//    port from PORT; the workflow is checked at the git root on master.
//  - Go: two main packages in cmd/*, the one named like the module built; it reads config/app.json at
//    run time (copied next to the binary) and answers with its greeting.
//
// The HEALTHCHECK's timing is shortened with docker run --health-interval (its command is the image's).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runInit } from '../../src/cli/commands/init.js';
import { GO_BASE, goBase, NODE_BASE, nodeBase, PY_BASE, pythonBase } from './bases.js';
import { baseImage, docker, e2eSkip, freePort, requireEngine, uniqueName, waitFor } from './env.js';

interface Case {
  label: string;
  makeBase: (dir: string) => Promise<void>;
  buildArgs: string[];
  files: Record<string, string>;
  /** The project folder inside the repository ('' for the root). */
  sub?: string;
  branch?: string;
  expectBody: RegExp;
  /** Extra checks on the generated files (paths relative to the repository root). */
  verify?: (root: string, dir: string) => Promise<void>;
}

const PY_SHOP = `import os
from http.server import BaseHTTPRequestHandler, HTTPServer

LOG = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "logs", "access.log")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        with open(LOG, "a") as log:
            log.write(self.path + "\\n")
        body = b"hello from the shop package"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    HTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8000"))), Handler).serve_forever()
`;

const NODE_SERVER = `const http = require('node:http');
const port = Number(process.env.PORT || 3000);
http.createServer((req, res) => res.end('hello from the api in services/api')).listen(port, '0.0.0.0');
process.on('SIGTERM', () => process.exit(0));
`;

const GO_SERVER = `package main

import (
	"encoding/json"
	"net/http"
	"os"
)

func main() {
	raw, err := os.ReadFile("config/app.json")
	if err != nil {
		panic(err)
	}
	var cfg struct{ Greeting string }
	if err := json.Unmarshal(raw, &cfg); err != nil {
		panic(err)
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(cfg.Greeting)) })
	http.ListenAndServe(":8090", nil)
}
`;

const CASES: Case[] = [
  {
    label: 'python',
    makeBase: pythonBase,
    buildArgs: ['--build-arg', `BASE_IMAGE=${PY_BASE}`],
    files: {
      'pyproject.toml': '[project]\nname = "shop"\nversion = "1.0"\nrequires-python = ">=3.11"\ndependencies = []\n',
      'shop/__init__.py': PY_SHOP,
      'shop/__main__.py': 'from shop import main\n\nmain()\n',
      'logs/.gitkeep': '',
      'tests/test_shop.py': 'def test_nothing():\n    pass\n',
    },
    expectBody: /hello from the shop package/,
  },
  {
    label: 'node',
    makeBase: nodeBase,
    buildArgs: ['--build-arg', `BASE_IMAGE=${NODE_BASE}`],
    sub: 'services/api',
    branch: 'master',
    files: {
      'package.json': JSON.stringify({ name: 'api', version: '1.0.0', scripts: { start: 'node src/server.js' }, engines: { node: '>=20' } }, null, 2),
      'package-lock.json': JSON.stringify({ name: 'api', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'api', version: '1.0.0' } } }),
      'src/server.js': NODE_SERVER,
    },
    expectBody: /hello from the api in services\/api/,
    verify: async (root) => {
      const wf = await readFile(join(root, '.github/workflows/docker-services-api.yml'), 'utf8');
      assert.match(wf, /branches: \["master"\]/);
      assert.match(wf, /context: "services\/api"/);
    },
  },
  {
    label: 'go',
    makeBase: goBase,
    buildArgs: ['--build-arg', `BUILD_IMAGE=${GO_BASE}`, '--build-arg', `BASE_IMAGE=${baseImage}`],
    files: {
      'go.mod': 'module example.com/acme/server\n\ngo 1.19\n',
      'cmd/server/main.go': GO_SERVER,
      'cmd/migrate/main.go': 'package main\n\nfunc main() {}\n',
      'config/app.json': '{"Greeting": "hello from config/app.json"}\n',
    },
    expectBody: /hello from config\/app\.json/,
  },
];

test('the Docker engine answers and the base image is there', { skip: e2eSkip() }, requireEngine);

for (const c of CASES) {
  describe(`slipway init on a real layout, e2e: ${c.label}`, { skip: e2eSkip() }, () => {
    const name = uniqueName(`slipway-init-real-${c.label}`);
    const tag = `${name}:e2e`;
    let root = '';
    let dir = '';

    before(async () => {
      await requireEngine();
      root = await mkdtemp(join(tmpdir(), 'slipway-init-real-'));
      await c.makeBase(root);
      const repo = join(root, 'repo');
      dir = c.sub ? join(repo, c.sub) : repo;
      for (const [p, text] of Object.entries(c.files)) {
        await mkdir(dirname(join(dir, p)), { recursive: true });
        await writeFile(join(dir, p), text);
      }
      execFileSync('git', ['init', '-q', '-b', c.branch ?? 'main', repo]);
      execFileSync('git', ['-C', repo, 'remote', 'add', 'origin', 'git@github.com:acme/shop.git']);
    });

    after(async () => {
      await docker(['rm', '-f', name]);
      await docker(['rmi', '-f', tag]);
      if (root) await rm(root, { recursive: true, force: true });
    });

    test('init --yes, build, start, healthy, answers on 127.0.0.1', async () => {
      let out = '';
      let err = '';
      const code = await runInit(['--yes'], { cwd: dir, stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false });
      assert.equal(code, 0, err + out);
      await c.verify?.(join(root, 'repo'), dir);

      const build = await docker(['build', '--network', 'none', ...c.buildArgs, '-t', tag, '.'], { cwd: dir, timeoutMs: 600_000 });
      assert.equal(build.code, 0, build.stderr.slice(-3000));

      const exposed = JSON.parse((await docker(['image', 'inspect', '-f', '{{json .Config.ExposedPorts}}', tag])).stdout) as Record<string, unknown>;
      const appPort = Number(Object.keys(exposed)[0]!.split('/')[0]);
      const port = await freePort();
      const runR = await docker(['run', '-d', '--name', name, '--health-interval', '2s', '--health-start-period', '2s', '-p', `127.0.0.1:${port}:${appPort}`, tag]);
      assert.equal(runR.code, 0, runR.stderr);
      await waitFor(
        'the HEALTHCHECK to report healthy',
        async () => {
          const s = (await docker(['inspect', '-f', '{{.State.Health.Status}}', name])).stdout.trim();
          if (s === 'unhealthy' || (await docker(['inspect', '-f', '{{.State.Running}}', name])).stdout.trim() === 'false') {
            throw new Error(`${s}: ${(await docker(['logs', name])).stderr.slice(-2000)}`);
          }
          return s === 'healthy';
        },
        { timeoutMs: 120_000, intervalMs: 1000 },
      );
      const res = await fetch(`http://127.0.0.1:${port}/`);
      assert.equal(res.status, 200);
      assert.match(await res.text(), c.expectBody);
      assert.equal((await docker(['inspect', '-f', '{{.Config.User}}', name])).stdout.trim(), '1001:1001');
      if (c.label === 'python') {
        // The app wrote its log into logs/, which the image gave to the app user.
        const log = await docker(['exec', name, 'cat', '/app/logs/access.log']);
        assert.match(log.stdout, /^\//m);
      }
    });
  });
}
