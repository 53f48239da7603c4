// slipway runs a container's own health check itself (src/deploy/commands/probe.ts): on the real
// engine, the probe must exec exactly the container's command — CMD form word for word, CMD-SHELL
// through the image's SHELL — bounded by the check's timeout, and pass only when that command
// passes. The checks' interval is an hour, so everything the containers show was done by the probe,
// not by Docker (whose status stays "starting").
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { probeFunction } from '../../src/deploy/commands/probe.js';
import { REPORT_FORMAT } from '../../src/deploy/commands/release.js';
import { joinShell } from '../../src/exec/index.js';
import { baseImage, docker, dockerBin, e2eSkip, requireEngine, run, tempDir, uniqueName } from './env.js';

const name = uniqueName('slipway-deploy-probe').replace(/[^a-z0-9-]/g, '');
const created: string[] = [];

async function image(t: Parameters<typeof tempDir>[0], tag: string, dockerfile: string): Promise<string> {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'Dockerfile'), dockerfile);
  const ref = `${name}:${tag}`;
  const b = await docker(['build', '-q', '-t', ref, dir], { timeoutMs: 300_000 });
  assert.equal(b.code, 0, b.stderr);
  return ref;
}

async function start(args: string[]): Promise<string> {
  const r = await docker(['run', '-d', '--name', `${name}-${created.length}`, ...args]);
  assert.equal(r.code, 0, r.stderr);
  const id = r.stdout.trim();
  created.push(id);
  return id;
}

/** Runs the release script's probe function in a real sh against the real engine. */
async function probe(id: string, left = 30): Promise<{ code: number; ms: number }> {
  const t = performance.now();
  const script = `${probeFunction((a) => joinShell(a))}\nprobe "$1" "$2"`;
  const r = await run('sh', ['-c', script, 'sh', id, String(left)], { env: { PATH: `${dirname(dockerBin)}:/usr/bin:/bin` } });
  return { code: r.code, ms: performance.now() - t };
}

const cat = async (id: string, file: string) => (await docker(['exec', id, 'cat', file])).stdout;
const health = async (id: string) => JSON.parse((await docker(['inspect', '--format', '{{json .State.Health}}', id])).stdout);

describe("the health probe runs the container's own check", { skip: e2eSkip() }, () => {
  before(requireEngine);
  after(async () => {
    if (created.length) await docker(['rm', '-f', ...created]);
    await docker(['image', 'rm', '-f', `${name}:cmd`, `${name}:shell`]);
  });

  test('CMD form: the words reach the command exactly (spaces, quotes, $(), backticks, an empty word)', async (t) => {
    const ref = await image(
      t,
      'cmd',
      `FROM ${baseImage}
HEALTHCHECK --interval=1h --timeout=5s CMD ["/bin/sh", "-c", "printf '[%s]' \\"$@\\" > /tmp/args; [ -e /tmp/ok ]", "sh", "a b", "it's", "$(id)", "\`id\`;", ""]
CMD ["sleep", "600"]
`,
    );
    const id = await start([ref]);
    assert.notEqual((await probe(id)).code, 0, 'fails while its own check fails');
    assert.equal(await cat(id, '/tmp/args'), "[a b][it's][$(id)][`id`;][]");
    await docker(['exec', id, 'touch', '/tmp/ok']);
    assert.equal((await probe(id)).code, 0, 'passes once its own check passes');
    const h = await health(id);
    assert.equal(h.Status, 'starting', 'Docker itself has not run the check');
    assert.equal(h.Log?.length ?? 0, 0);
  });

  test("CMD-SHELL: what dockerd itself runs (the container's shell, not the image's SHELL), as the container's user, in its working directory", async (t) => {
    const ref = await image(
      t,
      'shell',
      `FROM ${baseImage}
RUN mkdir -m 1777 /w
WORKDIR /w
SHELL ["/bin/sh", "-c", "echo \\"$0\\" > /w/shell; eval \\"$1\\"", "via-image-shell"]
HEALTHCHECK --interval=1h --timeout=5s CMD echo "$(id -u) $PWD it's" > /w/ran; [ -e /w/ok ]
CMD ["sleep", "600"]
`,
    );
    const probed = await start(['--user', '1234', ref]);
    assert.notEqual((await probe(probed)).code, 0);
    // The same image, its check run by Docker (every 0.2 s): the probe must have done the same.
    const byDocker = await start(['--user', '1234', '--health-interval', '200ms', ref]);
    for (let i = 0; i < 100 && !(await health(byDocker)).Log?.length; i++) await new Promise((r) => setTimeout(r, 100));
    const files = async (id: string) => (await docker(['exec', id, 'ls', '/w'])).stdout;
    assert.equal(await files(probed), await files(byDocker));
    assert.equal(await cat(probed, '/w/ran'), await cat(byDocker, '/w/ran'));
    assert.equal(await cat(probed, '/w/ran'), "1234 /w it's\n");
    await docker(['exec', probed, 'touch', '/w/ok']);
    assert.equal((await probe(probed)).code, 0);
  });

  test("a check that hangs is stopped at its own timeout (and at the release's time left)", async () => {
    const id = await start(['--health-cmd', 'sleep 20', '--health-timeout', '1s', '--health-interval', '1h', baseImage, 'sleep', '600']);
    const own = await probe(id);
    assert.notEqual(own.code, 0);
    assert.ok(own.ms < 8000, `took ${own.ms} ms`);
    const long = await start(['--health-cmd', 'sleep 20', '--health-timeout', '60s', '--health-interval', '1h', baseImage, 'sleep', '600']);
    const left = await probe(long, 1);
    assert.notEqual(left.code, 0);
    assert.ok(left.ms < 8000, `took ${left.ms} ms`);
  });

  test("the release shell's report line: one per container, with or without a health check", async () => {
    const none = await start([baseImage, 'sleep', '600']);
    const off = await start(['--no-healthcheck', baseImage, 'sleep', '600']);
    const checked = await start(['--health-cmd', 'true', '--health-interval', '1h', baseImage, 'sleep', '600']);
    const r = await docker(['inspect', '--format', REPORT_FORMAT, '--', none, off, checked]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(
      lines.map((l) => l.split(' ').slice(0, 3).join(' ')),
      [`running - ${none}`, `running - ${off}`, `running starting ${checked}`],
    );
    assert.deepEqual(lines.map((l) => JSON.parse(l.split(' ').slice(3).join(' ')).Id), [none, off, checked]);
  });

  test('no health check, or a check turned off: never a pass', async () => {
    const none = await start([baseImage, 'sleep', '600']);
    assert.notEqual((await probe(none)).code, 0);
    const off = await start(['--no-healthcheck', baseImage, 'sleep', '600']);
    assert.notEqual((await probe(off)).code, 0);
  });
});
