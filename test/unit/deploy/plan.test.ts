import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { HistoryEntry } from '../../../src/deploy/commands/history.js';
import { envFile, envLine, parseLocalEnv } from '../../../src/deploy/env-file.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

function hasComposeV1(): boolean {
  try {
    return /^1\./.test(execFileSync('docker-compose', ['version', '--short'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return false;
  }
}
import { judge, parseInspect, restartsSince } from '../../../src/deploy/health.js';
import { overrideFile } from '../../../src/deploy/override.js';
import { currentRelease, previousRelease, pruneTargets, tagsToKeep } from '../../../src/deploy/plan/releases.js';

const h = (tag: string, result: HistoryEntry['result'], action: HistoryEntry['action'] = 'deploy'): HistoryEntry => ({ time: '', action, tag, image: 'r/a', by: 'me', result });

describe('releases', () => {
  const hist = [h('v1', 'healthy'), h('v2', 'healthy'), h('v3', 'unhealthy'), h('v2', 'healthy', 'auto-rollback')];
  test('current = last healthy; previous = healthy before it with another tag', () => {
    assert.equal(currentRelease(hist)?.tag, 'v2');
    assert.equal(previousRelease(hist)?.tag, 'v1');
    assert.equal(previousRelease([h('v1', 'healthy')]), undefined);
    assert.equal(currentRelease([h('v1', 'unhealthy')]), undefined);
  });
  test('keep: the last N healthy, always current and previous', () => {
    const many = ['a', 'b', 'c', 'd', 'e'].map((t) => h(t, 'healthy'));
    assert.deepEqual([...tagsToKeep(many, 2)].sort(), ['d', 'e']);
    assert.deepEqual([...tagsToKeep([...many, h('f', 'unhealthy')], 2)].sort(), ['d', 'e']);
  });
  test('prune: only tags slipway ran and does not keep; shared IDs stay', () => {
    const images = [
      { Repository: 'r/a', Tag: 'v1', ID: '1' },
      { Repository: 'r/a', Tag: 'v2', ID: '2' },
      { Repository: 'r/a', Tag: 'v3', ID: '3' },
      { Repository: 'r/a', Tag: 'latest', ID: '9' },
      { Repository: 'r/a', Tag: 'old-alias', ID: '2' },
      { Repository: 'r/other', Tag: 'v1', ID: '5' },
      { Repository: 'r/a', Tag: '<none>', ID: '6' },
    ];
    assert.deepEqual(pruneTargets(images, 'r/a', new Set(['v2']), hist), ['r/a:v1', 'r/a:v3']);
  });
});

describe('health', () => {
  const c = (over: Record<string, unknown>) => ({
    Id: 'id1', Name: '/p_web_1', Config: { Image: 'r/a:v2', Labels: { 'com.docker.compose.service': 'web' } }, RestartCount: 0,
    State: { Status: 'running', StartedAt: '2020-01-01T00:00:00Z', ...over },
  });
  const want = new Map([['web', 'r/a:v2']]);
  test('healthy, starting, unhealthy, exited, old image', () => {
    assert.equal(judge(parseInspect(JSON.stringify([c({ Health: { Status: 'healthy' } })])), want, ['web']).status, 'healthy');
    assert.equal(judge(parseInspect(JSON.stringify([c({ Health: { Status: 'starting' } })])), want, ['web']).status, 'waiting');
    const bad = judge(parseInspect(JSON.stringify([c({ Health: { Status: 'unhealthy', Log: [{ Output: 'curl: refused\n' }] } })])), want, ['web']);
    assert.equal(bad.status, 'failed');
    assert.match(bad.status === 'failed' ? bad.why : '', /web is unhealthy \(last check: curl: refused\)/);
    assert.equal(judge(parseInspect(JSON.stringify([c({ Status: 'exited', ExitCode: 3 })])), want, ['web']).status, 'failed');
    const old = c({});
    old.Config.Image = 'r/a:v1';
    assert.equal(judge(parseInspect(JSON.stringify([old])), want, ['web']).status, 'waiting');
  });
  test("the container's own check passed (slipway ran it): healthy while Docker still says starting; Docker's verdicts still count", () => {
    const probed = (over: Record<string, unknown>) => parseInspect(JSON.stringify([c(over)])).map((x) => ({ ...x, probed: true }));
    assert.equal(judge(probed({ Health: { Status: 'starting' } }), want, ['web']).status, 'healthy');
    assert.equal(judge(probed({ Health: { Status: 'unhealthy' } }), want, ['web']).status, 'failed');
    assert.equal(judge(probed({ Status: 'exited', ExitCode: 1, Health: { Status: 'starting' } }), want, ['web']).status, 'failed');
    assert.equal(judge(probed({ Status: 'restarting', Health: { Status: 'starting' } }), want, ['web']).status, 'waiting');
    // Every service must be there: one probed service does not make the release healthy.
    assert.equal(judge(probed({ Health: { Status: 'starting' } }), new Map([...want, ['worker', 'r/a:v2']]), ['web', 'worker']).status, 'waiting');
  });
  test('without a health check: running for a moment; other services just up', () => {
    const now = Date.parse('2020-01-01T00:00:00.500Z');
    assert.equal(judge(parseInspect(JSON.stringify([c({})])), want, ['web'], { now }).status, 'waiting');
    assert.equal(judge(parseInspect(JSON.stringify([c({})])), want, ['web'], { now: now + 5000 }).status, 'healthy');
    assert.equal(judge([], want, ['web', 'db']).status, 'waiting');
  });
  test('a restart during the release fails it, even once the container runs again and its check passed', () => {
    const start = Date.parse('2020-01-01T00:00:00Z');
    const view = (id: string, created: string, restarts: number, over: Record<string, unknown> = {}) =>
      parseInspect(JSON.stringify([{ ...c(over), Id: id, Created: created, RestartCount: restarts }])).map((x) => ({ ...x, probed: true }));
    // Created by the release (after its start): any restart is the release's.
    const fresh = restartsSince(start);
    const v = judge(view('new', '2020-01-01T00:00:01.5Z', 1, { Health: { Status: 'starting' } }), want, ['web'], { restarts: fresh });
    assert.equal(v.status, 'failed');
    assert.match(v.status === 'failed' ? v.why : '', /^web exited and its restart policy started it again \(once\) during the release$/);
    assert.equal(judge(view('new2', '2020-01-01T00:00:00Z', 0, { Health: { Status: 'healthy' } }), want, ['web'], { restarts: fresh }).status, 'healthy');
    // Kept by compose from before the release: its past restarts do not count, a new one does.
    const kept = restartsSince(start);
    assert.equal(judge(view('old', '2019-12-31T23:59:59.9Z', 4, { Health: { Status: 'healthy' } }), want, ['web'], { restarts: kept }).status, 'healthy');
    assert.equal(judge(view('old', '2019-12-31T23:59:59.9Z', 4, { Health: { Status: 'healthy' } }), want, ['web'], { restarts: kept }).status, 'healthy');
    const again = judge(view('old', '2019-12-31T23:59:59.9Z', 6, { Status: 'restarting' }), want, ['web'], { restarts: kept });
    assert.match(again.status === 'failed' ? again.why : '', /\(2 times\)/);
    // Docker may call it unhealthy while it restarts: the restart is the story told.
    const told = judge(view('new3', '2020-01-01T00:00:03Z', 1, { Status: 'restarting', Health: { Status: 'unhealthy' } }), want, ['web'], { restarts: fresh });
    assert.match(told.status === 'failed' ? told.why : '', /restart policy/);
    // The release's start unknown: counted from what was first seen. No restarts asked: none counted (as before).
    assert.equal(judge(view('x', '2020-01-01T00:00:01Z', 3, { Health: { Status: 'healthy' } }), want, ['web'], { restarts: restartsSince(null) }).status, 'healthy');
    assert.equal(judge(view('y', '2020-01-01T00:00:01Z', 3, { Health: { Status: 'healthy' } }), want, ['web']).status, 'healthy');
    // Other services too (a database the release recreated), not only the app's.
    const db = { ...view('db1', '2020-01-01T00:00:02Z', 1, { Health: { Status: 'healthy' } })[0]!, service: 'db', image: 'postgres:16' };
    const dbv = judge([...view('w', '2020-01-01T00:00:02Z', 0, { Health: { Status: 'healthy' } }), db], want, ['web', 'db'], { restarts: restartsSince(start) });
    assert.equal(dbv.status === 'failed' && dbv.service, 'db');
  });
});

describe('.env and override', () => {
  test('values: bare, single-quoted, double-quoted; refused when no form carries them exactly', () => {
    assert.equal(envLine('A', 'plain-1.2'), 'A=plain-1.2');
    assert.equal(envLine('A', 'x $(id) `id`; "q"'), `A='x $(id) \`id\`; "q"'`);
    assert.equal(envLine('A', `it's "x"`), `A="it's \\"x\\""`);
    assert.throws(() => envLine('A', 'a${B}'), /expand/);
    assert.throws(() => envLine('A', `it's $x`), /refuses/);
    assert.throws(() => envLine('A', 'a\nb'), /line break/);
    assert.equal(envFile([['A', '1'], ['B', 'two words']]), "A=1\nB='two words'\n");
  });
  test("'${…}': literal in single quotes for the compose plugin (v2); refused for docker-compose v1, which expands it", () => {
    assert.equal(envLine('A', 'a${B}c', 'plugin'), "A='a${B}c'");
    assert.equal(envLine('A', 'p@${x:-y}', 'plugin'), "A='p@${x:-y}'");
    assert.throws(() => envLine('A', 'a${B}c', 'standalone'), /docker-compose v1 on the server would expand/);
    assert.throws(() => envLine('A', `it's \${B}`, 'plugin'), /refuses/);
    // No closing brace: python-dotenv leaves it, so v1 gets it too.
    assert.equal(envLine('A', 'a${b', 'standalone'), "A='a${b'");
  });
  test("what docker-compose v1 really does with .env (why '${…}' is refused for it)", { skip: hasComposeV1() ? false : 'no docker-compose v1 here' }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-envfile-'));
    try {
      const values: [string, string][] = [['B', 'bee'], ['LIT', 'x $(id) `id` $B'], ['OPEN', 'a${b'], ['Q', `it's "q"`]];
      writeFileSync(join(dir, '.env'), envFile(values) + "EXPANDED='a${B}c'\n");
      writeFileSync(join(dir, 'docker-compose.yml'), 'services:\n  x:\n    image: busybox\n    env_file: .env\n');
      const config = execFileSync('docker-compose', ['config'], { cwd: dir, env: { PATH: process.env.PATH }, encoding: 'utf8' });
      const env = (parseYaml(config) as { services: { x: { environment: Record<string, string> } } }).services.x.environment;
      // `config` prints $ as $$ (its output is compose input again).
      const unescape = (v: string) => String(v).replace(/\$\$/g, '$');
      for (const [k, v] of values) assert.equal(unescape(env[k]!), v, k);
      assert.equal(unescape(env.EXPANDED!), 'abeec', 'v1 expands ${B} even in single quotes');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test('local .env parsing', () => {
    assert.deepEqual([...parseLocalEnv(`# c\nA=1\nexport B='x y'\nC="q\\"z"\nD=v # comment\n`)], [['A', '1'], ['B', 'x y'], ['C', 'q"z'], ['D', 'v']]);
  });
  test('override pins each app service; JSON cannot be broken by a tag', () => {
    const text = overrideFile(['web', 'worker'], 'r/a:v2', 'v2');
    assert.deepEqual(JSON.parse(text.split('\n').slice(1).join('\n')), { services: { web: { image: 'r/a:v2' }, worker: { image: 'r/a:v2' } } });
  });
});
