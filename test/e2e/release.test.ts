// `slipway release`, `tags` and `login` end to end: the real engine (Debian's docker 20.10 with
// BuildKit), the real CNCF registry with htpasswd on a loopback port, a real git repository.
// slipway runs as its own process (as users run it), so /proc can be watched while it works.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { type Socket, connect, createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { buildxPluginMissing } from '../../src/docker/builder.js';
import { RegistryClient, compressedSize } from '../../src/docker/registry.js';
import { humanBytes } from '../../src/cli/commands/release.js';
import { sensitive } from '../../src/exec/index.js';
import { type RunResult, baseImage, docker, e2eSkip, registry, repoRoot, requireEngine, run, uniqueName } from './env.js';

const TSX = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const BIN = join(repoRoot, 'src/cli/bin.ts');

describe('slipway release against a real registry', { skip: e2eSkip() }, () => {
  let reg: ReturnType<typeof registry>;
  let repoDir: string;
  let dockerConfig: string;
  let sha: string;
  let root: string;
  const images: string[] = [];

  /** Runs the real CLI in its own process; env is added to the test env (undefined removes a key). */
  const slipway = (args: string[], env: Record<string, string | undefined> = {}, cwd = repoDir): Promise<RunResult> =>
    run(process.execPath, ['--import', TSX, BIN, ...args], { cwd, env: { DOCKER_CONFIG: dockerConfig, ...env }, timeoutMs: 180_000 });
  const creds = () => ({ SLIPWAY_REGISTRY_USER: reg.user, SLIPWAY_REGISTRY_PASSWORD: reg.password });
  const imageName = (what: string) => {
    const name = `${reg.host}/slipway-release/${uniqueName(what)}`;
    images.push(name);
    return name;
  };
  const git = (...args: string[]) => execFileSync('git', ['-C', repoDir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { encoding: 'utf8' }).trim();
  const client = () => new RegistryClient({ registry: reg.host, credentials: { username: reg.user, password: sensitive(reg.password) } });
  const localImageExists = async (ref: string) => (await docker(['image', 'inspect', ref])).code === 0;

  before(async () => {
    await requireEngine();
    reg = registry();
    root = mkdtempSync(join(tmpdir(), 'slipway-release-e2e-'));
    repoDir = join(root, 'app');
    dockerConfig = join(root, 'docker-config');
    mkdirSync(repoDir);
    mkdirSync(dockerConfig);
    writeFileSync(
      join(repoDir, 'Dockerfile'),
      `FROM ${baseImage} AS build\nRUN echo "built $$" > /stamp\n\nFROM ${baseImage} AS runtime\nCOPY --from=build /stamp /stamp\nUSER 65534:65534\nCMD ["cat", "/stamp"]\n`,
    );
    writeFileSync(join(repoDir, '.dockerignore'), '.git\n');
    git('init', '-q', '-b', 'main');
    git('remote', 'add', 'origin', 'git@github.com:Acme/Shop.git');
    git('add', '.');
    git('commit', '-q', '-m', 'first');
    git('tag', 'v1.2.3');
    sha = git('rev-parse', 'HEAD');
  });

  after(async () => {
    if (root) rmSync(root, { recursive: true, force: true });
    for (const name of images) {
      const out = await docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', name]);
      const refs = out.stdout.split('\n').filter(Boolean);
      if (refs.length) await docker(['rmi', '-f', ...refs]);
    }
  });

  test('a tagged commit on main pushes latest, sha-<7>, 1.2.3, 1.2 and 1; tags lists them; the SHA tag pulls that digest with the labels', async () => {
    const image = imageName('tagged');
    const r = await slipway(['release', '--push', '--image', image], { ...creds(), SLIPWAY_TRACE: '1' });
    assert.equal(r.code, 0, r.stderr);
    // No docker-buildx file where docker looks (this machine's engine has none): docker is not asked about buildx.
    const noBuildx = buildxPluginMissing({ ...process.env, DOCKER_CONFIG: dockerConfig });
    assert.equal(/\[trace\] buildx version:/.test(r.stderr), !noBuildx, r.stderr);
    assert.match(r.stderr, /\[trace\] docker version:/);
    const printed = /pushed (\S+)@(sha256:[0-9a-f]{64})/.exec(r.stdout);
    assert.ok(printed, r.stdout);
    assert.equal(printed[1], image);
    const digest = printed[2]!;
    const short = sha.slice(0, 7);
    const expected = ['latest', `sha-${short}`, '1.2.3', '1.2', '1'];
    for (const tag of expected) assert.match(r.stdout, new RegExp(`^${tag.replace(/\./g, '\\.')}\\s+${digest}`, 'm'));
    assert.match(r.stderr, /builder: BuildKit \(built into the docker 20\.10/);
    // The layers went up once with docker push of the commit's own tag; the four other tags were
    // manifest PUTs of the registry's API.
    assert.match(r.stderr, new RegExp(`^push sha-${short}: sha256:`, 'm'));
    for (const tag of expected.filter((t) => t !== `sha-${short}`)) assert.match(r.stderr, new RegExp(`^tag ${tag.replace(/\./g, '\\.')}: ${digest} in \\S+ \\(registry API\\)$`, 'm'));
    assert.doesNotMatch(r.stderr, new RegExp(`^push (?!sha-${short})`, 'm'));
    // Every tag is also a local name of the image (the moving ones given after the login).
    const local = (await docker(['image', 'ls', '--format', '{{.Tag}}', image])).stdout.split('\n').filter(Boolean);
    assert.deepEqual(local.sort(), [...expected].sort());
    assert.match(r.stderr, /stage:\s+runtime \(Dockerfile:4, the last stage\)/);
    assert.ok(!r.stdout.includes(reg.password) && !r.stderr.includes(reg.password));
    // The size is the registry's compressed size, from the manifest the tags were added with (no docker image inspect).
    assert.match(r.stdout, /^TAG\s+DIGEST\s+COMPRESSED SIZE\s+TIME$/m);
    const manifest = await client().manifest(image.slice(reg.host.length + 1), digest);
    assert.match(r.stdout, new RegExp(`^latest\\s+${digest}\\s+${humanBytes(compressedSize(manifest.body)).replace('.', '\\.')}\\s`, 'm'));
    assert.doesNotMatch(r.stderr, /\[trace\] inspect /);

    // slipway tags reads the registry's API.
    const tags = await slipway(['tags', image, '--format', 'json'], creds());
    assert.equal(tags.code, 0, tags.stderr);
    const listed = JSON.parse(tags.stdout) as { tags: { tag: string; digest: string; created: string }[] };
    assert.deepEqual(listed.tags.map((t) => t.tag).sort(), [...expected].sort());
    for (const t of listed.tags) assert.equal(t.digest, digest, t.tag);
    const table = await slipway(['tags', image], creds());
    assert.match(table.stdout, /^TAG\s+DIGEST\s+CREATED\s+SIZE$/m);

    // Pull by the SHA tag into a clean engine state: the same digest.
    const refs = (await docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', image])).stdout.split('\n').filter(Boolean);
    assert.equal((await docker(['rmi', ...refs])).code, 0);
    const pull = await docker(['pull', `${image}:sha-${short}`], { env: { DOCKER_CONFIG: dockerConfig } });
    assert.equal(pull.code, 0, pull.stderr);
    assert.match(pull.stdout, new RegExp(`Digest: ${digest}`));
    const inspect = async (format: string) => JSON.parse((await docker(['image', 'inspect', '--format', format, `${image}:sha-${short}`])).stdout);
    assert.ok((await inspect('{{json .RepoDigests}}')).includes(`${image}@${digest}`));
    const labels = await inspect('{{json .Config.Labels}}');
    assert.equal(labels['org.opencontainers.image.revision'], sha);
    assert.equal(labels['org.opencontainers.image.version'], '1.2.3');
    assert.equal(labels['org.opencontainers.image.source'], 'https://github.com/Acme/Shop');
    assert.equal(labels['org.opencontainers.image.title'], image.split('/').pop());
    assert.match(labels['org.opencontainers.image.created'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    const out = await docker(['run', '--rm', '--network', 'none', `${image}:sha-${short}`]);
    assert.match(out.stdout, /^built \d+/);
  });

  test('a wrong password: a clear error naming the registry, exit 2, the build stopped, nothing pushed', async () => {
    const image = imageName('wrongpw');
    const bad = 'not-the-password-' + Math.random().toString(36).slice(2);
    const r = await slipway(['release', '--push', '--image', image], { ...creds(), SLIPWAY_REGISTRY_PASSWORD: bad });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, new RegExp(`login to ${reg.host.replace(/\./g, '\\.')} failed: the registry refused user '${reg.user}' with the password from SLIPWAY_REGISTRY_PASSWORD`));
    assert.ok(!(r.stdout + r.stderr).includes(bad));
    // The login runs alongside the build and stops it; a cached build may end first (it did on CI),
    // but the build names only the commit's own tag (sha-<7>): latest does not move, nothing is pushed.
    assert.doesNotMatch(r.stderr, /^build: |^push /m);
    assert.equal(await localImageExists(`${image}:latest`), false);
    await assert.rejects(client().tags(image.slice(reg.host.length + 1)), /not found/);
  });

  test('a refused login that answers after the (cached) build ended: latest does not move, nothing is pushed', async (t) => {
    // The registry answers through a loopback proxy that holds each connection 3 s: the build of
    // this Dockerfile is cached (the first test built it), so it ends before the login is refused.
    const slow = await delayingProxy(reg.host, 3000);
    try {
      const host = `127.0.0.1:${slow.port}`;
      const name = `slipway-release/${uniqueName('slowpw')}`;
      const image = `${host}/${name}`;
      const r = await slipway(['release', '--push', '--image', image], { ...creds(), SLIPWAY_REGISTRY_PASSWORD: 'not-the-password' });
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /login to 127\.0\.0\.1:\d+ failed: the registry refused user/);
      assert.equal(await localImageExists(`${image}:latest`), false);
      await assert.rejects(client().tags(name), /not found/);
      const short = sha.slice(0, 7);
      t.diagnostic(`the build ${(await localImageExists(`${image}:sha-${short}`)) ? 'ended first and named only sha-' + short : 'was stopped by the refusal'}`);
    } finally {
      await slow.close();
    }
  });

  test('a registry that is down: a clear error, the build stopped, nothing built', async () => {
    // Certainly down: the port is held by our own listener on 127.0.0.1 (so no other test's registry
    // can take it, on 127.0.0.1 or on all addresses), and the registry is named on 127.0.0.2, where
    // nothing listens: connecting there is refused, as to a registry that is not running.
    const held = await holdPort();
    try {
      const host = `127.0.0.2:${held.port}`;
      const image = `${host}/slipway-release/${uniqueName('down')}`;
      const r = await slipway(['release', '--push', '--image', image], creds());
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`cannot reach the registry 127\\.0\\.0\\.2:${held.port} \\(http://127\\.0\\.0\\.2:${held.port}\\): connection refused`));
      assert.doesNotMatch(r.stderr, /^build: |^push /m);
      assert.equal(await localImageExists(`${image}:latest`), false);
      const tags = await slipway(['tags', image], creds());
      assert.equal(tags.code, 2);
      assert.match(tags.stderr, new RegExp(`cannot reach the registry ${host.replace(/\./g, '\\.')}`));
      assert.equal(held.connections(), 0, 'nothing reached the listener that holds the port');
    } finally {
      await held.close();
    }
  });

  test('a missing password variable: an error before any build', async () => {
    const image = imageName('nopw');
    const a = await slipway(['release', '--push', '--image', image, '--username', reg.user, '--password-env', 'SLIPWAY_E2E_NO_SUCH_VAR'], { SLIPWAY_E2E_NO_SUCH_VAR: undefined });
    assert.equal(a.code, 2);
    assert.match(a.stderr, /the variable SLIPWAY_E2E_NO_SUCH_VAR is not set/);
    const b = await slipway(['release', '--push', '--image', image], { SLIPWAY_REGISTRY_USER: reg.user, SLIPWAY_REGISTRY_PASSWORD: undefined });
    assert.equal(b.code, 2);
    assert.match(b.stderr, /no password for user '.*': the variable SLIPWAY_REGISTRY_PASSWORD is not set/);
    const c = await slipway(['release', '--push', '--image', image, '--password', 'x'], creds());
    assert.equal(c.code, 2);
    assert.match(c.stderr, /takes no password on the command line/);
    for (const r of [a, b, c]) assert.doesNotMatch(r.stderr, /build \|/);
    assert.equal(await localImageExists(`${image}:latest`), false);
  });

  test('a dirty work tree is refused with the reason; --allow-dirty builds sha-<7>-dirty only', async () => {
    const image = imageName('dirty');
    writeFileSync(join(repoDir, 'notes.txt'), 'uncommitted\n');
    try {
      const r = await slipway(['release', '--image', image], {});
      assert.equal(r.code, 2);
      assert.match(r.stderr, /uncommitted changes \(notes\.txt\).*--allow-dirty/s);
      const ok = await slipway(['release', '--image', image, '--allow-dirty'], {});
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stderr, new RegExp(`tags:\\s+sha-${sha.slice(0, 7)}-dirty\\n`));
      assert.equal(await localImageExists(`${image}:sha-${sha.slice(0, 7)}-dirty`), true);
      assert.equal(await localImageExists(`${image}:latest`), false);
    } finally {
      git('clean', '-fq');
    }
  });

  test('--audit: a key shipped in the image stops the release before the push (exit 1); a clean image is audited and pushed', async () => {
    // A second repository whose image ships a private key (deleted in a later layer: still shipped).
    const leaky = join(root, 'leaky');
    mkdirSync(leaky);
    writeFileSync(join(leaky, 'id_ed25519'), '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n');
    writeFileSync(join(leaky, 'Dockerfile'), `FROM ${baseImage}\nCOPY id_ed25519 /root/.ssh/id_ed25519\nRUN rm /root/.ssh/id_ed25519\nUSER 65534:65534\nCMD ["true"]\n`);
    const g = (...args: string[]) => execFileSync('git', ['-C', leaky, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args]);
    g('init', '-q', '-b', 'main');
    g('add', '.');
    g('commit', '-q', '-m', 'leaky');
    const bad = imageName('audit-leaky');
    const r = await slipway(['release', '--push', '--audit', '--image', bad], creds(), leaky);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /image-credential-file/);
    assert.match(r.stderr, /the audit found problems at or above 'error' in .*: nothing was pushed/);
    assert.doesNotMatch(r.stderr, /^push /m);
    await assert.rejects(client().tags(bad.slice(reg.host.length + 1)), /not found/);

    const good = imageName('audit-clean');
    const ok = await slipway(['release', '--push', '--audit', '--image', good], creds());
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stderr, /audit: +slipway check --image /);
    assert.ok((await client().tags(good.slice(reg.host.length + 1))).length > 0);
  });

  test('a build started on a wrong guess of the builder is stopped, unseen, and built again on the builder docker names', async () => {
    // A buildx plugin file that is no plugin: the environment points at buildx, docker itself has none.
    const config = join(root, 'docker-config-fake-buildx');
    mkdirSync(join(config, 'cli-plugins'), { recursive: true });
    writeFileSync(join(config, 'cli-plugins', 'docker-buildx'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const image = imageName('guess');
    const r = await slipway(['release', '--image', image], { DOCKER_CONFIG: config, SLIPWAY_TRACE: '1' });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /\[trace\] buildx version:/, 'a plugin file: docker is asked');
    assert.match(r.stderr, /builder: BuildKit \(built into the docker 20\.10/);
    assert.match(r.stderr, /the build started early for buildx was stopped and starts again for buildkit/);
    // The guess's own output (docker refusing `buildx`) was held back and dropped.
    assert.doesNotMatch(r.stderr, /not a docker command/);
    const ref = `${image}:sha-${sha.slice(0, 7)}`;
    assert.equal(await localImageExists(ref), true);
    // Not pushed: the size is the local engine's (uncompressed).
    const localSize = Number((await docker(['image', 'inspect', '--format', '{{.Size}}', ref])).stdout.trim());
    assert.match(r.stdout, new RegExp(`^TAG\\s+DIGEST\\s+SIZE\\s+TIME\\n\\S+\\s+not pushed\\s+${humanBytes(localSize).replace('.', '\\.')}\\s`, 'm'));
    const labels = JSON.parse((await docker(['image', 'inspect', '--format', '{{json .Config.Labels}}', ref])).stdout);
    assert.equal(labels['org.opencontainers.image.revision'], sha);
  });

  test("a buildx plugin in the config's cliPluginsExtraDirs is found: docker is asked and its answer names the builder", async () => {
    // A plugin that only answers docker's metadata question and `version`: enough for a dry run.
    const config = join(root, 'docker-config-extra-dirs');
    const extra = join(root, 'extra-plugins');
    mkdirSync(config);
    mkdirSync(extra);
    writeFileSync(
      join(extra, 'docker-buildx'),
      `#!/bin/sh\nif [ "$1" = docker-cli-plugin-metadata ]; then echo '{"SchemaVersion":"0.1.0","Vendor":"slipway e2e","Version":"v0.99.0"}'; exit 0; fi\necho 'github.com/docker/buildx v0.99.0 e2e'\n`,
      { mode: 0o755 },
    );
    writeFileSync(join(config, 'config.json'), JSON.stringify({ cliPluginsExtraDirs: [extra] }));
    const r = await slipway(['release', '--dry-run', '--image', imageName('extra-dirs')], { DOCKER_CONFIG: config, SLIPWAY_TRACE: '1' });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /\[trace\] buildx version:/);
    assert.match(r.stderr, /builder: BuildKit \(docker buildx v0\.99\.0\)/);
    assert.match(r.stdout, /buildx build /);
  });

  test('the bin as users run it (the build of dist/slipway.js): git is asked before the CLI bundle loads, and the release pushes', async () => {
    const dist = join(root, 'dist');
    const built = await run(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, env: { SLIPWAY_DIST: dist } });
    assert.equal(built.code, 0, built.stderr);
    const image = imageName('bin');
    const env = { ...creds(), DOCKER_CONFIG: dockerConfig, SLIPWAY_TRACE: '1', XDG_CACHE_HOME: join(root, 'xdg-cache') };
    const r = await run(process.execPath, [join(dist, 'slipway.js'), 'release', '--push', '--image', image], { cwd: repoDir, env, timeoutMs: 180_000 });
    assert.equal(r.code, 0, r.stderr);
    // The launcher started git; runRelease (in the bundle) asks docker first thing, so git's start comes before docker's.
    const gitAt = /\[trace\] git facts: started at \+(\d+) ms \(before the CLI bundle loaded\)/.exec(r.stderr);
    const dockerAt = /\[trace\] docker version: started at \+(\d+) ms/.exec(r.stderr);
    assert.ok(gitAt && dockerAt, r.stderr);
    assert.ok(Number(gitAt[1]) < Number(dockerAt[1]), r.stderr);
    const digest = /pushed \S+@(sha256:[0-9a-f]{64})/.exec(r.stdout)?.[1];
    assert.ok(digest, r.stdout);
    const head = git('rev-parse', 'HEAD');
    assert.match(r.stderr, new RegExp(`^commit:  ${head.slice(0, 7)} on main`, 'm'));
    const repo = image.slice(reg.host.length + 1);
    for (const tag of ['latest', `sha-${head.slice(0, 7)}`]) assert.equal((await client().manifest(repo, tag)).digest, digest, tag);

    // Other commands, and release --help, start no git: a git first on PATH logs every call.
    const bin = join(root, 'logging-git');
    mkdirSync(bin, { recursive: true });
    const log = join(bin, 'calls.log');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    // Each call logs its arguments and which password variables it inherited (it must inherit none).
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$* | env:\${SLIPWAY_REGISTRY_PASSWORD:+SLIPWAY_REGISTRY_PASSWORD}\${E2E_TOKEN:+E2E_TOKEN}" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
    const logged = { ...env, PATH: `${bin}:${process.env.PATH}` };
    for (const args of [['--version'], ['release', '--help'], ['tags', '--help']]) {
      const quiet = await run(process.execPath, [join(dist, 'slipway.js'), ...args], { cwd: repoDir, env: logged });
      assert.equal(quiet.code, 0, quiet.stderr);
      assert.equal(existsSync(log), false, `${args.join(' ')} ran git: ${existsSync(log) ? readFileSync(log, 'utf8') : ''}`);
    }
    const dry = await run(process.execPath, [join(dist, 'slipway.js'), 'release', '--dry-run', '--image', image], { cwd: repoDir, env: logged });
    assert.equal(dry.code, 0, dry.stderr);
    const tokenDry = await run(process.execPath, [join(dist, 'slipway.js'), 'release', '--dry-run', '--image', image, '--password-env', 'E2E_TOKEN'], { cwd: repoDir, env: { ...logged, E2E_TOKEN: reg.password } });
    assert.equal(tokenDry.code, 0, tokenDry.stderr);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    assert.equal(calls.filter((c) => / config --null --list /.test(c)).length, 2, 'the logging git is the one slipway runs');
    for (const call of calls) assert.match(call, / \| env:$/, 'git inherits no password variable');
  });

  test('an engine that does not answer: the builder error, exit 2, nothing built', async () => {
    const image = imageName('noengine');
    const r = await slipway(['release', '--image', image], { DOCKER_HOST: 'unix:///nonexistent/slipway-e2e.sock' });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /cannot talk to the Docker engine with \S+: .*nonexistent\/slipway-e2e\.sock/);
    assert.doesNotMatch(r.stderr, /^build: /m);
    assert.equal(await localImageExists(`${image}:latest`), false);
  });

  test("docker's saved login (slipway login) is used for the push and for the tags the registry's API adds", async () => {
    const config = join(root, 'docker-config-saved');
    mkdirSync(config);
    const login = await slipway(['login', reg.host], { ...creds(), DOCKER_CONFIG: config });
    assert.equal(login.code, 0, login.stderr);
    const image = imageName('saved');
    const r = await slipway(['release', '--push', '--image', image], { DOCKER_CONFIG: config });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /login: +no SLIPWAY_REGISTRY_USER\/SLIPWAY_REGISTRY_PASSWORD: pushing with docker's saved login/);
    const digest = /pushed \S+@(sha256:[0-9a-f]{64})/.exec(r.stdout)![1]!;
    assert.match(r.stderr, new RegExp(`^tag latest: ${digest} in \\S+ \\(registry API\\)$`, 'm'));
    const repo = image.slice(reg.host.length + 1);
    const listed = await client().tags(repo);
    assert.deepEqual(listed.sort(), ['1', '1.2', '1.2.3', 'latest', `sha-${sha.slice(0, 7)}`].sort());
    for (const tag of listed) assert.equal((await client().manifest(repo, tag)).digest, digest, tag);
  });

  test('the password is in no process argv and no output while login and release run, in any mode', async () => {
    // A second user with a unique password, so any trace of it is ours.
    const image = imageName('login');
    const modes: { name: string; args: string[]; env: Record<string, string | undefined>; code: number }[] = [
      { name: 'login', args: ['login', reg.host], env: creds(), code: 0 },
      { name: 'login --dry-run', args: ['login', reg.host, '--dry-run'], env: creds(), code: 0 },
      { name: 'login, wrong password', args: ['login', reg.host], env: { ...creds(), SLIPWAY_REGISTRY_PASSWORD: `${reg.password}-wrong` }, code: 2 },
      { name: 'login --password-env', args: ['login', reg.host, '--username', reg.user, '--password-env', 'MY_PW'], env: { MY_PW: reg.password }, code: 0 },
      { name: 'release --push --dry-run', args: ['release', '--push', '--dry-run', '--image', image], env: creds(), code: 0 },
    ];
    for (const m of modes) {
      const secret = m.env.SLIPWAY_REGISTRY_PASSWORD ?? m.env.MY_PW!;
      const seen = new Set<string>();
      const child = spawn(process.execPath, ['--import', TSX, BIN, ...m.args], {
        cwd: repoDir,
        env: { ...process.env, DOCKER_CONFIG: dockerConfig, SLIPWAY_DOCKER: '/usr/bin/docker', DOCKER_BUILDKIT: '1', ...m.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      const done = new Promise<number>((res, rej) => {
        child.on('close', (c) => res(c ?? -1));
        child.on('error', rej);
      });
      let finished = false;
      void done.then(
        () => (finished = true),
        () => (finished = true),
      );
      let scans = 0;
      while (!finished) {
        for (const pid of readdirSync('/proc')) {
          if (!/^\d+$/.test(pid)) continue;
          try {
            const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
            if (cmd) seen.add(cmd);
          } catch {
            // the process ended
          }
        }
        scans++;
        await new Promise((r) => setImmediate(r));
      }
      const code = await done;
      assert.equal(code, m.code, `${m.name}: ${output}`);
      assert.ok(scans > 3, `${m.name}: /proc was scanned ${scans} times`);
      assert.ok([...seen].some((c) => c.includes('slipway') || c.includes('bin.ts')), `${m.name}: the slipway process was seen`);
      for (const cmd of seen) assert.ok(!cmd.includes(secret), `${m.name}: the password is in a command line: ${cmd.replace(secret, '***')}`);
      assert.ok(!output.includes(secret), `${m.name}: the password is in the output`);
      if (m.name.includes('dry-run')) assert.match(output, /printf '%s' \[REDACTED\] \| \/usr\/bin\/docker login --username \S+ --password-stdin/);
      if (m.name === 'login') assert.ok([...seen].some((c) => c.includes('login\0--username')), 'docker login itself was seen running');
    }
  });
});

/** A port on 127.0.0.1 held by a listener of ours (it counts connections) for the whole test. */
/** A loopback TCP proxy to `target` (host:port) that holds each connection `ms` before it connects. */
function delayingProxy(target: string, ms: number): Promise<{ port: number; close: () => Promise<void> }> {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const open = new Set<Socket>();
  return new Promise((resolve, reject) => {
    const s = createServer((client) => {
      client.pause();
      open.add(client);
      const timer = setTimeout(() => {
        const upstream = connect(port, host, () => {
          client.pipe(upstream);
          upstream.pipe(client);
          client.resume();
        });
        open.add(upstream);
        const end = () => (client.destroy(), upstream.destroy());
        upstream.on('error', end).on('close', end);
        client.on('error', end).on('close', end);
      }, ms);
      client.on('close', () => clearTimeout(timer));
    });
    s.listen(0, '127.0.0.1', () => {
      resolve({
        port: (s.address() as { port: number }).port,
        close: () => new Promise((r) => {
          for (const c of open) c.destroy();
          s.close(() => r());
        }),
      });
    });
    s.on('error', reject);
  });
}

function holdPort(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    let count = 0;
    const s = createServer((socket) => {
      count++;
      socket.destroy();
    });
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      resolve({ port, connections: () => count, close: () => new Promise((r) => s.close(() => r())) });
    });
    s.on('error', reject);
  });
}
