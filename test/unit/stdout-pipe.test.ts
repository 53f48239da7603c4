// The real CLI writing its report into a pipe (issue 15): a reader that lags must not make the report
// pile up in the process's memory (Node queues what a pipe cannot take), a reader that leaves (`| head`)
// ends the check with exit code 1 and no stack trace, a full disk is a clear error (2), and a reader
// that never reads still lets SIGTERM end the process.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lookup, openCache } from '../../src/cache/check-cache.js';
import { main } from '../../src/cli/main.js';
import { processOutput } from '../../src/cli/stdout.js';
import { BATCH_CHARS } from '../../src/util/batches.js';

const BIN = resolve('src/cli/bin.ts');
const TSX = import.meta.resolve('tsx');
const FORMATS = ['json', 'sarif', 'text', 'checkstyle', 'gitlab', 'github'];

let root: string;
let probe: string;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'slipway-stdout-'));
  // ~1,200 findings: 0.5–2 MB of report in every format, many times a pipe's 64 kB.
  const runs = Array.from({ length: 400 }, (_, i) => `RUN apt-get install pkg${i}`);
  mkdirSync(join(root, 'p'));
  writeFileSync(join(root, 'p', 'Dockerfile'), ['FROM debian:12-slim', ...runs, 'CMD python app.py', ''].join('\n'));
  writeFileSync(join(root, 'p', '.slipway.yaml'), 'shellcheck: false\n');
  // Preloaded into the CLI: one line on stderr the first time standard output has to wait for its reader,
  // and the most characters it ever held queued, written to PROBE_OUT at exit.
  probe = join(root, 'probe.cjs');
  writeFileSync(
    probe,
    `const write = process.stdout.write;
let said = false, max = 0;
process.stdout.write = function (...a) {
  const r = write.apply(this, a);
  max = Math.max(max, process.stdout.writableLength);
  if (!r && !said) { said = true; process.stderr.write('probe: waiting for the reader\\n'); }
  return r;
};
process.on('exit', () => process.env.PROBE_OUT && require('fs').writeFileSync(process.env.PROBE_OUT, String(max)));
`,
  );
});
after(() => rmSync(root, { recursive: true, force: true }));

