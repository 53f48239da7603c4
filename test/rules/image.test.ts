// Image rules on images built in memory and read through the real archive reader.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { activeRules } from '../../src/engine/effective-rules.js';
import { checkImage } from '../../src/engine/check-image.js';
import { readArchive } from '../../src/image/read-archive.js';
import { parseDockerfile } from '../../src/parse/dockerfile/parse.js';
import { imageAuditRules } from '../../src/rules/image/index.js';
import { chunked, dockerArchive, type FixtureImage, type FixtureLayer } from '../unit/image/fixture.js';

const settings = { trustedRegistries: [], labelSchema: {}, strictLabels: false };
const BASE: FixtureLayer = { createdBy: 'COPY busybox /bin/busybox # buildkit', files: [{ path: 'bin/busybox', size: 100, mode: 0o755 }] };
/** Non-root, with a healthcheck: nothing to report. */
const CLEAN: FixtureImage = { user: '65534:65534', healthcheck: ['CMD', 'true'], steps: [BASE] };

async function run(image: FixtureImage, overrides: Record<string, 'off'> = {}, dockerfile?: string) {
  const model = await readArchive(chunked(await dockerArchive(image)), 'app:1');
  const df = dockerfile ? parseDockerfile(dockerfile, 'Dockerfile') : null;
  return checkImage(model, { rules: activeRules(imageAuditRules, overrides), settings, dockerfile: df });
}
const lines = async (image: FixtureImage) => (await run(image)).map((f) => `${f.rule}: ${f.message}`);

test('a clean image reports nothing', async () => {
  assert.deepEqual(await lines(CLEAN), []);
});

describe('image-runs-as-root', () => {
  for (const user of ['', 'root', '0', '0:0', 'root:app']) {
    test(`User '${user}' is root`, async () => {
      const f = await run({ ...CLEAN, user });
      assert.deepEqual(f.map((x) => x.rule), ['image-runs-as-root']);
    });
  }
  test('a numeric uid or a name is not', async () => {
    assert.deepEqual(await lines({ ...CLEAN, user: 'app' }), []);
    assert.deepEqual(await lines({ ...CLEAN, user: '1000:1000' }), []);
  });
  test('USER root points at its history entry', async () => {
    const [f] = await run({ ...CLEAN, user: 'root', steps: [BASE, { createdBy: 'USER root', empty: true }] });
    assert.match(f!.message, /User is 'root'.*\['USER root'\]/);
  });
});

test('image-healthcheck-missing: none, or NONE', async () => {
  assert.deepEqual((await run({ ...CLEAN, healthcheck: undefined })).map((f) => f.rule), ['image-healthcheck-missing']);
  assert.deepEqual((await run({ ...CLEAN, healthcheck: ['NONE'] })).map((f) => f.rule), ['image-healthcheck-missing']);
});

describe('image-secret-config', () => {
  test('ENV and LABEL by name and by value; the value is never printed', async () => {
    const gh = 'ghp_' + 'Zq3mY8vKx2LbN4pRt6WsJ1uHc9DfGa7EoQiT';
    const f = await run({
      ...CLEAN,
      env: ['PATH=/bin', 'DB_PASSWORD=hunter2hunter2', 'NOTE=' + gh, 'API_KEY=', 'PASSWORD_FILE=/run/secrets/db'],
      labels: { 'com.example.deploy-token': 'abcdef', 'org.opencontainers.image.title': 'x' },
      steps: [BASE, { createdBy: 'ENV DB_PASSWORD=hunter2hunter2', empty: true }],
    });
    assert.deepEqual(f.map((x) => x.message.split(':')[0]), ['ENV DB_PASSWORD looks like a secret', 'ENV NOTE holds a GitHub token', 'LABEL com.example.deploy-token looks like a secret']);
    for (const x of f) assert.ok(!/hunter2|ghp_|abcdef/.test(JSON.stringify(x)), JSON.stringify(x));
  });
});

