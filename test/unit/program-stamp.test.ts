// The stamp of the shellcheck program (src/cache/program-stamp.ts) that keys ShellCheck's kept results:
// a native executable is known by its file without being run; another file, or the same file rewritten,
// is another key; shims (scripts, links to a multiplexer of another name) are also asked --version.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { programStamp } from '../../src/cache/program-stamp.js';
import { shellcheckDockerfiles } from '../../src/engine/shellcheck/run.js';
import { parseDockerfile } from '../../src/parse/dockerfile/parse.js';

const work = mkdtempSync(join(tmpdir(), 'slipway-program-stamp-'));
after(() => rmSync(work, { recursive: true, force: true }));
const REAL = execFileSync('sh', ['-c', 'command -v shellcheck'], { encoding: 'utf8' }).trim();
// A native program whose `--version` fails (`false` is also a shell builtin, so not `command -v`).
const FALSE = ['/usr/bin/false', '/bin/false'].find((f) => existsSync(f))!;
const env = (bin: string) => ({ PATH: `${bin}:${process.env.PATH}` });
let n = 0;
const dir = () => {
  const d = join(work, String(n++));
  mkdirSync(d, { recursive: true });
  return d;
};

describe('program stamp', () => {
  it('a native executable is stamped by its file, without running it', () => {
    // `false --version` fails: had the stamp asked it, there would be no stamp.
    const bin = dir();
    copyFileSync(FALSE, join(bin, 'shellcheck'));
    const stamp = programStamp('shellcheck', env(bin));
    assert.ok(stamp, 'stamped without asking --version');
    assert.equal(JSON.parse(stamp)[0], join(bin, 'shellcheck'));
    // The real shellcheck: its --version text is not part of the stamp.
    assert.doesNotMatch(programStamp(REAL, {})!, /version:|license:/i);
  });

  it('another file, or the same file rewritten (even with its mtime put back), is another stamp', () => {
    const a = dir();
    const b = dir();
    copyFileSync(FALSE, join(a, 'shellcheck'));
    copyFileSync(FALSE, join(b, 'shellcheck'));
    const first = programStamp('shellcheck', env(a));
    assert.equal(programStamp('shellcheck', env(a)), first, 'steady');
    assert.notEqual(programStamp('shellcheck', env(b)), first, 'another file');
    const file = join(a, 'shellcheck');
    const before = statSync(file, { bigint: true });
    execFileSync('touch', ['-r', file, join(a, 'times')]); // to the nanosecond, which utimes cannot
    copyFileSync(FALSE, file); // same bytes, new mtime and ctime
    execFileSync('touch', ['-r', join(a, 'times'), file]);
    const now = statSync(file, { bigint: true });
    assert.deepEqual([now.mtimeNs, now.size, now.ino], [before.mtimeNs, before.size, before.ino], 'only ctime tells');
    assert.notEqual(programStamp('shellcheck', env(a)), first, 'rewritten in place');
  });

  it('a script shim, or a link to a program of another name, is also asked --version', () => {
    const bin = dir();
    const version = join(bin, 'version');
    writeFileSync(version, '1');
    writeFileSync(join(bin, 'shellcheck'), `#!/bin/sh\n[ "$1" = --version ] && { echo "version: $(cat ${version})"; exit 0; }\nexec ${REAL} "$@"\n`);
    chmodSync(join(bin, 'shellcheck'), 0o755);
    const one = programStamp('shellcheck', env(bin));
    assert.match(one!, /version: 1/);
    writeFileSync(version, '2');
    assert.notEqual(programStamp('shellcheck', env(bin)), one);
    // mise-style: shellcheck -> a native multiplexer; `false` answers no version, so no stamp (and no cache).
    const shims = dir();
    copyFileSync(FALSE, join(shims, 'mise'));
    symlinkSync(join(shims, 'mise'), join(shims, 'shellcheck'));
    assert.equal(programStamp('shellcheck', env(shims)), null);
    // A link to a native file of the same name (Homebrew's bin -> Cellar/shellcheck/<version>/bin) is not a shim.
    const cellar = dir();
    copyFileSync(FALSE, join(cellar, 'shellcheck'));
    const brew = dir();
    symlinkSync(join(cellar, 'shellcheck'), join(brew, 'shellcheck'));
    assert.equal(JSON.parse(programStamp('shellcheck', env(brew))!)[0], join(cellar, 'shellcheck'));
  });

  it('a file hardlinked under other names (a rustup-style multiplexer) is asked --version', () => {
    // rustup's proxies are one native file hardlinked as cargo, rustc …: realpath keeps each name.
    const proxies = dir();
    copyFileSync(FALSE, join(proxies, 'multiplexer'));
    linkSync(join(proxies, 'multiplexer'), join(proxies, 'shellcheck'));
    assert.equal(statSync(join(proxies, 'shellcheck')).nlink, 2);
    assert.equal(programStamp('shellcheck', env(proxies)), null, '`false --version` fails: it was asked');
    // The real shellcheck, hardlinked: its --version text joins the file's stamp.
    const real = dir();
    copyFileSync(REAL, join(real, 'shellcheck'));
    assert.doesNotMatch(programStamp('shellcheck', env(real))!, /version:/, 'one link: the file alone');
    linkSync(join(real, 'shellcheck'), join(real, 'other-name'));
    assert.match(programStamp('shellcheck', env(real))!, /version: \d/);
  });

  it('ShellCheck results kept by one shellcheck file are not answers for another (the real program, copied)', async () => {
    const home = dir();
    const bin = join(home, 'bin');
    mkdirSync(bin);
    const program = join(bin, 'shellcheck');
    copyFileSync(REAL, program);
    const cacheEnv = { XDG_CACHE_HOME: join(home, 'cache'), HOME: home, PATH: `${bin}:${process.env.PATH}` };
    const df = parseDockerfile('FROM debian:12-slim\nRUN echo $a\n', 'Dockerfile');
    const run = () => shellcheckDockerfiles([df], { binary: null, overrides: {}, cacheEnv });
    const first = await run();
    assert.deepEqual([first.cached, first.processes], [0, 1]);
    assert.ok(first.findings.some((f) => f.rule === 'SC2086'));
    assert.equal((await run()).cached, 1);
    execFileSync('touch', ['-r', program, join(home, 'times')]);
    copyFileSync(REAL, program);
    execFileSync('touch', ['-r', join(home, 'times'), program]);
    const rewritten = await run();
    assert.deepEqual([rewritten.cached, rewritten.processes], [0, 1], 'the rewritten program is another key');
    // The real shellcheck on PATH is yet another program.
    const other = await shellcheckDockerfiles([df], { binary: REAL, overrides: {}, cacheEnv });
    assert.equal(other.cached, 0);
  });
});
