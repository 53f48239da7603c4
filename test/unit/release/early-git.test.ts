// The launcher's early git question (src/release/early-git.ts): runRelease takes it only for the
// directory it was asked in, and only once; the answer is gitReleaseFacts' own.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gitReleaseFacts } from '../../../src/git.js';
import { main } from '../../../src/cli/main.js';
import { PASSWORD_VAR } from '../../../src/release/credentials.js';
import { startEarlyGit, takeEarlyGit } from '../../../src/release/early-git.js';
import { parseReleaseArgs, passwordVars } from '../../../src/release/release-args.js';

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

test('the early git hides the password variable release reads: one parse of the arguments, odd placements included', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-early-args-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const hiddenBy = (argv: string[]) => {
    startEarlyGit(dir, argv);
    const early = takeEarlyGit(dir);
    early?.facts.catch(() => undefined);
    return early ? early.hiddenEnv : null;
  };
  const cases: [string[], string[] | null][] = [
    [['--push'], [PASSWORD_VAR]],
    [['--password-env', 'GHCR_TOKEN', '--push'], [PASSWORD_VAR, 'GHCR_TOKEN']],
    [['--password-env=GHCR_TOKEN'], [PASSWORD_VAR, 'GHCR_TOKEN']],
    // Given twice, release reads the last one (the raw scan hid both).
    [['--password-env=FIRST', '--password-env', 'LAST'], [PASSWORD_VAR, 'LAST']],
    // After `--` it is no option: release refuses the positional (the raw scan hid X).
    [['--', '--password-env', 'X'], [PASSWORD_VAR]],
    // As the value of another option it is that option's value, and X a positional (the raw scan hid X).
    [['--username=--password-env', 'X'], [PASSWORD_VAR]],
    [['--build-arg=--password-env', 'X'], [PASSWORD_VAR]],
    // Arguments release refuses (exit 2), and --help: git is not asked at all.
    [['--build-arg', '--password-env', 'X'], null],
    [['--push', '--password-env'], null],
    [['--no-such-option'], null],
    [['--help'], null],
  ];
  for (const [argv, hidden] of cases) {
    assert.deepEqual(hiddenBy(argv), hidden, argv.join(' '));
    // runRelease's own git question hides what the same parse gives.
    let parsed: string[] | null = null;
    try {
      const { values } = parseReleaseArgs(argv);
      parsed = values.help ? null : passwordVars(values);
    } catch {
      // refused
    }
    assert.deepEqual(parsed, hidden, `runRelease: ${argv.join(' ')}`);
  }
});

test('runRelease refuses what the early git did not ask for, with a usage error (exit 2)', async () => {
  for (const argv of [['--build-arg', '--password-env', 'X'], ['--', '--password-env', 'X'], ['--username=--password-env', 'X']]) {
    let err = '';
    const code = await main(['release', ...argv], { cwd: tmpdir(), stdout: () => {}, stderr: (s) => (err += s), isTTY: false, env: {}, readStdin: async () => '' });
    assert.equal(code, 2, argv.join(' '));
    assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
  }
});