describe('image-secret-build-arg', () => {
  test('a secret build arg is reported once, at the first RUN that recorded it, value masked', async () => {
    const f = await run({
      ...CLEAN,
      steps: [
        BASE,
        { createdBy: 'ARG DEPLOY_TOKEN', empty: true },
        { createdBy: 'RUN |2 DEPLOY_TOKEN=s3cr3tvalue VERSION=1 /bin/sh -c make # buildkit', files: [{ path: 'a', size: 1 }] },
        { createdBy: 'RUN |2 DEPLOY_TOKEN=s3cr3tvalue VERSION=1 /bin/sh -c make install # buildkit', files: [{ path: 'b', size: 1 }] },
      ],
    });
    assert.deepEqual(f.map((x) => x.rule), ['image-secret-build-arg']);
    assert.match(f[0]!.message, /Build arg DEPLOY_TOKEN .* \(2 RUN entries\)/);
    assert.equal(f[0]!.image?.layer, 1);
    assert.ok(!JSON.stringify(f).includes('s3cr3tvalue'));
  });
  test('an empty secret arg, or a harmless one, is not reported', async () => {
    assert.deepEqual(await lines({ ...CLEAN, steps: [BASE, { createdBy: 'RUN |2 DEPLOY_TOKEN= VERSION=1 /bin/sh -c make # buildkit', files: [] }] }), []);
  });
  test('a token written into a RUN line', async () => {
    const f = await run({ ...CLEAN, steps: [BASE, { createdBy: 'RUN /bin/sh -c curl https://user:pa55word@example.com/x # buildkit', files: [] }] });
    assert.deepEqual(f.map((x) => x.rule), ['image-secret-build-arg']);
    assert.ok(!JSON.stringify(f).includes('pa55word'));
  });
});

describe('image-credential-file', () => {
  test('a key added then deleted still ships: reported at the layer that added it', async () => {
    const f = await run({
      ...CLEAN,
      steps: [
        BASE,
        { createdBy: 'COPY id_ed25519 /root/.ssh/id_ed25519 # buildkit', files: [{ path: 'root/.ssh/id_ed25519', content: 'KEY' }] },
        { createdBy: 'RUN /bin/sh -c rm /root/.ssh/id_ed25519 # buildkit', files: [{ path: 'root/.ssh/.wh.id_ed25519' }] },
      ],
    });
    assert.deepEqual(f.map((x) => `${x.rule} ${x.image?.layer} ${x.image?.path}`), ['image-credential-file 1 /root/.ssh/id_ed25519']);
    assert.match(f[0]!.message, /deleted by layer 2 but still shipped in layer 1/);
  });
  test('each kind; .npmrc, .docker/config.json and env files only with a secret; .git once per folder; templates and public keys never', async () => {
    const f = await run({
      ...CLEAN,
      steps: [
        BASE,
        {
          createdBy: 'COPY . /app # buildkit',
          files: [
            { path: 'app/.env', content: 'PORT=8080\nPOSTGRES_PASSWORD=Xk93mQ2v\n' },
            { path: 'app/.env.example', content: 'A=' },
            // A Vite app's build settings (excalidraw's .env.production): public by design.
            { path: 'srv/www/.env.production', content: 'MODE="production"\nVITE_APP_BACKEND_V2_GET_URL=https://json.excalidraw.com/api/v2/\n' },
            { path: 'app/api/.env', content: 'SECRET_KEY=changethis\nDATABASE_URL=postgresql://postgres:${POSTGRES_PASSWORD}@db:5432/app\n' },
            { path: 'app/.npmrc', content: 'registry=https://registry.npmjs.org/\n' },
            { path: 'root/.npmrc', content: '//npm.example.com/:_authToken=xyz\n' },
            { path: 'root/.aws/credentials', content: '[default]\n' },
            { path: 'root/.docker/config.json', content: '{"auths":{"ghcr.io":{"auth":"dXNlcjpwYXNz"}}}' },
            { path: 'home/app/.docker/config.json', content: '{"credsStore":"desktop"}' },
            { path: 'root/.git-credentials', content: 'https://u:p@github.com\n' },
            { path: 'app/.git/config', content: '[core]' },
            { path: 'app/.git/HEAD', content: 'ref: refs/heads/main' },
            { path: 'root/.ssh/id_rsa.pub', content: 'ssh-rsa AAAA' },
            { path: 'app/empty/.env', content: '' },
          ],
        },
      ],
    });
    assert.deepEqual(f.map((x) => x.image?.path).sort(), ['/app/.env', '/app/.git', '/root/.aws/credentials', '/root/.docker/config.json', '/root/.git-credentials', '/root/.npmrc']);
    assert.ok(f.every((x) => x.message.includes('shipped in layer 1')));
    const env = f.find((x) => x.image?.path === '/app/.env')!;
    assert.match(env.message, /an environment file with POSTGRES_PASSWORD/);
    assert.ok(!env.message.includes('Xk93mQ2v'), 'never prints the value');
  });
});

