// Quoting is proven against real shells: the joined line, run by sh, must give back the argv.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { joinShell, sensitive, shellQuote } from '../../../src/exec/index.js';

const SHELLS = ['/bin/sh', '/bin/dash', '/bin/bash', '/bin/busybox'].filter(existsSync);

/** What the shell makes of `line` as arguments: printf prints each word NUL-terminated. */
function wordsAfterShell(shell: string, line: string): string[] {
  const argv = shell.endsWith('busybox') ? ['sh', '-c', `printf '%s\\0' START ${line}`] : ['-c', `printf '%s\\0' START ${line}`];
  const out = execFileSync(shell, argv, { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent', IFS: ' \t\n' } });
  return out.split('\0').slice(1, -1);
}

const HOSTILE = [
  '',
  ' ',
  'plain',
  "it's",
  "''",
  '"double"',
  '$HOME',
  '${HOME}',
  '$(id)',
  '`id`',
  'a;b',
  'a && b',
  'a | b',
  'x > /tmp/slipway-quote-test-should-not-exist',
  '*',
  '?',
  '[a-z]',
  '~',
  '~root',
  '#comment',
  'a#b',
  'new\nline',
  'tab\there',
  'back\\slash',
  '\\',
  "'",
  "\\'",
  '-n',
  '--flag=value with space',
  '!',
  '!!',
  '{a,b}',
  'é ü 日本',
  '\x01\x1b[31m',
  'trailing\n',
  "'$(touch /tmp/slipway-pwned)'",
];

for (const shell of SHELLS) {
  test(`hostile words survive a round trip through ${shell}`, () => {
    assert.deepEqual(wordsAfterShell(shell, joinShell(HOSTILE)), HOSTILE);
    assert.equal(existsSync('/tmp/slipway-quote-test-should-not-exist'), false);
    assert.equal(existsSync('/tmp/slipway-pwned'), false);
  });
}

test('random strings survive a round trip through sh', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'binary' }).map((s) => s.replace(/\0/g, '')), { maxLength: 6 }), (words) => {
      assert.deepEqual(wordsAfterShell('/bin/sh', joinShell(words)), words);
    }),
    { numRuns: 150 },
  );
});

test('safe words stay bare; others are single-quoted', () => {
  assert.equal(shellQuote('docker'), 'docker');
  assert.equal(shellQuote('127.0.0.1:5000/a/b:1.2.3'), '127.0.0.1:5000/a/b:1.2.3');
  assert.equal(shellQuote('--label=org.opencontainers.image.title=x'), '--label=org.opencontainers.image.title=x');
  assert.equal(shellQuote(''), "''");
  assert.equal(shellQuote('a b'), "'a b'");
  assert.equal(shellQuote("it's"), "'it'\\''s'");
  assert.throws(() => shellQuote('a\0b'), /NUL/);
});

test('secrets print as [REDACTED] unless revealed', () => {
  const argv = ['echo', sensitive("s3cr3t 'x'"), 'end'];
  assert.equal(joinShell(argv), 'echo [REDACTED] end');
  assert.deepEqual(wordsAfterShell('/bin/sh', joinShell(argv, { reveal: true })), ['echo', "s3cr3t 'x'", 'end']);
});
