// A Dockerfile that slipway rates clean builds and runs on the real engine; so does a messy one
// after `slipway check --fix` — the fixes keep the image working.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { main } from '../../src/cli/main.js';
import { baseImage, docker, e2eSkip, requireEngine, tempDir, uniqueName, waitFor } from './env.js';

async function slipway(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd,
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: false,
    env: {},
    readStdin: async () => '',
  });
  return { code, stdout, stderr };
}

const CLEAN = `FROM ${baseImage}
WORKDIR /www
COPY index.html /www/index.html
EXPOSE 8080
HEALTHCHECK --interval=1s --timeout=3s --start-period=10s --retries=3 \\
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"]
USER 65534:65534
CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]
`;

// Only the page is sent to the builder.
const DOCKERIGNORE = '*\n!index.html\n';

/** The findings and errors of a JSON report (the checklist is not a problem). */
function problems(json: string): { findings: unknown[]; errors: unknown[] } {
  const { findings, errors } = JSON.parse(json) as { findings: unknown[]; errors: unknown[] };
  return { findings, errors };
}

// The same image written carelessly: mixed-case keywords, MAINTAINER, shell-form CMD.
const MESSY = `FROM ${baseImage}
MAINTAINER Jane Doe <jane@example.com>
workdir /www
COPY index.html /www/index.html
EXPOSE 8080
HEALTHCHECK --interval=1s --timeout=3s --start-period=10s --retries=3 \\
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"]
USER 65534:65534
CMD httpd -f -p 8080 -h /www
`;

describe('checked Dockerfiles build and run on the real engine', { skip: e2eSkip() }, () => {
  const containers: string[] = [];
  const images: string[] = [];
  before(requireEngine);
  after(async () => {
    if (containers.length) await docker(['rm', '-f', ...containers]);
    if (images.length) await docker(['rmi', '-f', ...images]);
  });

  async function buildAndServe(dir: string, token: string): Promise<void> {
    const name = uniqueName('slipway-check');
    const image = `${name}:1`;
    images.push(image);
    const b = await docker(['build', '-t', image, dir], { timeoutMs: 120_000 });
    assert.equal(b.code, 0, `docker build failed:\n${b.stderr}`);
    const r = await docker(['run', '-d', '--name', name, '-p', '127.0.0.1::8080', image]);
    assert.equal(r.code, 0, r.stderr);
    containers.push(name);
    await waitFor('healthy', async () => {
      const s = (await docker(['inspect', '-f', '{{.State.Health.Status}}', name])).stdout.trim();
      if (s === 'unhealthy') throw new Error('container became unhealthy');
      return s === 'healthy';
    });
    const port = (await docker(['port', name, '8080/tcp'])).stdout.trim().split('\n')[0]!;
    const page = await (await fetch(`http://${port}/index.html`)).text();
    assert.equal(page.trim(), token);
    // Exec-form CMD: the program itself is PID 1 (receives SIGTERM), not `/bin/sh -c`.
    const pid1 = await docker(['exec', name, 'cat', '/proc/1/cmdline']);
    assert.equal(pid1.code, 0, pid1.stderr);
    assert.equal(pid1.stdout.split('\0')[0], 'httpd');
  }

  test('a Dockerfile slipway rates clean', async () => {
    const dir = await tempDir();
    const token = uniqueName('clean');
    await writeFile(join(dir, 'Dockerfile'), CLEAN);
    await writeFile(join(dir, '.dockerignore'), DOCKERIGNORE);
    await writeFile(join(dir, 'index.html'), `${token}\n`);
    const check = await slipway(['check', '--format', 'json'], dir);
    assert.deepEqual(problems(check.stdout), { findings: [], errors: [] }, check.stdout);
    assert.equal(check.code, 0);
    await buildAndServe(dir, token);
  });

  test('a messy Dockerfile after --fix', async () => {
    const dir = await tempDir();
    const token = uniqueName('fixed');
    await writeFile(join(dir, 'Dockerfile'), MESSY);
    await writeFile(join(dir, '.dockerignore'), DOCKERIGNORE);
    await writeFile(join(dir, 'index.html'), `${token}\n`);
    const before = await slipway(['check', '--format', 'json'], dir);
    assert.equal(before.code, 1);
    const rules = new Set(JSON.parse(before.stdout).findings.map((f: { rule: string }) => f.rule));
    for (const r of ['cmd-exec-form', 'maintainer-deprecated', 'instruction-casing']) assert.ok(rules.has(r), `${r} not found`);
    await slipway(['check', '--fix'], dir);
    const fixed = await readFile(join(dir, 'Dockerfile'), 'utf8');
    assert.match(fixed, /^CMD \["httpd", "-f", "-p", "8080", "-h", "\/www"\]$/m);
    const after = await slipway(['check', '--format', 'json'], dir);
    assert.deepEqual(problems(after.stdout), { findings: [], errors: [] }, after.stdout);
    await buildAndServe(dir, token);
  });
});
