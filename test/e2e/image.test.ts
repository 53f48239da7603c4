// `slipway check --image` on images the real engine built, with planted problems: a key added and
// deleted in a later layer, a secret build arg, a setuid file, a root user. Each must be reported
// (and the secret's value never printed); a clean image reports nothing; the same image read
// through `docker save`, from a saved file and from an OCI archive (gzip layers, skopeo) gives the
// same findings.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { main } from '../../src/cli/main.js';
import { baseImage, childEnv, docker, e2eSkip, registry, requireEngine, run, tempDir, uniqueName } from './env.js';

/** A folder for the whole suite (tempDir() in a before hook is removed after the first test). */
const suiteDir = () => mkdtemp(join(tmpdir(), 'slipway-image-e2e-'));

async function slipway(argv: string[], cwd: string, extraEnv: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const env = { ...(childEnv() as Record<string, string>), ...extraEnv };
  const code = await main(argv, { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false, env, readStdin: async () => '' });
  return { code, stdout, stderr };
}

interface JsonFinding {
  rule: string;
  severity: string;
  file: string;
  line: number;
  message: string;
  image?: { ref: string; layer?: number; digest?: string; createdBy?: string; path?: string };
}

const findingsOf = (json: string): JsonFinding[] => (JSON.parse(json) as { findings: JsonFinding[] }).findings;
/** What must match whichever way the image was read: rule, layer digest, path, message (the ref aside). */
const comparable = (fs: JsonFinding[]) => fs.map((f) => `${f.rule} ${f.image?.digest ?? '-'} ${f.image?.path ?? '-'} ${f.message}`).sort();

const PLANTED = `FROM ${baseImage}
ARG DEPLOY_TOKEN
COPY id_ed25519 /root/.ssh/id_ed25519
RUN rm /root/.ssh/id_ed25519 && test -n "$DEPLOY_TOKEN"
RUN cp /bin/busybox /usr/bin/helper && chmod 4755 /usr/bin/helper
CMD ["sleep", "3600"]
`;

const CLEAN = `FROM ${baseImage}
WORKDIR /www
COPY index.html /www/index.html
HEALTHCHECK --interval=5s CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"]
USER 65534:65534
CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]
`;

