// The exact docker commands, joined as a shell would print them (as Kamal's test/commands).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCommand, digestFromPushOutput, loginCommand, pushCommand, tagCommand } from '../../../src/docker/commands.js';
import { displayStep, joinShell, sensitive } from '../../../src/exec/index.js';

test('build with BuildKit built into the client', () => {
  const step = buildCommand({
    docker: 'docker',
    builder: 'buildkit',
    context: '.',
    tags: ['r/app:sha-abc1234', 'r/app:latest'],
    labels: { 'org.opencontainers.image.title': 'my app' },
    buildArgs: { VERSION: '1.2.3' },
    target: 'runtime',
    iidfile: '/tmp/iid',
    progress: 'plain',
  });
  assert.equal(
    displayStep(step),
    "DOCKER_BUILDKIT=1 docker build --tag r/app:sha-abc1234 --tag r/app:latest --label 'org.opencontainers.image.title=my app' --build-arg VERSION=1.2.3 --target runtime --iidfile /tmp/iid --progress plain .",
  );
});

test('build with buildx loads (one platform) or pushes (several)', () => {
  const base = { docker: '/usr/bin/docker', context: 'ctx', tags: ['a:1'] } as const;
  assert.equal(joinShell(buildCommand({ ...base, builder: 'buildx', file: 'ctx/Dockerfile.prod' }).argv), '/usr/bin/docker buildx build --file ctx/Dockerfile.prod --tag a:1 --load ctx');
  assert.equal(joinShell(buildCommand({ ...base, builder: 'buildx', platforms: ['linux/amd64', 'linux/arm64'], push: true }).argv), '/usr/bin/docker buildx build --tag a:1 --platform linux/amd64,linux/arm64 --push ctx');
  const classic = buildCommand({ ...base, builder: 'classic', progress: 'plain' });
  assert.equal(displayStep(classic), 'DOCKER_BUILDKIT=0 /usr/bin/docker build --tag a:1 ctx');
});

test('tag and push', () => {
  assert.equal(joinShell(tagCommand('docker', 'a:sha-1', 'r/a:1.2').argv), 'docker tag a:sha-1 r/a:1.2');
  assert.equal(joinShell(pushCommand('docker', 'r/a:1.2').argv), 'docker push r/a:1.2');
});

test('login takes the password on stdin only', () => {
  const step = loginCommand('docker', 'ghcr.io', 'me', sensitive('pa55'));
  assert.deepEqual(step.argv, ['docker', 'login', '--username', 'me', '--password-stdin', 'ghcr.io']);
  assert.equal(displayStep(step), "printf '%s' [REDACTED] | docker login --username me --password-stdin ghcr.io");
  assert.ok(!JSON.stringify(step).includes('pa55'));
});

test('reads the digest docker push prints', () => {
  assert.equal(digestFromPushOutput(`latest: digest: sha256:${'ab'.repeat(32)} size: 528\n`), `sha256:${'ab'.repeat(32)}`);
  assert.equal(digestFromPushOutput('nothing'), null);
});
