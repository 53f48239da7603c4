// The launcher's early git question (src/release/early-git.ts): runRelease takes it only for the
// directory it was asked in, and only once; the answer is gitReleaseFacts' own.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gitReleaseFacts } from '../../../src/git.js';
import { passwordVars, startEarlyGit, takeEarlyGit } from '../../../src/release/early-git.js';

test('takeEarlyGit: the facts gitReleaseFacts gives, for the asked directory only, once', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-early-git-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'a'), 'a');
  git('add', '.');
  git('commit', '-q', '-m', 'one');
  git('tag', 'v1.0.0');

  startEarlyGit(dir, []);
  assert.equal(takeEarlyGit(join(dir, 'elsewhere')), null, 'another directory may be another repository');
  assert.equal(takeEarlyGit(dir), null, 'a question is handed over once, even when refused');

  startEarlyGit(dir, []);
  const early = takeEarlyGit(dir);
  assert.ok(early);
  assert.deepEqual(await early.facts, await gitReleaseFacts(dir));
  assert.ok(early.settledAt !== null && early.settledAt >= early.startedAt);
  assert.equal(takeEarlyGit(dir), null);
});

test('an early question outside a repository rejects only for whoever takes it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-early-nogit-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  startEarlyGit(dir, []);
  await new Promise((r) => setTimeout(r, 200)); // an untaken rejection must not crash the process
  const early = takeEarlyGit(dir);
  assert.ok(early);
  await assert.rejects(early.facts, /not a git repository/i);
});

test('passwordVars: the default variable and every --password-env, as the raw arguments name them', () => {
  assert.deepEqual(passwordVars(['release', '--push']), ['SLIPWAY_REGISTRY_PASSWORD']);
  assert.deepEqual(passwordVars(['release', '--password-env', 'GHCR_TOKEN', '--password-env=OTHER']), ['SLIPWAY_REGISTRY_PASSWORD', 'GHCR_TOKEN', 'OTHER']);
  assert.deepEqual(passwordVars(['release', '--password-env']), ['SLIPWAY_REGISTRY_PASSWORD']);
});