describe('check --image on images the engine built', { skip: e2eSkip() }, () => {
  const images: string[] = [];
  const dirs: string[] = [];
  const token = `tok_${randomBytes(12).toString('hex')}`;
  let planted = '';
  let plantedDir = '';
  let clean = '';

  before(async () => {
    await requireEngine();
    plantedDir = await suiteDir();
    dirs.push(plantedDir);
    await writeFile(join(plantedDir, 'Dockerfile'), PLANTED);
    await writeFile(join(plantedDir, 'id_ed25519'), '-----BEGIN OPENSSH PRIVATE KEY-----\nnot a real key\n-----END OPENSSH PRIVATE KEY-----\n');
    await writeFile(join(plantedDir, '.dockerignore'), '*\n!id_ed25519\n');
    planted = `${uniqueName('slipway-image-planted')}:1`;
    images.push(planted);
    const b = await docker(['build', '-q', '--build-arg', `DEPLOY_TOKEN=${token}`, '-t', planted, plantedDir], { timeoutMs: 180_000 });
    assert.equal(b.code, 0, b.stderr);

    const cleanDir = await suiteDir();
    dirs.push(cleanDir);
    await writeFile(join(cleanDir, 'Dockerfile'), CLEAN);
    await writeFile(join(cleanDir, 'index.html'), 'ok\n');
    await writeFile(join(cleanDir, '.dockerignore'), '*\n!index.html\n');
    clean = `${uniqueName('slipway-image-clean')}:1`;
    images.push(clean);
    const c = await docker(['build', '-q', '-t', clean, cleanDir], { timeoutMs: 180_000 });
    assert.equal(c.code, 0, c.stderr);
  });
  after(async () => {
    if (images.length) await docker(['rmi', '-f', ...images]);
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  test('each planted problem is reported, the token never printed; exit 1', async () => {
    const r = await slipway(['check', '--image', planted, '-f', 'json'], plantedDir);
    assert.equal(r.code, 1, r.stderr);
    const fs = findingsOf(r.stdout);
    const rules = fs.map((f) => f.rule);
    for (const rule of ['image-runs-as-root', 'image-secret-build-arg', 'image-credential-file', 'image-setuid']) assert.ok(rules.includes(rule), `${rule} missing: ${rules}`);
    const key = fs.find((f) => f.rule === 'image-credential-file')!;
    assert.equal(key.image?.path, '/root/.ssh/id_ed25519');
    assert.match(key.message, /deleted by layer 3 but still shipped in layer 2/);
    assert.match(key.image?.createdBy ?? '', /^COPY id_ed25519 \/root\/.ssh\/id_ed25519/);
    assert.equal(fs.find((f) => f.rule === 'image-setuid')!.image?.path, '/usr/bin/helper');
    assert.match(fs.find((f) => f.rule === 'image-secret-build-arg')!.message, /Build arg DEPLOY_TOKEN/);
    for (const format of ['json', 'sarif', 'text']) {
      const out = await slipway(['check', '--image', planted, '-f', format], plantedDir);
      assert.ok(!out.stdout.includes(token) && !out.stderr.includes(token), `${format} output leaks the build arg's value`);
    }
  });

  test('with the project, each finding points at the instruction that made its layer', async () => {
    const r = await slipway(['check', '--image', planted, '-f', 'json', '.'], plantedDir);
    const at = (rule: string) => findingsOf(r.stdout).filter((f) => f.rule === rule && f.image).map((f) => `${f.file}:${f.line}`);
    assert.deepEqual(at('image-credential-file'), ['Dockerfile:3']);
    assert.deepEqual(at('image-secret-build-arg'), ['Dockerfile:4']);
    assert.deepEqual(at('image-setuid'), ['Dockerfile:5']);
    assert.deepEqual(at('image-runs-as-root'), ['Dockerfile:1']);
  });

  test('a clean image reports nothing at warning or above (nothing at all); exit 0', async () => {
    const r = await slipway(['check', '--image', clean, '-f', 'json'], plantedDir);
    assert.deepEqual(findingsOf(r.stdout), []);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  test('docker save file, gzipped save and an OCI archive with gzip layers give the same findings', async (t) => {
    const dir = await tempDir(t);
    const live = comparable(findingsOf((await slipway(['check', '--image', planted, '-f', 'json'], dir)).stdout));
    const saved = join(dir, 'saved.tar');
    assert.equal((await docker(['save', '-o', saved, planted])).code, 0);
    const gz = await run('sh', ['-c', `gzip -c '${saved}' > '${saved}.gz'`]);
    assert.equal(gz.code, 0, gz.stderr);
    const oci = join(dir, 'oci.tar');
    const s = await run('skopeo', ['copy', '--quiet', `docker-daemon:${planted}`, `oci-archive:${oci}`], { timeoutMs: 180_000 });
    assert.equal(s.code, 0, s.stderr);
    for (const file of [saved, `${saved}.gz`, oci]) {
      const r = await slipway(['check', '--image-file', file, '-f', 'json'], dir);
      assert.deepEqual(comparable(findingsOf(r.stdout)), live, file);
    }
  });

  test('the same image read from the authenticated test registry gives the same findings (gzip layers, Basic auth)', async (t) => {
    const reg = registry();
    const remote = `${reg.host}/${planted}`;
    images.push(remote);
    const login = await docker(['login', '--username', reg.user, '--password-stdin', reg.host], { input: reg.password });
    assert.equal(login.code, 0, login.stderr);
    assert.equal((await docker(['tag', planted, remote])).code, 0);
    const push = await docker(['push', remote], { timeoutMs: 180_000 });
    assert.equal(push.code, 0, push.stderr);
    const creds = { SLIPWAY_REGISTRY_USER: reg.user, SLIPWAY_REGISTRY_PASSWORD: reg.password };
    const live = comparable(findingsOf((await slipway(['check', '--image', planted, '-f', 'json'], plantedDir)).stdout));
    const r = await slipway(['check', '--image', remote, '--registry', '-f', 'json'], plantedDir, creds);
    assert.deepEqual(JSON.parse(r.stdout).errors, []);
    assert.deepEqual(comparable(findingsOf(r.stdout)), live);
    assert.ok(findingsOf(r.stdout).every((f) => f.file === remote));

    // Without credentials, or with a wrong password: an error in the report that says so, no password in it.
    const emptyConfig = await tempDir(t);
    const none = await slipway(['check', '--image', remote, '--registry', '-f', 'json'], plantedDir, { SLIPWAY_REGISTRY_USER: '', SLIPWAY_REGISTRY_PASSWORD: '', DOCKER_CONFIG: emptyConfig });
    assert.equal(none.code, 1);
    assert.match(JSON.parse(none.stdout).errors[0].message, /requires a login/);
    const wrong = await slipway(['check', '--image', remote, '--registry', '-f', 'json'], plantedDir, { ...creds, SLIPWAY_REGISTRY_PASSWORD: 'wrong-password-xyz' });
    assert.match(JSON.parse(wrong.stdout).errors[0].message, /refused the credentials/);
    assert.ok(!wrong.stdout.includes('wrong-password-xyz') && !r.stdout.includes(reg.password));
    // As \`slipway tags\`: after \`docker login\` (above, in DOCKER_CONFIG) no variables are needed.
    const saved = await slipway(['check', '--image', remote, '--registry', '-f', 'json'], plantedDir, { SLIPWAY_REGISTRY_USER: '', SLIPWAY_REGISTRY_PASSWORD: '' });
    assert.deepEqual(comparable(findingsOf(saved.stdout)), live);
  });

  test('an image that does not exist is an error in the report, not a crash', async () => {
    const r = await slipway(['check', '--image', 'slipway-image-missing-xyz:0', '-f', 'json'], plantedDir);
    assert.equal(r.code, 1);
    const { errors } = JSON.parse(r.stdout) as { errors: { file: string; message: string }[] };
    assert.equal(errors[0]!.file, 'slipway-image-missing-xyz:0');
    assert.match(errors[0]!.message, /docker save slipway-image-missing-xyz:0 failed/);
  });
});
