// slipway check --cache: a hit gives what the run printed; a change to any key part is a miss; a
// corrupt, planted, linked or foreign entry is a miss, never an answer; concurrent writers leave one
// whole entry. The run writes the entry (src/cli/commands/check.ts), the hit path reads it
// (openCache + lookup, as dist/slipway.js does before loading the checker).

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { finishEntry, lookup, openCache, save, mainStamp, startEntry, type CacheContext } from '../../src/cache/check-cache.js';
import { openEntry, PIECE_BYTES, type VerifiedEntry } from '../../src/cache/entry-reader.js';
import { EntryWriter } from '../../src/cache/entry-writer.js';
import type { EntryMeta } from '../../src/cache/store.js';
import { main } from '../../src/cli/main.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'slipway-cache-'));
after(() => rmSync(work, { recursive: true, force: true }));
let n = 0;

const DOCKERFILE = 'FROM python:3.12-slim\nCOPY . /app\nCMD python /app/app.py\n';

/** A project and a private cache home of its own. */
function setup(files: Record<string, string> = { Dockerfile: DOCKERFILE }) {
  const base = join(work, String(n++));
  const dir = join(base, 'project');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  mkdirSync(dir, { recursive: true });
  const env = { XDG_CACHE_HOME: join(base, 'home-cache'), PATH: join(base, 'bin') };
  const ctx: CacheContext = { cwd: dir, env, isTTY: false };
  return { base, dir, env, ctx };
}

async function check(argv: string[], ctx: CacheContext) {
  let stdout = '';
  let stderr = '';
  const code = await main(['check', ...argv], { cwd: ctx.cwd, env: ctx.env, isTTY: ctx.isTTY, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), readStdin: async () => '' });
  return { code, stdout, stderr };
}

type WholeEntry = EntryMeta & { stdout: string };

/** An entry's fields and its standard output read whole (the hit path prints it in pieces). */
function whole(e: VerifiedEntry | null): WholeEntry | null {
  return e && { slot: e.slot, stamp: e.stamp, paths: e.paths, exitCode: e.exitCode, stderr: e.stderr, stdout: allOf(e).toString('utf8') };
}

/** Standard output's pieces copied as they come (each is valid until the next one). */
function piecesOf(e: VerifiedEntry): Buffer[] {
  const out: Buffer[] = [];
  for (const p of e.stdout()) out.push(Buffer.from(p));
  return out;
}

const allOf = (e: VerifiedEntry) => Buffer.concat(piecesOf(e));

/** What the hit path would print for `check ARGV` now, or null (a miss). */
function hit(argv: string[], ctx: CacheContext): WholeEntry | null {
  const cache = openCache(argv, ctx);
  return whole(cache && lookup(cache));
}

/** Writes an entry through the run's writer (entry-writer.ts). */
function writeWhole(file: string, key: Buffer, e: WholeEntry): boolean {
  const w = new EntryWriter(file, key);
  w.stdout(e.stdout);
  w.stderr(e.stderr);
  return w.finish(e);
}

function entryFile(argv: string[], ctx: CacheContext): string {
  return openCache(argv, ctx)!.file;
}