test('image-setuid: unusual setuid/setgid files only', async () => {
  const f = await run({
    ...CLEAN,
    steps: [BASE, { createdBy: 'RUN /bin/sh -c chmod 4755 /bin/suid # buildkit', files: [{ path: 'bin/suid', size: 1, mode: 0o4755 }, { path: 'usr/bin/passwd', size: 1, mode: 0o4755 }, { path: 'usr/lib/x86_64-linux-gnu/utempter/utempter', size: 1, mode: 0o2755 }, { path: 'usr/bin/crontab2', size: 1, mode: 0o2755 }] }],
  });
  assert.deepEqual(f.map((x) => x.message.split(':')[0]), ['/bin/suid is setuid (mode 4755)', '/usr/bin/crontab2 is setgid (mode 2755)']);
});

test('image-package-cache: apt lists and the pip cache, at the layer that left most of them', async () => {
  const f = await run({
    ...CLEAN,
    steps: [
      BASE,
      { createdBy: 'RUN /bin/sh -c apt-get update # buildkit', files: [{ path: 'var/lib/apt/lists/lock' }, { path: 'var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease', size: 2000 }] },
      { createdBy: 'RUN /bin/sh -c pip install x # buildkit', files: [{ path: 'root/.cache/pip/http/a', size: 3000 }] },
    ],
  });
  assert.deepEqual(f.map((x) => `${x.image?.layer} ${x.message.split(':')[0]}`), ['1 apt package lists are left in the image (1 files, 2 kB)', '2 the pip cache are left in the image (1 files, 3 kB)']);
});

test('image-size: past the guide\'s slim base, the largest layers with their largest files and instructions', async () => {
  const big = (path: string, mb: number) => ({ path, content: Buffer.alloc(mb * 1e6) });
  const f = await run({ ...CLEAN, steps: [BASE, { createdBy: 'COPY data /data # buildkit', files: [big('data/a', 90), big('data/b', 30)] }, { createdBy: 'RUN /bin/sh -c make # buildkit', files: [big('usr/lib/x.so', 20)] }] });
  assert.deepEqual(f.map((x) => x.rule), ['image-size', 'image-size']);
  assert.match(f[0]!.message, /^Layer 1 adds 120\.0 MB, 86% of the image's 140\.0 MB .*largest files: \/data\/a \(90\.0 MB\), \/data\/b \(30\.0 MB\) \[layer 1 [0-9a-f]{12}: 'COPY data \/data'\]$/);
  assert.deepEqual(await lines({ ...CLEAN, steps: [BASE, { createdBy: 'COPY data /data # buildkit', files: [big('data/a', 100)] }] }), []);
});

describe('findings and the Dockerfile', () => {
  const image: FixtureImage = {
    ...CLEAN,
    user: '',
    steps: [
      BASE,
      { createdBy: 'COPY id_rsa /root/.ssh/id_rsa # buildkit', files: [{ path: 'root/.ssh/id_rsa', content: 'KEY' }] },
      { createdBy: 'RUN /bin/sh -c rm /root/.ssh/id_rsa # buildkit', files: [{ path: 'root/.ssh/.wh.id_rsa' }] },
    ],
  };
  test('mapped to the instruction that made the layer; unlocated ones to the shipped FROM', async () => {
    const f = await run(image, {}, 'FROM busybox\nCOPY id_rsa /root/.ssh/id_rsa\nRUN rm /root/.ssh/id_rsa\n');
    assert.deepEqual(f.map((x) => `${x.file}:${x.line}:${x.column} ${x.rule}`), ['Dockerfile:1:1 image-runs-as-root', 'Dockerfile:2:1 image-credential-file']);
    assert.equal(f[1]!.image?.createdBy, 'COPY id_rsa /root/.ssh/id_rsa');
  });
  test('Dockerfile pragmas and config suppress image findings', async () => {
    const f = await run(image, { 'CIS-DI-0001': 'off' }, 'FROM busybox\n# slipway ignore=image-credential-file -- test key\nCOPY id_rsa /root/.ssh/id_rsa\nRUN rm /root/.ssh/id_rsa\n');
    assert.deepEqual(f, []);
  });
  test('without a Dockerfile, findings name the image', async () => {
    const f = await run(image);
    assert.deepEqual(f.map((x) => `${x.file}:${x.line}`), ['app:1:1', 'app:1:1']);
  });
});
