// init's writer in a hostile or broken project (reproducers 11, 12 and 14 of the hardening report, own
// fixtures): links out of the project are blocked, never written through, with or without --force; a
// Latin-1 .gitignore keeps its bytes when appended to; a dangling link or an unwritable folder ends
// with the list of what was and was not written, exit 2, no stack trace.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runInit } from '../../../src/cli/commands/init.js';

function nodeProject(): { base: string; p: string } {
  const base = mkdtempSync(join(tmpdir(), 'slipway-initw-'));
  const p = join(base, 'p');
  mkdirSync(p);
  writeFileSync(join(p, 'package.json'), '{"name":"p","main":"server.js","dependencies":{"express":"4"}}');
  writeFileSync(join(p, 'server.js'), 'app.listen(3000)\n');
  return { base, p };
}

async function init(dir: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runInit([dir, '--yes', ...args], { cwd: dir, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false, ask: async () => '' });
  return { code, stdout, stderr };
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath ?? (e as any).path, e.name).slice(dir.length + 1))
    .sort();
}

describe('init writes', () => {
  it('never writes through links out of the project (.gitignore, .github, Dockerfile), with or without --force', async () => {
    const { base, p } = nodeProject();
    const outside = join(base, 'outside');
    mkdirSync(join(outside, 'gh'), { recursive: true });
    writeFileSync(join(outside, 'important.txt'), 'VALUABLE\n');
    writeFileSync(join(outside, 'gitignore_global'), '*.bak\n');
    symlinkSync('../outside/important.txt', join(p, 'Dockerfile'));
    symlinkSync('../outside/gitignore_global', join(p, '.gitignore'));
    symlinkSync('../outside/gh', join(p, '.github'));
    for (const force of [[], ['--force']]) {
      const r = await init(p, ...force);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /Dockerfile: a symlink to a file outside the project: not written/);
      assert.match(r.stderr, /\.gitignore: a symlink to a file outside the project: not written/);
      assert.match(r.stderr, /\.github\/workflows\/docker\.yml: \.github is a symlink to a folder outside the project: not written/);
      assert.deepEqual(files(outside), ['gitignore_global', 'important.txt']);
      assert.equal(readFileSync(join(outside, 'important.txt'), 'utf8'), 'VALUABLE\n');
      assert.equal(readFileSync(join(outside, 'gitignore_global'), 'utf8'), '*.bak\n');
    }
    assert.ok(existsSync(join(p, 'docker-compose.yml')), 'the files that could be written were');
  });

  it('appending to a Latin-1 .gitignore keeps its bytes', async () => {
    const { p } = nodeProject();
    const latin1 = Buffer.from('R\xe9sum\xe9*.pdf\n', 'latin1');
    writeFileSync(join(p, '.gitignore'), latin1);
    const r = await init(p);
    assert.equal(r.code, 0, r.stderr);
    const after = readFileSync(join(p, '.gitignore'));
    assert.deepEqual(after.subarray(0, latin1.length), latin1);
    assert.match(after.toString('latin1'), /\n\.env\n/);
  });

  it('a dangling Dockerfile link: everything else written, the list of both, exit 2, no stack trace', async () => {
    const { p } = nodeProject();
    symlinkSync('/nonexistent/target', join(p, 'Dockerfile'));
    const r = await init(p);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /could not write 1 file:\n {2}Dockerfile: a symlink to nothing: not written\n/);
    assert.match(r.stdout, /Wrote \d+ files: .*docker-compose\.yml/);
    assert.doesNotMatch(r.stderr, /internal error|at .*\.ts:\d+/);
  });

  it('as nobody, an unwritable .github: the rest written, .github/workflows/docker.yml reported, exit 2', (t) => {
    try {
      execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true'], { stdio: 'ignore' });
    } catch {
      return t.skip('needs setpriv and root');
    }
    const { base, p } = nodeProject();
    execFileSync('chmod', ['755', base]);
    chownSync(p, 65534, 65534);
    mkdirSync(join(p, '.github')); // root's, 755: nobody cannot create workflows/ in it
    const r = spawnSync(
      'setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', 'env', 'XDG_CACHE_HOME=/tmp', process.execPath, '--import', import.meta.resolve('tsx'), resolve('src/cli/bin.ts'), 'init', p, '--yes'],
      { cwd: p, encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /could not write 1 file:\n {2}\.github\/workflows\/docker\.yml: permission denied: not written\n/);
    assert.match(r.stdout, /Wrote \d+ files: .*Dockerfile/);
    assert.doesNotMatch(r.stderr, /internal error|    at /);
    assert.ok(existsSync(join(p, 'Dockerfile')));
  });
});
