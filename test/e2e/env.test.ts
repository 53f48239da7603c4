// Proves the end-to-end environment: build FROM the local base image, run a
// HEALTHCHECK'd httpd on loopback, push to the authenticated registry (and fail
// without credentials), and reach the same engine over the loopback sshd.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  baseImage,
  docker,
  e2eSkip,
  registry,
  requireEngine,
  ssh,
  tempDir,
  uniqueName,
  waitFor,
} from './env.js';

// A plain test too, so that a missing engine shows up as a failed test (a failing
// `before` hook only cancels the tests of its suite).
test('the Docker engine answers and the base image is there', { skip: e2eSkip() }, requireEngine);

describe('e2e environment', { skip: e2eSkip() }, () => {
  const name = uniqueName('slipway-envtest');
  const image = `${name}:1`;
  const token = `hello-${name}`;
  const container = name;
  const images = new Set<string>([image]);
  let hostPort = '';

  before(async () => {
    await requireEngine();
  });

  after(async () => {
    await docker(['rm', '-f', container]);
    if (images.size) await docker(['rmi', '-f', ...images]);
  });

  test('builds an image FROM the local base image', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'index.html'), `${token}\n`);
    await writeFile(
      join(dir, 'Dockerfile'),
      [
        `FROM ${baseImage}`,
        'COPY index.html /www/index.html',
        'EXPOSE 8080',
        'HEALTHCHECK --interval=1s --timeout=3s --start-period=10s --retries=3 \\',
        '  CMD wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1',
        'USER 65534:65534',
        'CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]',
        '',
      ].join('\n'),
    );
    const r = await docker(['build', '-t', image, dir], { timeoutMs: 120_000 });
    assert.equal(r.code, 0, `docker build failed:\n${r.stderr}`);
  });

  test('runs it on 127.0.0.1 until healthy and serves the page over loopback', async () => {
    const r = await docker(['run', '-d', '--name', container, '-p', '127.0.0.1::8080', image]);
    assert.equal(r.code, 0, r.stderr);

    const port = await docker(['port', container, '8080/tcp']);
    assert.equal(port.code, 0, port.stderr);
    const binding = port.stdout.trim().split('\n')[0];
    assert.match(binding, /^127\.0\.0\.1:\d+$/, `published on loopback only, got ${binding}`);
    hostPort = binding.split(':')[1];

    await waitFor(
      'container health "healthy"',
      async () => {
        const s = await docker(['inspect', '-f', '{{.State.Health.Status}}', container]);
        const status = s.stdout.trim();
        if (status === 'unhealthy') {
          const logs = await docker(['inspect', '-f', '{{json .State.Health}}', container]);
          throw new Error(`container became unhealthy: ${logs.stdout}`);
        }
        return status === 'healthy';
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );

    const res = await fetch(`http://127.0.0.1:${hostPort}/`, { signal: AbortSignal.timeout(10_000) });
    assert.equal(res.status, 200);
    assert.equal((await res.text()).trim(), token);
  });

  test('pushes to the authenticated registry; an anonymous push fails', async () => {
    const reg = registry();
    const repo = 'slipway-e2e/envtest';
    const tag = name; // lowercase letters, digits and '-': a valid tag
    const remote = `${reg.host}/${repo}:${tag}`;
    const anonRemote = `${reg.host}/${repo}:anon-${tag}`;

    for (const ref of [remote, anonRemote]) {
      const t = await docker(['tag', image, ref]);
      assert.equal(t.code, 0, t.stderr);
      images.add(ref);
    }

    // Anonymous: an empty client config has no credentials.
    const anonConfig = await tempDir();
    const anon = await docker(['push', anonRemote], { env: { DOCKER_CONFIG: anonConfig } });
    assert.notEqual(anon.code, 0, 'an unauthenticated push must fail');
    assert.match(anon.stdout + anon.stderr, /unauthorized|no basic auth credentials|authentication required/i);

    // Authenticated: the password goes through stdin only.
    const config = await tempDir();
    const login = await docker(['login', reg.host, '-u', reg.user, '--password-stdin'], {
      input: reg.password,
      env: { DOCKER_CONFIG: config },
    });
    assert.equal(login.code, 0, `docker login failed: ${login.stderr}`);
    const push = await docker(['push', remote], { env: { DOCKER_CONFIG: config }, timeoutMs: 120_000 });
    assert.equal(push.code, 0, `docker push failed: ${push.stderr}`);
    await docker(['logout', reg.host], { env: { DOCKER_CONFIG: config } });

    const url = `http://${reg.host}/v2/${repo}/tags/list`;
    const unauth = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    assert.equal(unauth.status, 401, 'the registry API requires authentication');

    const basic = Buffer.from(`${reg.user}:${reg.password}`).toString('base64');
    const res = await fetch(url, { headers: { Authorization: `Basic ${basic}` }, signal: AbortSignal.timeout(10_000) });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { name: string; tags: string[] };
    assert.equal(body.name, repo);
    assert.ok(body.tags.includes(tag), `tags/list should list ${tag}: ${JSON.stringify(body.tags)}`);
    assert.ok(!body.tags.includes(`anon-${tag}`), 'the anonymous push must not have landed');
  });

  test('runs docker ps over the loopback sshd against the same engine', async () => {
    const r = await ssh(['docker', 'ps', '--format', '{{.Names}}'], { timeoutMs: 30_000 });
    assert.equal(r.code, 0, `ssh docker ps failed: ${r.stderr}`);
    assert.ok(r.stdout.split('\n').includes(container), `remote docker ps should list ${container}:\n${r.stdout}`);
  });
});
