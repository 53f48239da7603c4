// release/login/tags through main(): dry runs print exact, redacted commands; settings and
// credentials fail early with clear messages; config errors carry file:line:col.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { main } from '../../../src/cli/main.js';
import { resolveCredentials } from '../../../src/release/credentials.js';

const PASSWORD = 'unit-secret-Pa55';
let dir: string;

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd: dir,
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: false,
    // A docker that cannot answer: the dry run must not need one.
    env: { PATH: process.env.PATH, HOME: dir, SLIPWAY_DOCKER: '/nonexistent/docker', ...env },
    readStdin: async () => '',
  });
  return { code, stdout, stderr };
}

describe('slipway release / login / tags (no daemon)', () => {
  before(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'slipway-release-cli-')));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch AS base\nFROM base AS runtime\nCOPY . /\nFROM base AS debug\n');
    writeFileSync(join(dir, 'docker-compose.yml'), 'services:\n  app:\n    build:\n      context: .\n      target: runtime\n');
    const git = (...a: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@e.x', ...a]);
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'x');
    git('tag', 'v2.0.0-rc.1');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('--dry-run prints the login, build and pushes with the password as [REDACTED]', async () => {
    const sha = execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).slice(0, 7);
    const r = await cli(['release', '--push', '--dry-run', '--image', 'ghcr.io/acme/shop', '--build-arg', 'A=b c'], { SLIPWAY_REGISTRY_USER: 'me', SLIPWAY_REGISTRY_PASSWORD: PASSWORD });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], "printf '%s' [REDACTED] | /nonexistent/docker login --username me --password-stdin ghcr.io");
    // The build names only the commit's own tag: it runs alongside the login, and a refused login
    // must move no local latest or version tag. The own tag goes up first (the layers).
    assert.match(lines[1]!, new RegExp(`^DOCKER_BUILDKIT=1 /nonexistent/docker build --tag ghcr.io/acme/shop:sha-${sha} --label org.opencontainers.image.title=shop --label org.opencontainers.image.version=2.0.0-rc.1 --label org.opencontainers.image.revision=[0-9a-f]{40} --label org.opencontainers.image.created=\\S+ --build-arg 'A=b c' --target runtime --progress plain ${dir}$`));
    // The layers go up once with docker push; the other tags are manifest PUTs through the registry's API.
    assert.deepEqual(lines.slice(2), [
      `# docker tag: the built image as ghcr.io/acme/shop:latest, ghcr.io/acme/shop:2.0.0-rc.1 (once the login has succeeded)`,
      `/nonexistent/docker push ghcr.io/acme/shop:sha-${sha}`,
      `# registry API: PUT https://ghcr.io/v2/acme/shop/manifests/latest (the manifest just pushed, as user me; docker push if refused)`,
      `# registry API: PUT https://ghcr.io/v2/acme/shop/manifests/2.0.0-rc.1 (the manifest just pushed, as user me; docker push if refused)`,
    ]);
    assert.match(r.stderr, /stage:\s+runtime \(Dockerfile:2, build\.target of the production compose file\)/);
    assert.ok(!(r.stdout + r.stderr).includes(PASSWORD));
  });

  test('--dry-run without credentials slipway can read: every tag is a docker push (with docker\'s own login)', async () => {
    const sha = execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).slice(0, 7);
    const r = await cli(['release', '--push', '--dry-run', '--image', 'ghcr.io/acme/shop']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0]!, /^DOCKER_BUILDKIT=1 \/nonexistent\/docker build /);
    assert.match(lines[0]!, new RegExp(` build --tag ghcr\\.io/acme/shop:sha-${sha} --label `));
    assert.equal(lines[1], '# docker tag: the built image as ghcr.io/acme/shop:latest, ghcr.io/acme/shop:2.0.0-rc.1 (once the registry has answered)');
    assert.deepEqual(lines.slice(2), [`sha-${sha}`, 'latest', '2.0.0-rc.1'].map((t) => `/nonexistent/docker push ghcr.io/acme/shop:${t}`));
  });

  test('--target wins; an unknown stage is a usage error', async () => {
    const r = await cli(['release', '--dry-run', '--image', 'r.io/a/b', '--target', 'debug']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /--target debug /);
    const bad = await cli(['release', '--dry-run', '--image', 'r.io/a/b', '--target', 'nope']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Dockerfile has no stage named 'nope' \(stages: base, runtime, debug\)/);
  });

  test('settings: image required and without a tag; .slipway.yaml errors carry file:line:col', async () => {
    assert.match((await cli(['release', '--dry-run'])).stderr, /no image: pass --image/);
    assert.match((await cli(['release', '--dry-run', '--image', 'r.io/a/b:1'])).stderr, /without a tag/);
    assert.match((await cli(['release', '--dry-run', '--image', 'R.io/A/b'])).stderr, /must be lower case/);
    writeFileSync(join(dir, '.slipway.yaml'), 'release:\n  image: ghcr.io/acme/shop\n  platforms: [linux/amd64]\n  build-args:\n    VERSION: 3\n');
    try {
      const ok = await cli(['release', '--dry-run', '--allow-dirty']);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /--tag ghcr\.io\/acme\/shop:sha-[0-9a-f]{7}-dirty .*--build-arg VERSION=3 .*--platform linux\/amd64/);
      writeFileSync(join(dir, '.slipway.yaml'), 'release:\n  image: ghcr.io/acme/shop\n  platform: linux/amd64\n');
      assert.match((await cli(['release', '--dry-run', '--allow-dirty'])).stderr, /config error: .*\.slipway\.yaml:3:3: unknown key 'platform' in release/);
      writeFileSync(join(dir, '.slipway.yaml'), 'rules: {}\nrelease:\n  image: ghcr.io/acme/shop:latest\n');
      assert.match((await cli(['release', '--dry-run', '--allow-dirty'])).stderr, /\.slipway\.yaml:3:10: release\.image: give the repository without a tag/);
    } finally {
      rmSync(join(dir, '.slipway.yaml'));
    }
  });

  test('without --image, the image the production compose file runs (as init writes it)', async () => {
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  app:\n    image: ghcr.io/acme/web:${TAG:-latest}\n  db:\n    image: postgres:16\n');
    try {
      const r = await cli(['release', '--dry-run', '--allow-dirty']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /image from the production compose file: ghcr\.io\/acme\/web/);
      assert.match(r.stdout, /--tag ghcr\.io\/acme\/web:sha-/);
    } finally {
      rmSync(join(dir, 'compose.yaml'));
    }
  });

  test('several platforms need buildx', async () => {
    const r = await cli(['release', '--dry-run', '--push', '--image', 'r.io/a/b', '--platform', 'linux/amd64,linux/arm64']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /several platforms .* needs the buildx plugin/);
  });

  test('login: dry run redacts, missing credentials are clear, no --password flag', async () => {
    const d = await cli(['login', 'ghcr.io', '--dry-run', '--username', 'me', '--password-env', 'TOKEN'], { TOKEN: PASSWORD });
    assert.equal(d.code, 0, d.stderr);
    assert.equal(d.stdout, "printf '%s' [REDACTED] | /nonexistent/docker login --username me --password-stdin ghcr.io\n");
    assert.match((await cli(['login', 'ghcr.io'])).stderr, /no credentials: set SLIPWAY_REGISTRY_USER and SLIPWAY_REGISTRY_PASSWORD/);
    const p = await cli(['login', 'ghcr.io', '-u', 'me', '-p', PASSWORD]);
    assert.equal(p.code, 2);
    assert.ok(!p.stderr.includes(PASSWORD));
    assert.match((await cli(['login', 'a b'], { SLIPWAY_REGISTRY_USER: 'u', SLIPWAY_REGISTRY_PASSWORD: 'p' })).stderr, /not a registry host/);
  });

  test('credentials resolution', () => {
    assert.equal(resolveCredentials({}, {}), null);
    const c = resolveCredentials({ SLIPWAY_REGISTRY_USER: 'u', SLIPWAY_REGISTRY_PASSWORD: `${PASSWORD}\n` }, {})!;
    assert.equal(c.username, 'u');
    assert.equal(c.password.reveal(), PASSWORD);
    assert.equal(String(c.password), '[REDACTED]');
    assert.throws(() => resolveCredentials({ SLIPWAY_REGISTRY_PASSWORD: 'p' }, {}), /no username is/);
    assert.throws(() => resolveCredentials({ SLIPWAY_REGISTRY_USER: 'u', SLIPWAY_REGISTRY_PASSWORD: '' }, {}), /is empty/);
    assert.throws(() => resolveCredentials({}, { 'password-env': 'X' }), /the variable X is not set/);
    assert.throws(() => resolveCredentials({}, { 'password-env': 'X Y' }), /name of an environment variable/);
  });

  test('tags: a usage error without an image; a clear error for an unreachable registry', async () => {
    assert.match((await cli(['tags'])).stderr, /no image/);
    const r = await cli(['tags', '127.0.0.1:1/a/b']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot reach the registry 127\.0\.0\.1:1/);
  });
});
