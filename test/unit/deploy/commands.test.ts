// The remote commands, joined as the server's shell receives them (after Kamal's test/commands).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import * as dk from '../../../src/deploy/commands/docker.js';
import { makeDirs, writeFile } from '../../../src/deploy/commands/files.js';
import { appendHistory, parseHistory } from '../../../src/deploy/commands/history.js';
import { breakLock, parseLockStatus, releaseLock } from '../../../src/deploy/commands/lock.js';
import { commitAndRun, splitPoll, uploadStaged } from '../../../src/deploy/commands/release.js';
import { remoteLayout } from '../../../src/deploy/layout.js';
import { displayStep, joinShell, sensitive } from '../../../src/exec/index.js';
import { remoteCommand } from '../../../src/exec/ssh.js';

const l = remoteLayout('/srv/my app', ['docker-compose.yml']);
const t = { kind: 'standalone' as const, project: 'shop', layout: l };

describe('remote layout', () => {
  test('the override is the name compose loads by itself', () => {
    assert.equal(l.override, '/srv/my app/docker-compose.override.yml');
    assert.equal(remoteLayout('/a', ['compose.yaml']).override, '/a/compose.override.yaml');
    assert.equal(l.lock, '/srv/my app/.slipway/lock');
    assert.equal(l.dockerConfig, '/srv/my app/.slipway/docker');
  });
});

describe('compose commands', () => {
  test('v1 binary, with the app DOCKER_CONFIG, project and files', () => {
    assert.equal(
      remoteCommand(dk.composeUp(t)),
      "env 'DOCKER_CONFIG=/srv/my app/.slipway/docker' docker-compose -p shop --project-directory '/srv/my app' -f '/srv/my app/docker-compose.yml' -f '/srv/my app/docker-compose.override.yml' up -d --remove-orphans",
    );
  });
  test('the plugin, staged files, pull', () => {
    assert.equal(
      joinShell(dk.composePull({ ...t, kind: 'plugin', staged: true }).argv),
      "docker compose -p shop --project-directory '/srv/my app' -f '/srv/my app/docker-compose.yml.slipway-new' -f '/srv/my app/docker-compose.override.yml.slipway-new' pull --quiet",
    );
  });
  test('no override before the first release', () => {
    assert.doesNotMatch(joinShell(dk.composeLogs({ ...t, noOverride: true }, { tail: 5 }).argv), /override/);
  });
  test('logs and exec keep every argument one word', () => {
    assert.match(joinShell(dk.composeLogs(t, { follow: true, tail: 10, services: ['web'] }).argv), / logs --no-color --follow --tail 10 web$/);
    assert.match(joinShell(dk.composeExec(t, 'web', ['sh', '-c', 'echo $(id); x']).argv), /exec -T web sh -c 'echo \$\(id\); x'$/);
  });
  test('login: the password only on stdin', () => {
    const step = dk.login(l, '127.0.0.1:5000', 'ci', sensitive('hunter2'));
    assert.deepEqual(step.argv, ['docker', 'login', '--username', 'ci', '--password-stdin', '--', '127.0.0.1:5000']);
    assert.doesNotMatch(displayStep(step), /hunter2/);
    assert.match(displayStep(step), /\[REDACTED\]/);
  });
  test('detecting the kind never starts docker-compose v1 (slow); the versions script does', () => {
    const bin = execFileSync('mktemp', ['-d']).toString().trim();
    const marker = `${bin}/compose-ran`;
    writeFileSync(`${bin}/docker`, '#!/bin/sh\n[ "$1" = version ] && { echo 20.10.24; exit 0; }\nexit 1\n', { mode: 0o755 });
    writeFileSync(`${bin}/docker-compose`, `#!/bin/sh\ntouch '${marker}'\necho 1.29.2\n`, { mode: 0o755 });
    const env = { PATH: `${bin}:/usr/bin:/bin` };
    assert.equal(execFileSync('sh', ['-c', dk.DETECT_KIND], { env }).toString(), 'docker=20.10.24\ncompose=standalone\n');
    assert.equal(existsSync(marker), false);
    assert.deepEqual(dk.parseDetect(execFileSync('sh', ['-c', dk.DETECT], { env }).toString()), { docker: '20.10.24', compose: 'standalone', composeVersion: '1.29.2' });
    execFileSync('rm', ['-rf', bin]);
  });
  test('detect parses both kinds', () => {
    assert.deepEqual(dk.parseDetect('docker=20.10.24\ncompose=standalone 1.29.2\n'), { docker: '20.10.24', compose: 'standalone', composeVersion: '1.29.2' });
    assert.equal(dk.parseDetect('docker=24.0.1\ncompose=plugin 2.20.0\n').compose, 'plugin');
    assert.equal(dk.parseDetect('docker=missing\n').compose, 'missing');
  });
});

