// The git readers against real repositories made here.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { type GitStatus, gitBranch, gitReleaseFacts, gitDefaultBranch, gitRemoteUrl, gitRefFacts, gitRoot, remoteWebUrl, runGit } from '../../src/git.js';

// Reference readers: one plain git call each (porcelain v1, rev-parse, show), so that
// gitReleaseFacts' own calls and parsing (porcelain v2, for-each-ref times) are checked against
// something independent. Only this test uses them; slipway itself asks gitReleaseFacts.
const gitHead = (cwd: string) => runGit(['rev-parse', '--verify', 'HEAD^{commit}'], { cwd }).trim();
const gitCommitTime = (cwd: string) => new Date(Number(runGit(['show', '-s', '--no-show-signature', '--format=%ct', 'HEAD'], { cwd }).trim()) * 1000).toISOString();
function gitDirtyPaths(cwd: string): string[] {
  const out = runGit(['status', '--porcelain=v1', '-z', '--ignore-submodules=all', '--untracked-files=normal'], { cwd });
  // Entries are `XY path`; a rename adds the old path as its own NUL-separated field.
  const paths: string[] = [];
  const fields = out.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (f.length < 4) continue;
    paths.push(f.slice(3));
    if (f[0] === 'R' || f[0] === 'C') i++;
  }
  return paths;
}
const gitStatus = (cwd: string): GitStatus => ({ head: gitHead(cwd), branch: gitBranch(cwd), dirtyPaths: gitDirtyPaths(cwd) });

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'slipway-git-')));
after(() => rmSync(dir, { recursive: true, force: true }));
const git = (...args: string[]) =>
  execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    encoding: 'utf8',
    env: { ...process.env, GIT_COMMITTER_DATE: '2026-01-02T03:04:05Z', GIT_AUTHOR_DATE: '2026-01-02T03:04:05Z' },
  });

test('reads sha, branch, tags, dirtiness, remote and root of a real repository', () => {
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'a.txt'), 'a\n');
  git('add', '.');
  git('commit', '-q', '-m', 'first');
  const sha = git('rev-parse', 'HEAD').trim();
  assert.equal(gitHead(dir), sha);
  assert.equal(gitRoot(join(dir)), dir);
  mkdirSync(join(dir, 'sub'));
  assert.equal(gitRoot(join(dir, 'sub')), dir);
  assert.equal(gitBranch(dir), 'main');
  assert.equal(gitDefaultBranch(dir), 'main');
  assert.deepEqual(gitRefFacts(dir, sha), { defaultBranch: 'main', tagsAtHead: [] });
  git('tag', 'v1.2.3');
  git('tag', '-a', '-m', 'x', 'v1.2');
  assert.deepEqual(gitRefFacts(dir, sha).tagsAtHead.sort(), ['v1.2', 'v1.2.3']);
  assert.deepEqual(gitDirtyPaths(dir), []);
  assert.equal(gitCommitTime(dir), '2026-01-02T03:04:05.000Z');

  writeFileSync(join(dir, 'a.txt'), 'changed\n');
  writeFileSync(join(dir, 'new file.txt'), 'n\n');
  writeFileSync(join(dir, '.gitignore'), 'ignored\n');
  writeFileSync(join(dir, 'ignored'), 'x\n');
  assert.deepEqual(gitDirtyPaths(dir).sort(), ['.gitignore', 'a.txt', 'new file.txt']);
  git('add', 'new file.txt');
  git('mv', 'a.txt', 'b c.txt');
  const st = gitStatus(dir);
  assert.deepEqual(st.dirtyPaths.sort(), ['.gitignore', 'b c.txt', 'new file.txt']);
  assert.deepEqual({ head: st.head, branch: st.branch }, { head: sha, branch: 'main' });

  assert.equal(gitRemoteUrl(dir), null);
  git('remote', 'add', 'upstream', 'https://example.com/u/x.git');
  assert.equal(gitRemoteUrl(dir), 'https://example.com/u/x.git');
  git('remote', 'add', 'origin', 'git@github.com:Acme/Shop.git');
  assert.equal(gitRemoteUrl(dir), 'git@github.com:Acme/Shop.git');

  // A tag on an older commit is not at HEAD; origin/HEAD (as clone sets it) names the default branch.
  writeFileSync(join(dir, 'later.txt'), 'l\n');
  git('add', 'later.txt');
  git('commit', '-q', '-m', 'second');
  const second = git('rev-parse', 'HEAD').trim();
  git('tag', '-a', '-m', 'y', 'v2.0.0');
  assert.deepEqual(gitRefFacts(dir, second).tagsAtHead, ['v2.0.0']);
  assert.deepEqual(gitRefFacts(dir, sha).tagsAtHead.sort(), ['v1.2', 'v1.2.3']);
  git('branch', 'trunk');
  git('update-ref', 'refs/remotes/origin/trunk', 'HEAD');
  git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk');
  assert.equal(gitDefaultBranch(dir), 'trunk');

  git('checkout', '-q', '--detach');
  assert.equal(gitBranch(dir), null);
  assert.equal(gitStatus(dir).branch, null);
});

test('remote URLs become web URLs for the source label', () => {
  assert.equal(remoteWebUrl('git@github.com:Acme/Shop.git'), 'https://github.com/Acme/Shop');
  assert.equal(remoteWebUrl('https://gitlab.com/g/sub/app.git'), 'https://gitlab.com/g/sub/app');
  assert.equal(remoteWebUrl('ssh://git@gitlab.com:22/g/app.git'), 'https://gitlab.com/g/app');
  assert.equal(remoteWebUrl('https://user:token@github.com/a/b.git'), 'https://github.com/a/b');
  assert.equal(remoteWebUrl('/srv/git/app.git'), null);
  assert.equal(remoteWebUrl(null), null);
});

test('gitReleaseFacts: what the one-call readers say, from any directory of the work tree; outside one, git says so', async () => {
  const sha = git('rev-parse', 'HEAD').trim();
  const expected = { ...gitStatus(dir), ...gitRefFacts(dir, sha), remoteUrl: gitRemoteUrl(dir), commitTime: gitCommitTime(dir) };
  // The repository the test above left: detached, tagged, two remotes, origin/HEAD set.
  assert.ok(expected.tagsAtHead.length && expected.remoteUrl && expected.defaultBranch === 'trunk' && expected.branch === null, JSON.stringify(expected));
  assert.deepEqual(await gitReleaseFacts(dir), expected);
  mkdirSync(join(dir, 'deeper'), { recursive: true });
  assert.deepEqual(await gitReleaseFacts(join(dir, 'deeper')), expected);
  // A commit no branch or tag points at (its time then comes from one more git call), of another date.
  execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'loose'], {
    env: { ...process.env, GIT_COMMITTER_DATE: '2026-03-04T05:06:07Z', GIT_AUTHOR_DATE: '2026-03-04T05:06:07Z' },
  });
  assert.equal((await gitReleaseFacts(dir)).commitTime, '2026-03-04T05:06:07.000Z');
  git('branch', 'here');
  assert.equal((await gitReleaseFacts(dir)).commitTime, '2026-03-04T05:06:07.000Z');
  const outside = realpathSync(mkdtempSync(join(tmpdir(), 'slipway-nogit-')));
  try {
    await assert.rejects(gitReleaseFacts(outside), /not a git repository/);
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});
