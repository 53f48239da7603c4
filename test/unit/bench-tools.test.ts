// The benchmark's own tools: figures are only as fair as the order the commands ran in, and the
// "ShellCheck alone" row is only a baseline if it replays exactly what slipway gave ShellCheck.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { measureAlternated } from '../../bench/alternate.js';
import { shellcheckAlone, waves } from '../../bench/shellcheck-alone.js';

const which = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim() || null;

let root: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'slipway-bench-tools-'));
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('bench/alternate.ts', () => {
  // Without hyperfine (a fresh machine: only the bench installs it) its variant is skipped; run as a second
  // spawnSync variant, it appended to the first's log and failed.
  const hyperfinePath = which('hyperfine');
  for (const hyperfine of [null, hyperfinePath ?? 'hyperfine']) {
    const skip = hyperfine !== null && !hyperfinePath && 'hyperfine is not installed';
    it(`every round runs each command once, the order reversed every other round (${hyperfine ? 'hyperfine' : 'spawnSync'})`, { skip }, () => {
      const log = join(root, `order-${hyperfine ? 'h' : 's'}.txt`);
      // Each command says its name and the environment it was given.
      const cmd = (name: string) => ({ label: name, argv: ['sh', '-c', `echo ${name}$MARK >> ${log}`], env: { MARK: `-${name.toLowerCase()}` } });
      const rows = measureAlternated([cmd('A'), cmd('B'), cmd('C')], 3, 1, hyperfine);
      assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), ['A-a', 'B-b', 'C-c', 'C-c', 'B-b', 'A-a', 'A-a', 'B-b', 'C-c', 'C-c', 'B-b', 'A-a']);
      assert.deepEqual(rows.map((r) => r.label), ['A', 'B', 'C']);
      for (const r of rows) {
        assert.ok(r.min > 0 && r.median >= r.min, `${r.label}: ${r.min} / ${r.median}`);
        assert.equal(Number.isNaN(r.cpu), !hyperfine);
        assert.equal(Number.isNaN(r.cpuSem), !hyperfine);
      }
    });
  }
});

describe('bench/shellcheck-alone.ts', { skip: !which('shellcheck') && 'no shellcheck' }, () => {
  it('replays the shellcheck calls slipway made: its de-duplicated scripts, its arguments', () => {
    const project = join(root, 'p');
    for (const [dir, runs] of [
      ['a', ['apt-get update', 'echo $HOME']],
      ['b', ['apt-get update', 'cd /x && ls']],
    ] as const) {
      mkdirSync(join(project, dir), { recursive: true });
      writeFileSync(join(project, dir, 'Dockerfile'), ['FROM debian:12', ...runs.map((r) => `RUN ${r}`), ''].join('\n'));
    }
    const row = shellcheckAlone(resolve('src/cli/bin.ts'), project, join(root, 'alone'), 'alone', ['--import', 'tsx']);
    assert.ok(!('skipped' in row), JSON.stringify(row));
    // One call (3 scripts are fewer than a batch started while the rules run: all go with the last file),
    // three distinct scripts: the shared one once.
    assert.match(row.label, /\(3 scripts, 1 call\)/);
    const calls = join(root, 'alone', 'calls');
    const texts = readdirSync(calls).flatMap((c) =>
      readdirSync(join(calls, c))
        .filter((f) => f.endsWith('.sh'))
        .map((f) => readFileSync(join(calls, c, f), 'utf8').trim().split('\n').pop()),
    );
    assert.deepEqual(texts.sort(), ['apt-get update', 'cd /x && ls', 'echo $HOME']);
    for (const c of readdirSync(calls)) assert.match(readFileSync(join(calls, c, 'argv'), 'utf8'), /^--format=json1\n--norc\n--exclude=/);
    // The replay runs the real program on those files (exit 0: ShellCheck's own exit code is not its business).
    const replay = spawnSync(row.argv[0]!, row.argv.slice(1), { encoding: 'utf8' });
    assert.equal(replay.status, 0, replay.stderr);
  });

  it('replays calls that overlapped side by side, and calls one after another in turn', () => {
    const call = (name: string, start: number, end: number) => ({ name, start: BigInt(start), end: BigInt(end) });
    // Two while the rules run one after another, then the last two side by side (a late starter joins while one still runs).
    const calls = [call('d', 30, 45), call('a', 0, 10), call('b', 11, 20), call('c', 21, 40), call('e', 41, 50)];
    assert.deepEqual(
      waves(calls).map((w) => w.map((c) => c.name)),
      [['a'], ['b'], ['c', 'd', 'e']],
    );
  });
});
