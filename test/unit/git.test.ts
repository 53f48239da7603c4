// runGit in a hostile checkout: the repository's config names commands (fsmonitor, filters, diff drivers,
// pager, hooks); none of them may run, and the caller's GIT_* environment cannot redirect git.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gitReleaseFacts, gitTrackedFiles, runGit } from '../../src/git.js';

function hostileRepo(): { root: string; marker: (name: string) => string } {
  const root = mkdtempSync(join(tmpdir(), 'slipway-git-'));
  const g = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@x', '-c', 'user.name=t', ...args], { cwd: root, stdio: 'ignore' });
  g('init', '-q', '.');
  writeFileSync(join(root, '.env'), 'A=1\n');
  writeFileSync(join(root, 'a.txt'), 'x\n');
  writeFileSync(join(root, '.gitattributes'), '*.txt filter=evil diff=evil\n');
  g('add', '.');
  g('commit', '-q', '-m', 'x');
  const marker = (name: string) => join(root, `PWNED_${name}`);
  for (const [key, name] of [
    ['core.fsmonitor', 'fsmonitor'],
    ['filter.evil.clean', 'clean'],
    ['filter.evil.process', 'process'],
    ['diff.evil.textconv', 'textconv'],
    ['diff.evil.command', 'diffcmd'],
    ['core.pager', 'pager'],
    ['diff.external', 'external'],
  ]) {
    g('config', key!, `touch ${marker(name!)}; cat`);
  }
  g('config', 'core.hooksPath', join(root, 'hooks'));
  // Racily clean: the index entry has the file's mtime, so status has to re-read (and would clean) it.
  writeFileSync(join(root, 'a.txt'), 'y\n');
  return { root, marker };
}

test('git: commands the repository config names never run (ls-files, status, diff, log)', (t) => {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
  } catch {
    return t.skip('git is not available');
  }
  const { root, marker } = hostileRepo();
  assert.deepEqual(gitTrackedFiles(root, ['.env', 'missing']), new Set(['.env']));
  runGit(['status', '--porcelain', '--ignore-submodules=all'], { cwd: root });
  runGit(['diff', '--no-ext-diff', '--no-textconv'], { cwd: root });
  // Without the flags a diff driver's emptied command fails the call rather than running anything.
  assert.throws(() => runGit(['diff'], { cwd: root }), /cannot run/);
  runGit(['log', '-p', '-1', '--no-ext-diff', '--no-textconv'], { cwd: root });
  for (const name of ['fsmonitor', 'clean', 'process', 'textconv', 'diffcmd', 'pager', 'external']) {
    assert.equal(existsSync(marker(name)), false, `${name} ran`);
  }
});

test('git: GIT_DIR / GIT_WORK_TREE / GIT_CONFIG_* from the caller do not redirect it', (t) => {
  const { root } = hostileRepo();
  const other = mkdtempSync(join(tmpdir(), 'slipway-git-other-'));
  mkdirSync(join(other, 'sub'));
  const saved = { ...process.env };
  try {
    process.env.GIT_DIR = join(root, '.git');
    process.env.GIT_WORK_TREE = root;
    process.env.GIT_CONFIG_COUNT = '1';
    process.env.GIT_CONFIG_KEY_0 = 'core.fsmonitor';
    process.env.GIT_CONFIG_VALUE_0 = `touch ${join(other, 'PWNED_env')}`;
    // `other` is not a repository: with GIT_DIR honoured this would list root's .env.
    assert.equal(gitTrackedFiles(other, ['.env']), null);
    assert.equal(existsSync(join(other, 'PWNED_env')), false);
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  }
  t.diagnostic('not a repository → null (unknown), never the caller repository');
});

test('git: a pathspec-looking file name is a file name', (t) => {
  const { root } = hostileRepo();
  assert.deepEqual(gitTrackedFiles(root, [':(exclude)x']), new Set());
  t.diagnostic('literal pathspecs');
});

test("git: release's facts (status, refs, commit time side by side) run none of the repository's commands", async () => {
  const { root, marker } = hostileRepo();
  const facts = await gitReleaseFacts(root);
  assert.deepEqual(facts.dirtyPaths, ['a.txt']);
  for (const name of ['fsmonitor', 'clean', 'process', 'textconv', 'diffcmd', 'pager', 'external']) {
    assert.equal(existsSync(marker(name)), false, `${name} ran`);
  }
});

test('runGit hides the variables named in hiddenEnv from git, as gitReleaseFacts does (a password release holds)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'slipway-git-hidden-'));
  runGit(['init', '-q'], { cwd: root });
  process.env.SLIPWAY_TEST_HIDDEN = 's3cret-value';
  try {
    // A shell alias given on the command line (not by the repository) prints what git's environment holds.
    const print = ['-c', 'alias.show-env=!printf %s "${SLIPWAY_TEST_HIDDEN-unset}"', 'show-env'];
    assert.equal(runGit(print, { cwd: root }), 's3cret-value');
    assert.equal(runGit(print, { cwd: root, hiddenEnv: ['SLIPWAY_TEST_HIDDEN'] }), 'unset');
  } finally {
    delete process.env.SLIPWAY_TEST_HIDDEN;
  }
});
