// ShellCheck's results kept per script text (src/cache/shellcheck-results.ts), with the real shellcheck:
// a second run answers from the cache with the same findings; an edited script, other options or
// another shellcheck program are misses; a corrupt, planted, renamed, linked or special pack is a miss
// and never an answer; one pack per checked folder, read once; scripts unused for 30 days leave it;
// `check --no-shellcheck-cache` keeps nothing.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { writeSigned } from '../../src/cache/store.js';
import { main } from '../../src/cli/main.js';
import { shellcheckDockerfiles, type ShellcheckOptions } from '../../src/engine/shellcheck/run.js';
import { parseDockerfile } from '../../src/parse/dockerfile/parse.js';

const work = mkdtempSync(join(tmpdir(), 'slipway-sc-results-'));
after(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const REAL = execFileSync('sh', ['-c', 'command -v shellcheck'], { encoding: 'utf8' }).trim();

/** A private cache home of its own, and a bin folder first on PATH. */
function home() {
  const base = join(work, String(n++));
  const bin = join(base, 'bin');
  mkdirSync(bin, { recursive: true });
  const env = { XDG_CACHE_HOME: join(base, 'cache'), HOME: base, PATH: `${bin}:${process.env.PATH}` };
  return { base, bin, env, entries: () => join(base, 'cache', 'slipway', 'shellcheck') };
}
const listPacks = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.pack'));

const df = (runs: string[]) => parseDockerfile(`FROM debian:12-slim\n${runs.map((r) => `RUN ${r}\n`).join('')}`, 'Dockerfile');
const RUNS = ['echo $a', 'cd /tmp; ls `pwd`', 'for f in $(ls); do echo $f; done'];
const shown = (r: { findings: { rule: string; line: number; column: number; message: string }[] }) => r.findings.map((f) => `${f.rule} ${f.line}:${f.column} ${f.message}`);

describe('ShellCheck results cache', () => {
  it('a second run answers every script from the cache, with the same findings and no process', async () => {
    const h = home();
    const options: ShellcheckOptions = { binary: null, overrides: {}, cacheEnv: h.env };
    const first = await shellcheckDockerfiles([df(RUNS)], options);
    assert.equal(first.note, null);
    assert.deepEqual([first.cached, first.processes], [0, 1]);
    assert.ok(first.findings.length >= 4, 'the scripts give ShellCheck something to find');
    assert.equal(listPacks(h.entries()).length, 1, 'one pack holds the three scripts');
    const second = await shellcheckDockerfiles([df(RUNS)], options);
    assert.deepEqual([second.cached, second.processes], [3, 0]);
    assert.deepEqual(shown(second), shown(first));
    // The same as without any cache.
    assert.deepEqual(shown(second), shown(await shellcheckDockerfiles([df(RUNS)], { binary: null, overrides: {} })));
  });

  it('an edited script, other options or other ARGs in scope are misses; the unchanged scripts stay hits', async () => {
    const h = home();
    const options: ShellcheckOptions = { binary: null, overrides: {}, cacheEnv: h.env };
    await shellcheckDockerfiles([df(RUNS)], options);
    const edited = await shellcheckDockerfiles([df([RUNS[0]!, RUNS[1]!, 'echo $b'])], options);
    assert.deepEqual([edited.cached, edited.processes], [2, 1]);
    assert.ok(shown(edited).some((f) => f.includes('SC2086 4:')));
    // A code turned on changes shellcheck's --exclude: every script is checked again.
    const more = await shellcheckDockerfiles([df(RUNS)], { ...options, overrides: { SC2046: 'warning' } });
    assert.equal(more.cached, 0);
    assert.ok(shown(more).some((f) => f.startsWith('SC2046')));
    // An ARG makes the header (`export a=1`) part of the script ShellCheck reads.
    const withArg = parseDockerfile(`FROM debian:12-slim\nARG a\nRUN ${RUNS[0]}\n`, 'Dockerfile');
    assert.equal((await shellcheckDockerfiles([withArg], options)).cached, 0);
  });

  it('another shellcheck program is a miss: another path, the same path changed, another --version', async () => {
    const h = home();
    const run = async () => shellcheckDockerfiles([df([RUNS[0]!])], { binary: null, overrides: {}, cacheEnv: h.env });
    await run();
    assert.equal((await run()).cached, 1);
    const wrapper = join(h.bin, 'shellcheck');
    writeFileSync(wrapper, `#!/bin/sh\nexec ${REAL} "$@"\n`);
    chmodSync(wrapper, 0o755);
    assert.equal((await run()).cached, 0, 'a shellcheck earlier on PATH');
    assert.equal((await run()).cached, 1);
    writeFileSync(wrapper, `#!/bin/sh\n# rebuilt\nexec ${REAL} "$@"\n`);
    assert.equal((await run()).cached, 0, 'the program file changed');
    // A version manager's shim: the same file, another version behind it.
    writeFileSync(join(h.bin, 'version'), '1');
    writeFileSync(wrapper, `#!/bin/sh\n[ "$1" = --version ] && { echo "version: $(cat ${h.bin}/version)"; exit 0; }\nexec ${REAL} "$@"\n`);
    await run();
    assert.equal((await run()).cached, 1);
    writeFileSync(join(h.bin, 'version'), '2');
    assert.equal((await run()).cached, 0, 'another --version');
  });

  it('a corrupt, planted, renamed, linked or special pack is a miss, never an answer', async () => {
    const h = home();
    const options: ShellcheckOptions = { binary: null, overrides: {}, cacheEnv: h.env };
    const one = df([RUNS[0]!]);
    const expected = shown(await shellcheckDockerfiles([one], options));
    const [pack] = listPacks(h.entries());
    const file = join(h.entries(), pack!);
    const good = readFileSync(file);
    const planted = (body: object) => Buffer.concat([good.subarray(0, 8), Buffer.alloc(32, 7), Buffer.from(JSON.stringify(body))]);
    const { key, scripts } = JSON.parse(good.subarray(40).toString()) as { key: string; scripts: Record<string, unknown> };
    const comments = [{ line: 2, column: 1, endLine: 2, endColumn: 2, level: 'error', code: 9999, message: 'PLANTED' }];
    const fake = { key, scripts: Object.fromEntries(Object.keys(scripts).map((k) => [k, { t: Date.now(), c: comments }])) };
    // Another folder's pack (properly signed, the same script in it) under this one's name.
    await shellcheckDockerfiles([one], { ...options, cacheScope: '/elsewhere' });
    const other = listPacks(h.entries()).find((e) => e !== pack)!;
    const bad: [string, () => void][] = [
      ['a flipped byte', () => writeFileSync(file, Buffer.from(good).fill(good.at(-5)! ^ 1, good.length - 5, good.length - 4))],
      ['a torn file', () => writeFileSync(file, good.subarray(0, good.length - 9))],
      ['an empty file', () => writeFileSync(file, '')],
      ['an unsigned planted pack', () => writeFileSync(file, planted(fake))],
      ['another folder\'s pack', () => writeFileSync(file, readFileSync(join(h.entries(), other)))],
      ['a symbolic link', () => (writeFileSync(join(h.base, 'elsewhere'), planted(fake)), symlinkSync(join(h.base, 'elsewhere'), file))],
      ['a FIFO', () => execFileSync('mkfifo', [file])],
      ['a folder', () => mkdirSync(file)],
    ];
    for (const [what, plant] of bad) {
      rmSync(file, { recursive: true, force: true });
      plant();
      const r = await shellcheckDockerfiles([one], options);
      assert.equal(r.cached, 0, what);
      assert.deepEqual(shown(r), expected, what);
    }
    // A bad entry that is a file is replaced by a good one.
    rmSync(file, { recursive: true, force: true });
    writeFileSync(file, planted(fake));
    await shellcheckDockerfiles([one], options);
    assert.equal((await shellcheckDockerfiles([one], options)).cached, 1);
  });

  it('one pack per checked folder, read once; a run that only hits writes nothing', async () => {
    const h = home();
    const options: ShellcheckOptions = { binary: null, overrides: {}, cacheEnv: h.env, cacheScope: '/project/a' };
    await shellcheckDockerfiles([df(RUNS)], options);
    const [pack] = listPacks(h.entries());
    const file = join(h.entries(), pack!);
    const before = readFileSync(file);
    utimesSync(file, 1_000, 1_000);
    assert.equal((await shellcheckDockerfiles([df(RUNS)], options)).cached, 3);
    assert.equal(statSync(file).mtimeMs, 1_000_000, 'all hits: the pack is not written again');
    assert.deepEqual(readFileSync(file), before);
    // Another folder has its own pack: its first run is a miss.
    assert.equal((await shellcheckDockerfiles([df(RUNS)], { ...options, cacheScope: '/project/b' })).cached, 0);
    assert.equal(listPacks(h.entries()).length, 2);
    // A new script adds to the pack; the scripts this run did not use stay in it.
    await shellcheckDockerfiles([df(['echo $b'])], options);
    assert.equal((await shellcheckDockerfiles([df([...RUNS, 'echo $b'])], options)).cached, 4);
  });

  it('a script not used for 30 days leaves its pack when the pack is next written; old files of the one-file-per-script layout are removed', async () => {
    const h = home();
    const options: ShellcheckOptions = { binary: null, overrides: {}, cacheEnv: h.env };
    await shellcheckDockerfiles([df(RUNS)], options);
    const [pack] = listPacks(h.entries());
    const file = join(h.entries(), pack!);
    const { key, scripts } = JSON.parse(readFileSync(file).subarray(40).toString()) as { key: string; scripts: Record<string, { t: number; c: unknown }> };
    // Age the entries (signed with the user's key, as slipway would have written them 40 and 20 days ago).
    const day = 24 * 3600 * 1000;
    const ages = [40, 20, 1];
    const aged = Object.fromEntries(Object.entries(scripts).map(([k, e], i) => [k, { ...e, t: Date.now() - ages[i]! * day }]));
    const secret = readFileSync(join(h.base, 'cache', 'slipway', 'check-cache.key'));
    assert.ok(writeSigned(file, secret, Buffer.from('SLWYSCP1'), Buffer.from(JSON.stringify({ key, scripts: aged })), 1 << 24));
    // A legacy entry not written for 31 days, a fresh one, and the daily prune due.
    writeFileSync(join(h.entries(), 'old.entry'), 'x');
    utimesSync(join(h.entries(), 'old.entry'), (Date.now() - 31 * day) / 1000, (Date.now() - 31 * day) / 1000);
    writeFileSync(join(h.entries(), 'new.entry'), 'x');
    rmSync(join(h.entries(), '.pruned'), { force: true });
    // A new script makes the run write the pack: the 40-day-old script is left out, the others stay.
    await shellcheckDockerfiles([df(['echo $c'])], options);
    const after = JSON.parse(readFileSync(file).subarray(40).toString()) as { scripts: Record<string, unknown> };
    const kept = Object.keys(scripts).filter((k) => k in after.scripts);
    assert.deepEqual(kept, Object.keys(scripts).slice(1));
    assert.equal(Object.keys(after.scripts).length, 3);
    assert.deepEqual(readdirSync(h.entries()).filter((f) => f.endsWith('.entry')), ['new.entry']);
  });

  it('slipway check keeps results by default; --no-shellcheck-cache keeps none; both report the same', async () => {
    const h = home();
    const dir = join(h.base, 'project');
    mkdirSync(dir);
    writeFileSync(join(dir, 'Dockerfile'), `FROM debian:12-slim\nRUN ${RUNS[2]}\n`);
    const check = async (...argv: string[]) => {
      let stdout = '';
      await main(['check', '-f', 'json', ...argv, '.'], { cwd: dir, stdout: (s) => (stdout += s), stderr: () => {}, isTTY: false, env: h.env, readStdin: async () => '' });
      return stdout;
    };
    const off = await check('--no-shellcheck-cache');
    assert.throws(() => readdirSync(h.entries()), 'nothing kept');
    const on = await check();
    assert.equal(listPacks(h.entries()).length, 1);
    assert.equal(await check(), on);
    assert.equal(on, off);
    assert.match(on, /SC2045|SC2086/);
  });
});
