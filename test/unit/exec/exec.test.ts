import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { Readable } from 'node:stream';
import {
  SecretInArgv,
  StepFailed,
  displayStep,
  dryRunExecutor,
  localExecutor,
  redactText,
  runChecked,
  sensitive,
} from '../../../src/exec/index.js';

const SECRET = 'hunter2-correct-horse';

test('a Sensitive never prints its value', () => {
  const s = sensitive(SECRET);
  const forms = [String(s), `${s}`, JSON.stringify({ s }), inspect(s), inspect({ nested: [s] }), s + '', [s].join(',')];
  for (const f of forms) assert.ok(!f.includes(SECRET) && f.includes('[REDACTED]'), f);
  assert.equal(s.reveal(), SECRET);
});

test('the local executor passes argv without a shell', async () => {
  const r = await localExecutor().run({ argv: ['printf', '%s|', '$HOME', '`id`', 'a b'] });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '$HOME|`id`|a b|');
});

test('a secret reaches the program through stdin and is scrubbed from its output', async () => {
  const lines: string[] = [];
  const r = await localExecutor().run({ argv: ['sh', '-c', 'read p; echo "got $p"; echo "err $p" >&2'], stdin: sensitive(SECRET) }, { onLine: (_s, l) => lines.push(l) });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'got [REDACTED]\n');
  assert.equal(r.stderr, 'err [REDACTED]\n');
  assert.ok(lines.every((l) => !l.includes(SECRET)));
});

test('secrets in the environment reach the program; in argv they are refused', async () => {
  const r = await localExecutor().run({ argv: ['sh', '-c', 'test "$P" = "$1" && echo same', 'sh', SECRET], env: { P: sensitive(SECRET) } });
  assert.equal(r.stdout.trim(), 'same');
  await assert.rejects(localExecutor().run({ argv: ['echo', sensitive(SECRET)] }), SecretInArgv);
});

test('stdin can be a stream', async () => {
  const r = await localExecutor().run({ argv: ['wc', '-c'], stdin: Readable.from(['abc', 'def']) });
  assert.equal(r.stdout.trim(), '6');
});

test('a missing program and a failing program are clear errors', async () => {
  await assert.rejects(localExecutor().run({ argv: ['slipway-no-such-program'] }), /slipway-no-such-program: command not found/);
  const err = await runChecked(localExecutor(), { argv: ['sh', '-c', 'echo boom >&2; exit 3'], label: 'the boom step' }).catch((e) => e);
  assert.ok(err instanceof StepFailed);
  assert.match(err.message, /the boom step failed \(exit 3\):\nboom/);
});

test('the dry run prints redacted commands and runs nothing', async () => {
  const printed: string[] = [];
  const dry = dryRunExecutor((l) => printed.push(l));
  const r = await dry.run({ argv: ['docker', 'login', '--username', 'me', '--password-stdin', 'ghcr.io'], stdin: sensitive(SECRET) });
  await dry.run({ argv: ['touch', '/tmp/slipway dry run'], env: { TOKEN: sensitive(SECRET), MODE: 'a b' } });
  assert.equal(r.code, 0);
  assert.deepEqual(printed, [
    "printf '%s' [REDACTED] | docker login --username me --password-stdin ghcr.io",
    "TOKEN=[REDACTED] MODE='a b' touch '/tmp/slipway dry run'",
  ]);
  assert.equal(dry.steps.length, 2);
});

test('redactText replaces the longest secret first', () => {
  assert.equal(redactText('a abc b ab', [sensitive('ab'), sensitive('abc'), 'plain', undefined]), 'a [REDACTED] b [REDACTED]');
  assert.equal(displayStep({ argv: ['x'] }), 'x');
});
