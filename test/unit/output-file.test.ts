// -o FILE writes the report in pieces (issue 15) and keeps every guarantee: a failed write (a full disk)
// leaves no half report and the old file whole, inside the project and outside it; a path outside the
// project is the user's (links followed); a FIFO or a device is written in place, never replaced.

import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';

const BIN = resolve('src/cli/bin.ts');
const TSX = import.meta.resolve('tsx');

async function run(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, env: {}, readStdin: async () => '' });
  return { code, stdout, stderr };
}

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'slipway-output-'));
  mkdirSync(join(root, 'p'));
  // ~1 MB of SARIF: several batches.
  const runs = Array.from({ length: 300 }, (_, i) => `RUN apt-get install pkg${i}`);
  writeFileSync(join(root, 'p', 'Dockerfile'), ['FROM debian:12-slim', ...runs, ''].join('\n'));
  writeFileSync(join(root, 'p', '.slipway.yaml'), 'shellcheck: false\n');
  return root;
}

describe('-o FILE', () => {
  it('outside the project: the report, byte for byte what stdout gets; through a link to a file, the file (the link stays)', async () => {
    const root = project();
    const printed = await run(join(root, 'p'), 'check', '.', '-f', 'sarif');
    assert.ok(printed.stdout.length > 300_000);
    const r = await run(join(root, 'p'), 'check', '.', '-f', 'sarif', '-o', join(root, 'out.sarif'));
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(readFileSync(join(root, 'out.sarif'), 'utf8'), printed.stdout);
    assert.equal(statSync(join(root, 'out.sarif')).mode & 0o777, 0o666 & ~process.umask(), 'a new file: the mode writeFileSync gave');

    mkdirSync(join(root, 'reports'));
    writeFileSync(join(root, 'reports', 'real.sarif'), 'old');
    symlinkSync('reports/real.sarif', join(root, 'link.sarif'));
    await run(join(root, 'p'), 'check', '.', '-f', 'sarif', '-o', join(root, 'link.sarif'));
    assert.ok(lstatSync(join(root, 'link.sarif')).isSymbolicLink());
    assert.equal(readFileSync(join(root, 'reports', 'real.sarif'), 'utf8'), printed.stdout);
    assert.deepEqual(readdirSync(join(root, 'reports')), ['real.sarif'], 'no temp file left');
  });

  it('a FIFO is written in place, not replaced', async () => {
    const root = project();
    const fifo = join(root, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    let got = '';
    reader.stdout.on('data', (d) => (got += d));
    const closed = new Promise((done) => reader.on('close', done));
    const r = await run(join(root, 'p'), 'check', '.', '-f', 'github', '-o', fifo);
    await closed;
    assert.equal(r.code, 1, r.stderr);
    assert.ok(lstatSync(fifo).isFIFO());
    assert.equal(got, (await run(join(root, 'p'), 'check', '.', '-f', 'github')).stdout);
  });

  it('as nobody: a writable report in a folder it may not create files in is written in place, as before', (t) => {
    try {
      execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true'], { stdio: 'ignore' });
    } catch {
      return t.skip('needs setpriv and root');
    }
    const root = project();
    chmodSync(root, 0o755);
    chmodSync(join(root, 'p'), 0o777);
    mkdirSync(join(root, 'reports'), { mode: 0o755 }); // root's folder: no temp file possible
    writeFileSync(join(root, 'reports', 'r.txt'), 'old');
    chownSync(join(root, 'reports', 'r.txt'), 65534, 65534);
    const ino = statSync(join(root, 'reports', 'r.txt')).ino;
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'env', `XDG_CACHE_HOME=${join(root, 'p')}`, process.execPath, '--import', TSX, BIN, 'check', '.', '-f', 'github', '-o', join(root, 'reports', 'r.txt')], {
      cwd: join(root, 'p'),
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 1, r.stderr);
    const report = readFileSync(join(root, 'reports', 'r.txt'), 'utf8');
    assert.ok(report.length > 100_000 && /^::notice file=Dockerfile,line=1,/.test(report) && report.endsWith('\n'), 'the whole report');
    assert.equal(statSync(join(root, 'reports', 'r.txt')).ino, ino, 'the same file, written in place');
    assert.deepEqual(readdirSync(join(root, 'reports')), ['r.txt']);
  });

  it('a full disk: exit 2, a clear message, the old report whole and no temp file, inside the project and outside it', async (t) => {
    const root = project();
    const mnt = join(root, 'mnt');
    mkdirSync(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mnt], { stdio: 'ignore' });
    } catch {
      return t.skip('needs root to mount a small tmpfs');
    }
    try {
      writeFileSync(join(mnt, 'old.sarif'), 'the old report\n');
      mkdirSync(join(mnt, 'p'));
      writeFileSync(join(mnt, 'p', 'Dockerfile'), readFileSync(join(root, 'p', 'Dockerfile')));
      writeFileSync(join(mnt, 'p', '.slipway.yaml'), 'shellcheck: false\n');
      writeFileSync(join(mnt, 'p', 'old.sarif'), 'the old report\n');
      // The report (~1 MB) cannot fit in what is left.
      const outside = await run(join(mnt, 'p'), 'check', '.', '-f', 'sarif', '-o', join(mnt, 'old.sarif'));
      assert.equal(outside.code, 2);
      assert.equal(outside.stderr, `slipway: --output ${join(mnt, 'old.sarif')}: no space left on device: not written\n`);
      const inside = await run(join(mnt, 'p'), 'check', '.', '-f', 'sarif', '-o', 'old.sarif');
      assert.equal(inside.code, 2);
      assert.equal(inside.stderr, 'slipway: --output old.sarif: no space left on device: not written\n');
      assert.equal(readFileSync(join(mnt, 'old.sarif'), 'utf8'), 'the old report\n');
      assert.equal(readFileSync(join(mnt, 'p', 'old.sarif'), 'utf8'), 'the old report\n');
      assert.deepEqual(readdirSync(mnt).sort(), ['old.sarif', 'p']);
      assert.deepEqual(readdirSync(join(mnt, 'p')).sort(), ['.slipway.yaml', 'Dockerfile', 'old.sarif']);
    } finally {
      execFileSync('umount', [mnt]);
    }
  });
});