/** The CLI as a process (bin.ts: the real standard output), stdout to a pipe we hold. */
function cli(format: string, preload: string[] = [], env: NodeJS.ProcessEnv = {}) {
  return spawn(process.execPath, ['--import', TSX, ...preload, BIN, 'check', '.', '-f', format, '-t', 'none'], {
    cwd: join(root, 'p'),
    env: { ...process.env, XDG_CACHE_HOME: join(root, 'cache'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * A real pipe to a reader process that reads nothing until it is sent a message, then takes 16 kB every
 * 5 ms into `file`: the lag is certain whatever the machine's load, not a matter of timing.
 */
function slowReader(file: string) {
  const script = `const fs = require('fs'); const out = fs.openSync(process.argv[1], 'w'); const b = Buffer.alloc(16384);
process.once('message', () => { process.disconnect(); (function next() { const n = fs.readSync(0, b); if (n === 0) return; fs.writeSync(out, b, 0, n); setTimeout(next, 5); })(); });`;
  return spawn(process.execPath, ['-e', script, file], { stdio: ['pipe', 'ignore', 'inherit', 'ipc'] });
}

async function inProcess(format: string, stdout: (s: string) => void, stdoutReady?: () => Promise<boolean>) {
  let stderr = '';
  const code = await main(['check', '.', '-f', format, '-t', 'none'], { cwd: join(root, 'p'), stdout, stdoutReady, stderr: (s) => (stderr += s), isTTY: false, env: { XDG_CACHE_HOME: join(root, 'cache') }, readStdin: async () => '' });
  return { code, stderr };
}

describe('check writing its report into a pipe', () => {
  for (const format of FORMATS) {
    it(`-f ${format}: a lagging reader gets the whole report, and no more than ~2 batches wait in memory`, async () => {
      let whole = '';
      assert.equal((await inProcess(format, (s) => (whole += s))).code, 0);
      assert.ok(whole.length > 250_000, `a report of ${whole.length} characters`);

      const file = join(root, `piped-${format}`);
      const reader = slowReader(file);
      const pipe = reader.stdin as unknown as NodeJS.WriteStream; // a net.Socket on a pipe, as process.stdout is
      const out = processOutput(pipe, () => {});
      let max = 0;
      let waited = false; // the writer asked to wait while the pipe held bytes it had not taken
      let reading = false;
      const read = () => {
        if (!reading) reader.send('go');
        reading = true;
      };
      const r = await inProcess(
        format,
        (s) => {
          out.write(s);
          max = Math.max(max, pipe.writableLength);
        },
        () => {
          // The pipe (64 kB) is full and the writer must wait: only now does the reader start.
          if (pipe.writableLength > 0) {
            waited = true;
            read();
          }
          return out.ready();
        },
      );
      read(); // had the report fit in the pipe (it does not), the reader still ends
      assert.equal(await out.exitCode(r.code), 0, r.stderr);
      pipe.end();
      await new Promise((done) => reader.on('close', done));
      assert.ok(waited, 'the reader lagged: the test measured something');
      assert.equal(readFileSync(file, 'utf8'), whole, 'the piped report is the report, byte for byte');
      // Without waiting for 'drain' the queue holds every byte the pipe did not take yet: most of the report.
      assert.ok(max <= 3 * BATCH_CHARS, `up to ${max} characters queued, of a ${whole.length}-character report`);
    });
  }
  it('the process (bin.ts): its own stdout into a pipe read late holds no more than ~2 batches queued', async () => {
    const out = join(root, 'max-process');
    const child = cli('sarif', ['--require', probe], { PROBE_OUT: out });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.stdout!.pause(); // read nothing until the CLI had to wait
    const chunks: Buffer[] = [];
    const waited = new Promise<void>((w) => child.stderr!.on('data', () => stderr.includes('probe: waiting') && w()));
    const code = new Promise((done) => child.on('close', done));
    await waited;
    await new Promise((r) => setTimeout(r, 200));
    child.stdout!.on('data', (d) => chunks.push(d));
    child.stdout!.resume();
    assert.equal(await code, 0, stderr);
    const size = Buffer.concat(chunks).length;
    assert.ok(size > 1_000_000, `${size} bytes of SARIF`);
    const max = Number(readFileSync(out, 'utf8'));
    assert.ok(max <= 3 * BATCH_CHARS, `stdout queued up to ${max} characters of a ${size}-byte report`);
  });

  it('--cache keeps no report that a reader closed early cut short; a whole one it keeps', async () => {
    const env = { XDG_CACHE_HOME: join(root, 'cache-closed') };
    const ctx = { cwd: join(root, 'p'), env, isTTY: false };
    let written = '';
    const closed = await main(['check', '--cache', '.', '-f', 'json'], { ...ctx, stdout: (s) => (written += s), stdoutReady: async () => false, stderr: () => {}, readStdin: async () => '' });
    assert.equal(closed, 1);
    assert.ok(written.length > 0 && written.length < 200_000, `${written.length} characters went out before the reader left`);
    assert.equal(lookup(openCache(['--cache', '.', '-f', 'json'], ctx)!), null, 'no entry: the next run would print the cut report');
    await main(['check', '--cache', '.', '-f', 'json'], { ...ctx, stdout: () => {}, stdoutReady: async () => true, stderr: () => {}, readStdin: async () => '' });
    assert.ok(lookup(openCache(['--cache', '.', '-f', 'json'], ctx)!), 'a whole report is kept');
  });

  it('a reader that leaves early (`| head`): exit code 1, nothing on stderr', async () => {
    const child = cli('json');
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.stdout!.once('data', () => child.stdout!.destroy());
    const code = await new Promise((done) => child.on('close', done));
    // -t none: a whole report would exit 0; 1 is the closed pipe (what Node's EPIPE crash gave before).
    assert.equal(code, 1, stderr);
    assert.equal(stderr, '', 'no stack trace, no message');
  });

  it('a --cache hit answered by the launcher (no bundle loaded), reader leaves early: exit code 1, nothing on stderr', async () => {
    const env = { ...process.env, XDG_CACHE_HOME: join(root, 'cache-hit') };
    const args = ['check', '--cache', '.', '-f', 'json', '-t', 'none'];
    const fill = spawnSync(process.execPath, ['--import', TSX, BIN, ...args], { cwd: join(root, 'p'), env, encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(fill.status, 0, fill.stderr);
    // The launcher answers a hit before it loads the bundle (a miss would need dist/cli.cjs, absent here: an error).
    const child = spawn(process.execPath, ['--import', TSX, resolve('src/cli/launcher.ts'), ...args], { cwd: join(root, 'p'), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.stdout!.once('data', () => child.stdout!.destroy());
    const code = await new Promise((done) => child.on('close', done));
    assert.equal(stderr, '', 'no stack trace, no message');
    assert.equal(code, 1);
  });

  it('standard output on a full disk (/dev/full): exit code 2 and a one-line message', () => {
    const r = spawnSync(process.execPath, ['--import', TSX, BIN, 'check', '.', '-f', 'sarif', '-t', 'none'], {
      cwd: join(root, 'p'),
      env: { ...process.env, XDG_CACHE_HOME: join(root, 'cache') },
      stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'],
      encoding: 'utf8',
    });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, 'slipway: standard output: no space left on device: the report is incomplete\n');
  });

  it('a --cache hit answered by the launcher on a full disk (/dev/full): the same exit code 2 and message as a checked report', () => {
    const env = { ...process.env, XDG_CACHE_HOME: join(root, 'cache-full') };
    const args = ['check', '--cache', '.', '-f', 'sarif', '-t', 'none'];
    const fill = spawnSync(process.execPath, ['--import', TSX, BIN, ...args], { cwd: join(root, 'p'), env, encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(fill.status, 0, fill.stderr);
    const r = spawnSync(process.execPath, ['--import', TSX, resolve('src/cli/launcher.ts'), ...args], {
      cwd: join(root, 'p'),
      env,
      stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'],
      encoding: 'utf8',
    });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, 'slipway: standard output: no space left on device: the report is incomplete\n');
  });

  it('a reader that never reads: the check waits (as `cat` would), and SIGTERM still ends it', async () => {
    const child = cli('json', ['--require', probe]);
    let stderr = '';
    await new Promise<void>((waiting) => {
      child.stderr!.on('data', (d) => {
        stderr += d;
        if (stderr.includes('probe: waiting for the reader')) waiting();
      });
    });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(child.exitCode, null, 'still waiting for the reader');
    child.kill('SIGTERM');
    const signal = await new Promise((done) => child.on('close', (_code, sig) => done(sig)));
    assert.equal(signal, 'SIGTERM');
  });
});