describe('files', () => {
  test('the script is constant; the path is a parameter', () => {
    const step = writeFile("/srv/x'; rm -rf /; '", 'content', '600');
    assert.equal(step.argv[2], 'umask 077 && t="$1.slipway-tmp.$$" && cat > "$t" && chmod "$2" "$t" && mv -f "$t" "$1" || { rm -f "$t"; exit 1; }');
    assert.deepEqual(step.argv.slice(3), ['sh', "/srv/x'; rm -rf /; '", '600']);
  });
  test('makeDirs creates data/ and a private .slipway/', () => {
    assert.equal(joinShell(makeDirs(l).argv).split("' sh ")[1], "'/srv/my app' '/srv/my app/data' '/srv/my app/.slipway' '/srv/my app/.slipway/docker'");
  });
  test('uploadStaged: secret stdin when one file is secret; real sh decodes it exactly', () => {
    const dir = execFileSync('mktemp', ['-d']).toString().trim();
    const env = "A='x $(id) `id`; y'\n";
    const step = uploadStaged([
      { path: `${dir}/c d.yml`, content: 'services: {}\n', mode: '644' },
      { path: `${dir}/.env`, content: sensitive(env), mode: '600' },
    ]);
    assert.match(displayStep(step), /^printf '%s' \[REDACTED\] \| /);
    execFileSync(String(step.argv[0]), step.argv.slice(1).map(String), { input: (step.stdin as any).reveal() });
    assert.equal(execFileSync('cat', [`${dir}/.env.slipway-new`]).toString(), env);
    assert.equal(execFileSync('stat', ['-c', '%a', `${dir}/.env.slipway-new`]).toString().trim(), '600');
    const up = commitAndRun([`${dir}/c d.yml`, `${dir}/.env`], { argv: ['true'] });
    execFileSync(String(up.argv[0]), up.argv.slice(1).map(String));
    assert.equal(execFileSync('cat', [`${dir}/c d.yml`]).toString(), 'services: {}\n');
    execFileSync('rm', ['-rf', dir]);
  });
});

describe('lock', () => {
  test('release, break: constant scripts, paths as parameters', () => {
    assert.deepEqual(releaseLock(l.lock, '42').argv.slice(3), ['sh', '/srv/my app/.slipway/lock', '42']);
    assert.deepEqual(breakLock(l.lock, '42').argv.slice(3), ['sh', '/srv/my app/.slipway/lock', '42']);
  });
  test('status', () => {
    assert.deepEqual(parseLockStatus('none\n'), { state: 'none' });
    const s = parseLockStatus('stale 123\n{"by":"ann@laptop","command":"deploy","tag":"sha-1234567"}\n');
    assert.equal(s.state, 'stale');
    assert.equal((s as { details: { by?: string } }).details.by, 'ann@laptop');
  });
});

describe('history', () => {
  test('append is one JSON line per entry on stdin; parse skips a cut line', () => {
    const e = { time: 't', action: 'deploy' as const, tag: 'v1', image: 'r/a', by: 'me', result: 'healthy' as const };
    const step = appendHistory('/h', [e]);
    assert.equal(step.stdin, `${JSON.stringify(e)}\n`);
    assert.deepEqual(parseHistory(`${JSON.stringify(e)}\n{"time":"x","tag":"v2","res`), [e]);
  });
  test('poll output: digest line then inspect', () => {
    assert.deepEqual(splitPoll('["r/a@sha256:abc"]\n[]', 'r/a'), { digest: 'sha256:abc', inspect: '[]' });
    assert.deepEqual(splitPoll('null\n[]', 'r/a'), { inspect: '[]' });
  });
});

describe('logs --since on docker-compose v1', () => {
  test("each container's docker logs, prefixed with its name; only the services asked for; values stay data", () => {
    const bin = execFileSync('mktemp', ['-d']).toString().trim();
    writeFileSync(
      `${bin}/docker`,
      `#!/bin/sh
case "$1" in
  ps) echo aaa; echo bbb ;;
  inspect) case "$3$5" in *service*aaa) echo web ;; *service*bbb) echo worker ;; *Name*aaa) echo /shop_web_1 ;; *) echo /shop_worker_1 ;; esac ;;
  logs) shift; echo "args: $*"; echo second ;;
esac
`,
      { mode: 0o755 },
    );
    const step = dk.projectLogs(l, "shop'; touch pwn", { since: '10m', tail: 5, services: ['web'] });
    const out = execFileSync('sh', ['-c', remoteCommand(step)], { env: { PATH: `${bin}:/usr/bin:/bin` }, cwd: bin }).toString();
    assert.equal(out, 'shop_web_1 | args: --tail 5 --since 10m -- aaa\nshop_web_1 | second\n');
    assert.equal(existsSync(`${bin}/pwn`), false);
    const all = execFileSync('sh', ['-c', remoteCommand(dk.projectLogs(l, 'shop', { since: '1h' }))], { env: { PATH: `${bin}:/usr/bin:/bin` } }).toString();
    assert.deepEqual(all.split('\n').filter(Boolean).sort(), ['shop_web_1 | args: --since 1h -- aaa', 'shop_web_1 | second', 'shop_worker_1 | args: --since 1h -- bbb', 'shop_worker_1 | second']);
    execFileSync('rm', ['-rf', bin]);
  });
});