describe('check --cache', () => {
  it('a run stores what it printed; the same invocation on the same files gets it back', async () => {
    const { ctx } = setup();
    assert.equal(hit(['--cache', '.'], ctx), null, 'nothing before the first run');
    const r = await check(['--cache', '.'], ctx);
    assert.equal(r.code, 1, r.stderr);
    const e = hit(['--cache', '.'], ctx);
    assert.ok(e, 'a hit after the run');
    assert.equal(e.stdout, r.stdout);
    assert.equal(e.stderr, r.stderr);
    assert.equal(e.exitCode, 1);
    assert.equal(hit(['.'], ctx), null, 'without --cache: no cache');
  });

  it('misses when any part of the key changes', async () => {
    const { dir, base, ctx, env } = setup({ Dockerfile: DOCKERFILE, 'app.py': 'print(1)\n', 'sub/notes.txt': 'x' });
    const argv = ['--cache', '.'];
    const fresh = async () => {
      await check(argv, ctx);
      assert.ok(hit(argv, ctx), 'hit after a run');
    };
    const changes: [string, () => void][] = [
      ['a Dockerfile edit of the same size', () => writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE.replace('3.12', '3.13'))],
      ['a file the rules may read (the context)', () => writeFileSync(join(dir, 'app.py'), 'print(2)\n')],
      ['a new file deep in the tree', () => writeFileSync(join(dir, 'sub', '.env'), 'TOKEN=x\n')],
      ['a removed file', () => rmSync(join(dir, 'sub', 'notes.txt'))],
      ['a mode', () => chmodSync(join(dir, 'app.py'), 0o755)],
      ['the config', () => writeFileSync(join(dir, '.slipway.yaml'), 'rules:\n  healthcheck-missing: off\n')],
      ['git state (index)', () => (mkdirSync(join(dir, '.git'), { recursive: true }), writeFileSync(join(dir, '.git', 'index'), 'x'))],
      ['git state (HEAD)', () => writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/other\n')],
      ['a shellcheck appearing on PATH', () => (mkdirSync(join(base, 'bin'), { recursive: true }), writeFileSync(join(base, 'bin', 'shellcheck'), '#!/bin/sh\n', { mode: 0o755 }))],
    ];
    for (const [what, change] of changes) {
      await fresh();
      change();
      assert.equal(hit(argv, ctx), null, `a miss after ${what}`);
    }
    await fresh();
    assert.equal(hit(['--cache', '--format', 'json', '.'], ctx), null, 'other arguments: another entry');
    assert.equal(hit(argv, { ...ctx, isTTY: true }), null, 'a terminal (colour): another entry');
    assert.equal(hit(argv, { ...ctx, env: { ...env, NO_COLOR: '1' } }), null, 'NO_COLOR: another entry');
    assert.ok(hit(argv, ctx), 'and still a hit for the first one');
  });

  it('a folder named through a link: the check reads its files, and an edit there is a miss', async () => {
    // `check --cache proj`, proj a link to the project: the cache once took proj's parent for the checked
    // folder, stamped the link without walking it, and printed the report from before an edit.
    const { base, dir, env } = setup({ Dockerfile: DOCKERFILE, 'node_modules/x/index.js': '' });
    const parent = join(base, 'parent');
    mkdirSync(parent);
    symlinkSync(dir, join(parent, 'proj'));
    const ctx: CacheContext = { cwd: parent, env, isTTY: false };
    const argv = ['--cache', '--format', 'json', 'proj'];
    const r = await check(argv, ctx);
    assert.deepEqual(JSON.parse(r.stdout).errors, [], 'read as the project, not as links out of it');
    assert.ok(JSON.parse(r.stdout).findings.some((f: { file: string }) => f.file === 'proj/Dockerfile'), r.stdout);
    assert.equal(hit(argv, ctx)?.stdout, r.stdout, 'a hit while nothing changed');
    assert.ok(!existsSync(join(dir, 'node_modules', '.cache')), 'no folder made through the link: the private cache');
    writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE.replace('3.12', '3.13'));
    assert.equal(hit(argv, ctx), null, 'an edit under the link is a miss');
    await check(argv, ctx);
    assert.ok(hit(argv, ctx));
    writeFileSync(join(dir, 'new.env'), 'A=1\n');
    assert.equal(hit(argv, ctx), null, 'a new file under the link is a miss');
  });

  it('misses when an input outside the checked folder changes', () => {
    const { base, ctx } = setup();
    const outside = join(base, 'shared');
    mkdirSync(outside);
    writeFileSync(join(outside, 'requirements.txt'), 'flask==3.0.0\n');
    const cache = openCache(['--cache', '.'], ctx)!;
    assert.ok(save(cache, mainStamp(cache), [join(outside, 'requirements.txt'), join(ctx.cwd, 'Dockerfile')], { exitCode: 0, stdout: 'ok\n', stderr: '' }));
    assert.equal(hit(['--cache', '.'], ctx)?.stdout, 'ok\n');
    writeFileSync(join(outside, 'requirements.txt'), 'flask==3.0.1\n');
    assert.equal(hit(['--cache', '.'], ctx), null);
  });

  it('is not used for --fix, --output, standard input or images, and stores no failed run', async () => {
    const { ctx } = setup();
    for (const argv of [['--fix'], ['--fix-dry-run'], ['-o', 'r.txt'], ['-'], ['--image', 'x:1']]) assert.equal(openCache(['--cache', ...argv], ctx), null, argv.join(' '));
    const cache = openCache(['--cache', '.'], ctx)!;
    assert.equal(save(cache, mainStamp(cache), [], { exitCode: 2, stdout: '', stderr: 'internal error' }), false);
  });

  it('keeps entries in node_modules/.cache/slipway of a project that has node_modules, else in the private cache', async () => {
    const withModules = setup({ Dockerfile: DOCKERFILE, 'node_modules/x/index.js': '' });
    assert.ok(entryFile(['--cache', '.'], withModules.ctx).startsWith(join(withModules.dir, 'node_modules', '.cache', 'slipway') + '/'));
    await check(['--cache', '.'], withModules.ctx);
    assert.ok(hit(['--cache', '.'], withModules.ctx), 'writing the entry does not change the stamp');
    const without = setup();
    assert.ok(entryFile(['--cache', '.'], without.ctx).startsWith(join(without.env.XDG_CACHE_HOME, 'slipway', 'check') + '/'));
    const elsewhere = join(without.base, 'ci-cache');
    assert.ok(entryFile(['--cache', '--cache-location', elsewhere, '.'], without.ctx).startsWith(elsewhere + '/'));
  });

  it('never writes through a node_modules link out of the project', async () => {
    const { dir, base, ctx } = setup();
    const victim = join(base, 'victim');
    mkdirSync(victim);
    symlinkSync(victim, join(dir, 'node_modules'));
    const file = entryFile(['--cache', '.'], ctx);
    assert.ok(!file.startsWith(dir), 'a linked node_modules is not the cache: the private one is');
    rmSync(join(dir, 'node_modules'));
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(victim, join(dir, 'node_modules', '.cache'));
    assert.equal(openCache(['--cache', '.'], ctx), null, 'a linked .cache: no cache at all');
    await check(['--cache', '.'], ctx);
    assert.deepEqual(readdirSync(victim), [], 'nothing written out of the project');
  });

  it('ignores corrupt, torn, planted, foreign, linked and special entry files', async () => {
    const { ctx } = setup();
    await check(['--cache', '.'], ctx);
    const file = entryFile(['--cache', '.'], ctx);
    const good = readFileSync(file);
    writeFileSync(`${file}.good`, good);
    assert.ok(hit(['--cache', '.'], ctx));
    const tries: [string, () => void][] = [
      ['a flipped byte', () => writeFileSync(file, Buffer.from(good.map((b, i) => (i === good.length - 5 ? b ^ 1 : b))))],
      ['a torn file', () => writeFileSync(file, good.subarray(0, good.length >> 1))],
      ['an empty file', () => writeFileSync(file, '')],
      ['a planted entry without our key (what a hostile repository can ship)', () => writeFileSync(file, Buffer.concat([good.subarray(0, 8), Buffer.alloc(32), good.subarray(40)]))],
      ['an entry signed with another key', () => {
        const e = whole(openEntry(`${file}.good`, readFileSync(join(ctx.env.XDG_CACHE_HOME!, 'slipway', 'check-cache.key'))))!;
        assert.ok(writeWhole(file, Buffer.alloc(32, 7), { ...e, stdout: 'all clean\n', exitCode: 0 }));
      }],
      ['an entry of the first layout (a JSON body)', () => writeFileSync(file, Buffer.concat([Buffer.from('SLWYCHK1'), good.subarray(8)]))],
      ['a symbolic link to a good entry', () => {
        writeFileSync(`${file}.real`, good);
        symlinkSync(`${file}.real`, file);
      }],
      ['a FIFO (must not block)', () => execFileSync('mkfifo', [file])],
      ['a folder', () => mkdirSync(file)],
    ];
    for (const [what, plant] of tries) {
      rmSync(file, { recursive: true, force: true });
      plant();
      assert.equal(hit(['--cache', '.'], ctx), null, what);
      rmSync(file, { recursive: true, force: true });
    }
    // The next run replaces a bad entry with a good one.
    writeFileSync(file, 'garbage');
    const r = await check(['--cache', '.'], ctx);
    assert.equal(hit(['--cache', '.'], ctx)?.stdout, r.stdout);
  });

  it('concurrent writers leave one whole entry, and readers never see a torn one', async () => {
    const { base, ctx } = setup();
    const cache = openCache(['--cache', '.'], ctx)!;
    // A small bundle of the writer, so that writer processes start fast.
    const bundle = join(base, 'writer.cjs');
    execFileSync(join(ROOT, 'node_modules', '.bin', 'esbuild'), [join(ROOT, 'src/cache/entry-writer.ts'), '--bundle', '--platform=node', '--format=cjs', `--outfile=${bundle}`, '--log-level=error']);
    const key = readFileSync(join(ctx.env.XDG_CACHE_HOME!, 'slipway', 'check-cache.key')).toString('hex');
    const entry = (w: number): WholeEntry => ({ slot: cache.slot, stamp: 's', paths: [], exitCode: 1, stdout: `writer ${w}\n`.repeat(20_000), stderr: '' });
    assert.ok(writeWhole(cache.file, Buffer.from(key, 'hex'), entry(-1)));
    const writer = (w: number) =>
      new Promise<number | null>((resolve) => {
        // In pieces, as a run writes it (the entry is several of the reader's pieces).
        const script = `const { EntryWriter } = require(${JSON.stringify(bundle)});
          for (let i = 0; i < 40; i++) {
            const e = new EntryWriter(${JSON.stringify(cache.file)}, Buffer.from('${key}', 'hex'));
            for (let k = 0; k < 20; k++) e.stdout('writer ${w}\\n'.repeat(1000));
            if (!e.finish({ slot: ${JSON.stringify(cache.slot)}, stamp: 's', paths: [], exitCode: 1 })) process.exit(3);
          }`;
        spawn(process.execPath, ['-e', script], { stdio: 'inherit' }).on('exit', resolve);
      });
    const writers = Promise.all([0, 1, 2, 3, 4, 5].map(writer));
    let reads = 0;
    let done = false;
    void writers.then(() => (done = true));
    while (!done) {
      const e = whole(openEntry(cache.file, Buffer.from(key, 'hex')));
      assert.ok(e, 'every read is a whole entry');
      assert.match(e.stdout, /^(writer (-1|\d)\n)+$/);
      reads++;
      await new Promise((r) => setImmediate(r));
    }
    assert.deepEqual(await writers, [0, 0, 0, 0, 0, 0]);
    assert.ok(reads > 0);
    assert.ok(whole(openEntry(cache.file, Buffer.from(key, 'hex'))));
    assert.deepEqual(readdirSync(join(cache.file, '..')).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
    assert.ok(existsSync(cache.file));
  });

  it('writes a big report to the entry as it is printed, in every format, and gets it back byte for byte', async () => {
    // 600 Dockerfiles with findings: a report of several 64 kB batches.
    const files: Record<string, string> = {};
    for (let i = 0; i < 600; i++) files[`s${i}/Dockerfile`] = `FROM ubuntu\nRUN apt-get install curl\nLABEL x="\u2028 \\ \\" \u00e9 \ud83d\ude00"\nCMD python /app/a${i}.py\n`;
    const { ctx } = setup(files);
    for (const format of ['json', 'sarif', 'text', 'checkstyle', 'gitlab', 'github']) {
      const argv = ['--cache', '.', '-f', format];
      const dir = join(entryFile(argv, ctx), '..');
      let stdout = '';
      let batchesSeen = 0;
      let grewAlong = 0;
      const code = await main(['check', ...argv], {
        cwd: ctx.cwd,
        env: ctx.env,
        isTTY: false,
        stderr: () => {},
        readStdin: async () => '',
        stdout: (s) => {
          stdout += s;
          batchesSeen++;
          // The entry's temporary file holds what was printed before this piece (it is written first).
          const tmp = readdirSync(dir).filter((f) => f.endsWith('.tmp'));
          if (tmp.length === 1 && readFileSync(join(dir, tmp[0]!)).length >= Buffer.byteLength(stdout) - 40) grewAlong++;
        },
      });
      assert.equal(code, 1);
      assert.ok(batchesSeen >= 4, `${format}: ${batchesSeen} writes (a report of several batches)`);
      assert.equal(grewAlong, batchesSeen, `${format}: the entry grew with each write, not at the end`);
      const e = hit(argv, ctx);
      assert.ok(e, `${format}: a hit after the run`);
      assert.equal(e.stdout, stdout, `${format}: the same report`);
      assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], `${format}: no temporary file left`);
    }
  });

  it('an entry made of pieces reads back as the bytes of their concatenation (surrogate pairs cut in two, escapes, NUL)', () => {
    const { ctx } = setup();
    const cache = openCache(['--cache', '.'], ctx)!;
    const pieces = ['a\ud83d', '\ude00b', '"\\\u0000\u2028\n', '', '\u00e9\ud800', 'end'];
    const entry = startEntry(cache);
    for (const p of pieces) entry.stdout(p);
    entry.stderr('note\n');
    assert.ok(finishEntry(cache, entry, mainStamp(cache), [], 0));
    const e = lookup(openCache(['--cache', '.'], ctx)!)!;
    // What writing the joined report to standard output gives (a lone surrogate is U+FFFD there too).
    assert.deepEqual(allOf(e), Buffer.from(pieces.join(''), 'utf8'));
    assert.equal(e.stderr, 'note\n');
    assert.equal(e.exitCode, 0);
  });

  it('a big entry is verified, then given out in pieces, each checked again: a byte changed after the check is never printed', () => {
    const { ctx } = setup();
    const cache = openCache(['--cache', '.'], ctx)!;
    const line = (i: number) => `{"rule":"x","line":${i}}\n`;
    const entry = startEntry(cache);
    for (let i = 0; i < 200_000; i++) entry.stdout(line(i)); // ~5 MB: 20 of the reader's pieces
    assert.ok(finishEntry(cache, entry, mainStamp(cache), [], 1));
    const report = Buffer.from(Array.from({ length: 200_000 }, (_, i) => line(i)).join(''));
    const pieces = piecesOf(lookup(cache)!);
    assert.ok(pieces.length >= 16 && pieces.every((p) => p.length <= PIECE_BYTES), `${pieces.length} pieces of at most ${PIECE_BYTES} bytes`);
    assert.ok(Buffer.concat(pieces).equals(report), 'the same bytes');
    // Verified, then a byte of the third piece changes in place before it is printed.
    const verified = lookup(cache)!;
    const out = verified.stdout();
    const printed = [Buffer.from(out.next().value as Buffer), Buffer.from(out.next().value as Buffer)];
    const fd = openSync(cache.file, 'r+');
    writeSync(fd, Buffer.from('X'), 0, 1, 40 + 2 * PIECE_BYTES + 7);
    closeSync(fd);
    assert.throws(() => out.next(), /changed while it was printed/);
    assert.ok(Buffer.concat(printed).equals(report.subarray(0, 2 * PIECE_BYTES)), 'only the pieces before the change');
    assert.equal(hit(['--cache', '.'], ctx), null, 'and the changed entry is a miss');
  });

  it('a hit of a big report is printed by the real launcher without holding it: peak memory about that of a small hit', async () => {
    const { ctx, env } = setup();
    const launch = (argv: string[]) =>
      new Promise<{ bytes: number; code: number | null; rss: number; stderr: string }>((resolve) => {
        // The launcher's hit path reports its peak RSS (kB) on stderr at exit.
        const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), '-r', rssProbe, join(ROOT, 'src/cli/launcher.ts'), 'check', ...argv], { cwd: ctx.cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
        let bytes = 0;
        let stderr = '';
        child.stdout!.on('data', (d: Buffer) => (bytes += d.length));
        child.stderr!.on('data', (d) => (stderr += d));
        child.on('close', (code) => resolve({ bytes, code, stderr, rss: Number(/RSS (\d+)/.exec(stderr)?.[1]) }));
      });
    const rssProbe = join(work, 'rss-probe.cjs');
    writeFileSync(rssProbe, `process.on('exit', () => process.stderr.write('RSS ' + process.resourceUsage().maxRSS + '\\n'));\n`);
    const store = (argv: string[], lines: number) => {
      const cache = openCache(argv, { ...ctx, env: { ...process.env, ...env } })!;
      const entry = startEntry(cache);
      for (let i = 0; i < lines; i++) entry.stdout(`{"rule":"apt-no-install-recommends","file":"app${i}/Dockerfile","line":2,"message":"…"}\n`);
      assert.ok(finishEntry(cache, entry, mainStamp(cache), [], 1));
    };
    store(['--cache', '.', '-f', 'json'], 300_000); // ~26 MB
    store(['--cache', '.', '-f', 'text'], 10);
    const big = await launch(['--cache', '.', '-f', 'json']);
    const small = await launch(['--cache', '.', '-f', 'text']);
    assert.equal(big.code, 1, big.stderr);
    assert.ok(big.bytes > 25_000_000, `the whole report printed (${big.bytes} bytes)`);
    assert.ok(small.bytes > 0 && small.rss > 0, small.stderr);
    // Read whole and parsed, the report took ~4x its size (110 MB peak on a 1,924-file json hit).
    assert.ok(big.rss - small.rss < 12_000, `peak RSS of the big hit ${big.rss} kB vs ${small.rss} kB for a small one`);
  });

  it('a run that is not kept leaves no temporary file (cut short, or not a 0/1 exit)', async () => {
    const { ctx } = setup();
    const argv = ['--cache', '.', '-f', 'json'];
    const dir = join(entryFile(argv, ctx), '..');
    const closed = await main(['check', ...argv], { cwd: ctx.cwd, env: ctx.env, isTTY: false, stdout: () => {}, stdoutReady: async () => false, stderr: () => {}, readStdin: async () => '' });
    assert.equal(closed, 1);
    assert.equal(hit(argv, ctx), null);
    const cache = openCache(argv, ctx)!;
    const entry = startEntry(cache);
    entry.stdout('partial');
    assert.equal(finishEntry(cache, entry, mainStamp(cache), [], 2), false);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  });
});
