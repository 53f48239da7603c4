// A release whose container crashes once and is brought back by its restart policy: running again,
// it passes its health check, but it crashed during the release, so the deploy fails and rolls back
// (health.ts restartsSince). The real sshd, dockerd, docker-compose and registry; the test reads the
// server's folder and ports directly.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { httpGet, readHistoryFile, slipway } from './deploy-env.js';
import { deployFixture, removeDeployFixture, type DeployFixture } from './deploy-fixture.js';
import { docker, e2eSkip, sshTarget } from './env.js';
import { ensureProxyImage } from './proxy-image.js';

describe('slipway deploy: a container restarted by its restart policy during the release', { skip: e2eSkip(), timeout: 600_000 }, () => {
  let fx: DeployFixture | undefined;
  const common = () => ['--server', `root@127.0.0.1:${sshTarget().port}`, '--ssh-config', fx!.sshConfig, '--path', fx!.serverDir];
  const run = (argv: string[]) => slipway(argv, fx!.project, fx!.env);
  /** The restart count and image of each web container of the app (running or not). */
  const webContainers = async () => {
    const ids = (await docker(['ps', '-a', '-q', '--filter', `label=com.docker.compose.project=${fx!.name}`, '--filter', 'label=com.docker.compose.service=web'])).stdout.split('\n').filter(Boolean);
    if (!ids.length) return [];
    return (await docker(['inspect', '--format', '{{.Config.Image}} {{.State.Status}} {{.RestartCount}}', ...ids])).stdout.trim().split('\n');
  };

  before(async () => {
    fx = await deployFixture('slipway-harden-restart', [
      { tag: 'v1', version: 'v1' },
      { tag: 'crash', version: 'crash', crashOnce: true },
      { tag: 'v2', version: 'v2' },
    ]);
    await writeFile(join(fx.project, 'docker-compose.yml'), `services:\n  web:\n    image: ${fx.repo}:latest\n    restart: unless-stopped\n    ports:\n      - "127.0.0.1:${fx.port}:8080"\n    volumes:\n      - ./data:/data\n`);
    await writeFile(join(fx.project, '.slipway.yaml'), `deploy:\n  image: ${fx.repo}\n  health-timeout: 40\n`);
  });

  after(() => removeDeployFixture(fx)); // it takes down docker-compose.yml's project: the file is named so

  test('the crashed-once release fails and rolls back; the previous release keeps answering and data/ is untouched', async () => {
    const setup = await run(['setup', ...common()]);
    assert.equal(setup.code, 0, setup.all);
    writeFileSync(join(fx!.serverDir, 'data', 'keep.txt'), 'precious\n');
    const v1 = await run(['deploy', '--tag', 'v1', ...common()]);
    assert.equal(v1.code, 0, v1.all);
    assert.equal(await httpGet(fx!.port), 'version v1');

    const crash = await run(['deploy', '--tag', 'crash', ...common()]);
    assert.equal(crash.code, 2, crash.all);
    assert.match(crash.stderr, /crash is not healthy: web exited and its restart policy started it again \(once\) during the release\..*Rolled back to v1, which is healthy again/s);
    assert.doesNotMatch(crash.all, /\n\s+at /, 'no stack trace');
    assert.equal(await httpGet(fx!.port), 'version v1');
    assert.deepEqual(readHistoryFile(fx!.serverDir).map((h) => [h.action, h.tag, h.result]), [['deploy', 'v1', 'healthy'], ['deploy', 'crash', 'unhealthy'], ['auto-rollback', 'v1', 'healthy']]);
    assert.equal(readFileSync(join(fx!.serverDir, 'data', 'keep.txt'), 'utf8'), 'precious\n');
    // crash's first run exited before writing; its restart ran (and would have passed its check); then v1 again.
    assert.equal(readFileSync(join(fx!.serverDir, 'data', 'starts'), 'utf8'), 'v1\ncrash\nv1\n');
    assert.deepEqual(await webContainers(), [`${fx!.repo}:v1 running 0`]);
  });

  test('a kept container with restarts from before the release does not fail a later one', async () => {
    // v1 runs; its container crashes and comes back before the next deploy (a past restart).
    const [before] = (await docker(['ps', '-q', '--filter', `label=com.docker.compose.project=${fx!.name}`, '--filter', 'label=com.docker.compose.service=web'])).stdout.split('\n');
    await docker(['exec', before!, 'kill', '1']); // PID 1 (sh) exits on TERM: the restart policy brings it back
    const deadline = Date.now() + 30_000;
    while (!(await webContainers()).some((c) => / running [1-9]/.test(c)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    assert.match((await webContainers()).join('\n'), / running [1-9]/, 'restarted by its policy');
    // A new release recreates the container: its restart count starts again; the deploy passes.
    const v2 = await run(['deploy', '--tag', 'v2', ...common()]);
    assert.equal(v2.code, 0, v2.all);
    assert.equal(await httpGet(fx!.port), 'version v2');
    // The same tag again: compose keeps the container, whose restart count is from before this release.
    const kept = (await docker(['ps', '-q', '--no-trunc', '--filter', `label=com.docker.compose.project=${fx!.name}`, '--filter', 'label=com.docker.compose.service=web'])).stdout.trim();
    await docker(['exec', kept, 'kill', '1']);
    const again = Date.now() + 30_000;
    while (!(await webContainers()).some((c) => / running [1-9]/.test(c)) && Date.now() < again) await new Promise((r) => setTimeout(r, 250));
    await new Promise((r) => setTimeout(r, 1500)); // healthy again
    const same = await run(['deploy', '--tag', 'v2', ...common()]);
    assert.equal(same.code, 0, same.all);
    assert.equal(await httpGet(fx!.port), 'version v2');
    const now = (await docker(['ps', '-q', '--no-trunc', '--filter', `label=com.docker.compose.project=${fx!.name}`, '--filter', 'label=com.docker.compose.service=web'])).stdout.trim();
    assert.equal(now, kept, 'the same container, kept by compose');
  });
});

describe('slipway deploy --strategy zero-downtime: a new container restarted during the health wait', { skip: e2eSkip(), timeout: 600_000 }, () => {
  let fx: DeployFixture | undefined;
  const common = () => ['--server', `root@127.0.0.1:${sshTarget().port}`, '--ssh-config', fx!.sshConfig, '--path', fx!.serverDir];
  const run = (argv: string[]) => slipway(argv, fx!.project, fx!.env);

  before(async () => {
    [fx] = await Promise.all([deployFixture('slipway-harden-restart-zd', [{ tag: 'v1', version: 'v1' }, { tag: 'crash', version: 'crash', crashOnce: true }]), ensureProxyImage()]);
    await writeFile(join(fx.project, 'docker-compose.yml'), `services:\n  web:\n    image: ${fx.repo}:latest\n    restart: unless-stopped\n    ports:\n      - "127.0.0.1:${fx.port}:8080"\n    volumes:\n      - ./data:/data\n`);
    await writeFile(join(fx.project, '.slipway.yaml'), `deploy:\n  image: ${fx.repo}\n  strategy: zero-downtime\n  health-timeout: 40\n`);
  });

  after(() => removeDeployFixture(fx));

  test('nothing is switched to it: the previous release keeps serving, data/ untouched', async () => {
    const setup = await run(['setup', ...common()]);
    assert.equal(setup.code, 0, setup.all);
    writeFileSync(join(fx!.serverDir, 'data', 'keep.txt'), 'precious\n');
    const v1 = await run(['deploy', '--tag', 'v1', ...common()]);
    assert.equal(v1.code, 0, v1.all);
    const crash = await run(['deploy', '--tag', 'crash', ...common()]);
    assert.equal(crash.code, 2, crash.all);
    assert.match(crash.stderr, /crash is not healthy: web exited and its restart policy started it again \(once\) during the release.*Nothing was switched: v1 kept serving/s);
    assert.equal(await httpGet(fx!.port), 'version v1');
    const images = (await docker(['ps', '-a', '--format', '{{.Image}}', '--filter', `label=com.docker.compose.project=${fx!.name}`, '--filter', 'label=com.docker.compose.service=web'])).stdout.split('\n').filter(Boolean);
    assert.deepEqual(images, [`${fx!.repo}:v1`], 'the restarted container was removed');
    assert.equal(readFileSync(join(fx!.serverDir, 'data', 'keep.txt'), 'utf8'), 'precious\n');
  });
});
