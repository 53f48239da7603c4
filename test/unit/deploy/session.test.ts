// The deploy session and the one-shell release, run in a real sh with a stand-in `docker` that
// records its arguments (the real engine and sshd are in test/e2e/deploy*.test.ts).
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { RELEASE_EXIT, releaseInput, releaseScript, ReleaseWatch, startRelease } from '../../../src/deploy/commands/release.js';
import { deploySession, parseRolloutEnd, parseSessionState, rolloutRequest } from '../../../src/deploy/commands/session.js';
import { remoteLayout } from '../../../src/deploy/layout.js';
import { type Arg, displayStep, revealArg, sensitive } from '../../../src/exec/index.js';
import { remoteCommand } from '../../../src/exec/ssh.js';

const root = mkdtempSync(join(tmpdir(), 'slipway-session-'));
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) c.kill('SIGKILL'); // a failed test leaves its session waiting on stdin
  rmSync(root, { recursive: true, force: true });
});

/** A folder with a `docker` that logs each call (one line, args joined by |) and answers a few. */
function fakeDocker(name: string): { bin: string; log: string } {
  const bin = join(root, name, 'bin');
  mkdirSync(bin, { recursive: true });
  const log = join(root, name, 'docker.log');
  writeFileSync(
    join(bin, 'docker'),
    `#!/bin/sh
(IFS='|'; echo "$*") >> '${log}'
case "$1 $2" in
  "version --format") echo 20.10.24 ;;
  "compose version") exit 1 ;;
  "image ls") echo '{"Repository":"r/app","Tag":"v1","ID":"a"}' ;;
  "login --username") cat > '${log}.stdin'; echo 'Login Succeeded' ;;
  "image rm") [ -n "$FAIL_RM" ] && { echo "conflict: image is in use" >&2; exit 1; } ;;
esac
exit 0
`,
    { mode: 0o755 },
  );
  writeFileSync(join(bin, 'docker-compose'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  return { bin, log };
}

/** Runs the session's remote command line in sh; `talk` gets its stdout lines and writes requests. */
function session(dir: string, bin: string, stdin: string, env: Record<string, string> = {}) {
  const l = remoteLayout(dir, ['docker-compose.yml']);
  mkdirSync(l.state, { recursive: true });
  const step = deploySession(l, 'r/app', '{"by":"ann"}', stdin ? { registry: 'reg:5000', user: 'ci', password: sensitive(stdin) } : undefined);
  const child = spawn('sh', ['-c', remoteCommand(step)], { env: { PATH: `${bin}:/usr/bin:/bin`, ...env } });
  children.push(child);
  // A session that finds the lock busy exits before reading: the write then fails with EPIPE (as ssh.ts ignores it).
  child.stdin.on('error', () => {});
  child.stdin.write(revealArg(step.stdin as Arg));
  let out = '';
  let closed = false;
  const looks = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    for (const look of looks) look();
  });
  const ended = new Promise<number>((r) =>
    child.on('close', (c) => {
      closed = true;
      for (const look of looks) look();
      r(c ?? -1);
    }),
  );
  // Woken by each piece of output or the session's end, not polled: 500 polls of 10 ms were a 5 s limit,
  // short on a loaded machine. A session that says nothing more fails after a generous minute.
  const waitFor = async (text: string) => {
    await new Promise<void>((done) => {
      const bound = setTimeout(() => stop(), 60_000);
      const stop = () => {
        clearTimeout(bound);
        looks.delete(look);
        done();
      };
      const look = () => (out.includes(text) || closed) && stop();
      looks.add(look);
      look();
    });
    assert.ok(out.includes(text), `waited for ${JSON.stringify(text)}; got ${out}`);
  };
  return { l, child, step, out: () => out, waitFor, ended };
}

describe('deploy session', () => {
  test('lock, login on stdin only, state; then record, images, prune, release', async () => {
    const dir = join(root, 'app one');
    const { bin, log } = fakeDocker('one');
    const s = session(dir, bin, "pa ss'$(x)");
    await s.waitFor('---ready\n');
    assert.match(displayStep(s.step), /^printf '%s' \[REDACTED\] \| /);
    assert.doesNotMatch(remoteCommand(s.step), /pa ss/, 'the password is not on the command line');
    assert.equal(readFileSync(`${log}.stdin`, 'utf8'), "pa ss'$(x)\n");
    assert.match(readFileSync(log, 'utf8'), /^login\|--username\|ci\|--password-stdin\|--\|reg:5000$/m);
    const text = s.out();
    assert.match(text, /^locked \d+\n/);
    const state = parseSessionState(text.slice(text.indexOf('\n') + 1, text.indexOf('---ready\n')));
    // handover=yes: this kernel can hand the proxy's waiting connections over (see proxy/caddy.ts).
    const handover = existsSync('/proc/sys/net/ipv4/tcp_migrate_req') ? 'handover=yes\n' : '';
    assert.equal(state.head, `compose=standalone\ndocker=answers\noverride=no\n${handover}setup=yes\n`);
    assert.doesNotMatch(readFileSync(log, 'utf8'), /^version/m, 'no docker version: the image list tells whether docker answers');
    assert.equal(state.images, '{"Repository":"r/app","Tag":"v1","ID":"a"}\n');
    assert.equal(state.login.status, 'ok');
    assert.equal(readFileSync(join(s.l.lock, 'details.json'), 'utf8'), '{"by":"ann"}\n');
    assert.ok(!existsSync(join(s.l.lock, 'login.out')), 'no login output left behind');

    // A history line cut short by a lost connection is ended before the new one.
    writeFileSync(s.l.history, '{"tag":"v0","result":"healthy"}\n{"tag":"cut', { mode: 0o600 });
    s.child.stdin.write('record {"tag":"v1","result":"healthy"}\nimages\nrm r/app:old one\nrm r/app:$(touch pwn)\nprune\n');
    await s.waitFor('pruned\n---end\n');
    assert.equal(readFileSync(s.l.history, 'utf8'), '{"tag":"v0","result":"healthy"}\n{"tag":"cut\n{"tag":"v1","result":"healthy"}\n');
    assert.equal(statSync(s.l.history).mode & 0o777, 0o600);
    assert.match(readFileSync(log, 'utf8'), /^image\|rm\|--\|r\/app:old one\|r\/app:\$\(touch pwn\)$/m);
    assert.ok(!existsSync(join(dir, 'pwn')) && !existsSync('pwn'));
    s.child.stdin.end('release\n');
    assert.equal(await s.ended, 0);
    assert.ok(!existsSync(s.l.lock), 'released');
  });

  test('busy while held; the end of stdin (a lost connection) leaves the lock, its holder gone', async () => {
    const dir = join(root, 'app two');
    const { bin } = fakeDocker('two');
    const a = session(dir, bin, '');
    await a.waitFor('---ready\n');
    assert.match(a.out(), /---login\nnone\n---ready/);
    const b = session(dir, bin, '');
    assert.equal(await b.ended, 3);
    assert.equal(b.out(), 'busy\n');
    const holder = readFileSync(join(a.l.lock, 'holder'), 'utf8').trim();
    a.child.stdin.end();
    assert.equal(await a.ended, 0);
    assert.ok(existsSync(a.l.lock), 'stale, not released');
    assert.ok(!existsSync(`/proc/${holder}`));
  });

  test('a failed login is reported with docker\'s last lines; a failed prune too', async () => {
    const dir = join(root, 'app three');
    const { bin } = fakeDocker('three');
    writeFileSync(join(bin, 'docker'), readFileSync(join(bin, 'docker'), 'utf8').replace(`echo 'Login Succeeded' ;;`, `echo 'unauthorized: bad password' >&2; exit 1 ;;`));
    const s = session(dir, bin, 'x', { FAIL_RM: '1' });
    await s.waitFor('---ready\n');
    const text = s.out();
    assert.deepEqual(parseSessionState(text.slice(text.indexOf('\n') + 1, text.indexOf('---ready\n'))).login, { status: 'failed', text: 'unauthorized: bad password' });
    s.child.stdin.write('rm r/app:v0\nprune\n');
    await s.waitFor('---end\n');
    assert.match(s.out(), /prune-failed\nconflict: image is in use\n---end\n$/);
    s.child.stdin.end('release\n');
    await s.ended;
  });

  test('already logged in with these credentials (the app\'s config.json as docker writes it): no login; other credentials: login', async () => {
    const password = "pa ss'$(x)";
    for (const [name, saved, expectLogin] of [
      ['saved', `ci:${password}`, false],
      ['other password', 'ci:old', true],
      ['other registry', `ci:${password}`, true],
    ] as const) {
      const dir = join(root, `app saved ${name}`);
      const { bin, log } = fakeDocker(`saved-${name.replace(/ /g, '-')}`);
      const l = remoteLayout(dir, ['docker-compose.yml']);
      mkdirSync(l.dockerConfig, { recursive: true });
      const registry = name === 'other registry' ? 'elsewhere:5000' : 'reg:5000';
      const auth = Buffer.from(saved).toString('base64');
      writeFileSync(join(l.dockerConfig, 'config.json'), `{\n\t"auths": {\n\t\t"${registry}": {\n\t\t\t"auth": "${auth}"\n\t\t}\n\t}\n}`);
      const s = session(dir, bin, password);
      await s.waitFor('---ready\n');
      const text = s.out();
      assert.equal(parseSessionState(text.slice(text.indexOf('\n') + 1, text.indexOf('---ready\n'))).login.status, 'ok', name);
      assert.equal(/^login\|/m.test(readFileSync(log, 'utf8')), expectLogin, name);
      s.child.stdin.end('release\n');
      await s.ended;
    }
  });

  test('docker that does not answer is told by the image list', async () => {
    const dir = join(root, 'app unreachable');
    const { bin } = fakeDocker('unreachable');
    writeFileSync(join(bin, 'docker'), readFileSync(join(bin, 'docker'), 'utf8').replace(`"image ls") echo '{"Repository":"r/app","Tag":"v1","ID":"a"}' ;;`, `"image ls") echo 'Cannot connect to the Docker daemon' >&2; exit 1 ;;`));
    const s = session(dir, bin, '');
    await s.waitFor('---ready\n');
    const text = s.out();
    const state = parseSessionState(text.slice(text.indexOf('\n') + 1, text.indexOf('---ready\n')));
    assert.match(state.head, /^docker=unreachable$/m);
    assert.equal(state.images, '');
    s.child.stdin.end('release\n');
    await s.ended;
  });

  test('a release in the session: files from stdin, reports paced by slipway\'s answers, then the session goes on', async () => {
    const dir = join(root, 'app rollout');
    const { bin, log } = fakeDocker('rollout');
    // A docker whose `ps` names one container and whose inspect reports it running.
    writeFileSync(
      join(bin, 'docker'),
      readFileSync(join(bin, 'docker'), 'utf8').replace('case "$1 $2" in', `case "$1 $2" in\n  "ps -a") echo c0ffee ;;\n  "inspect --format") echo 'running - c0ffee {"Id":"c0ffee"}' ;;`),
    );
    const s = session(dir, bin, '');
    await s.waitFor('---ready\n');
    const l = s.l;
    writeFileSync(l.composeFiles[0]!, 'old\n');
    const files = [{ path: l.composeFiles[0]!, content: 'new\n', mode: '644' }, { path: l.env, content: sensitive("A='$(id)'\n"), mode: '600' }];
    const script = releaseScript({ layout: l, files, pull: { argv: ['sh', '-c', 'echo pulled >> "$1"', 'sh', join(dir, 'pulls')] }, up: { argv: ['docker', 'up', 'it'] }, project: 'p', ref: 'r/app:v2', seconds: 30 }, true);
    s.child.stdin.write(rolloutRequest(script) + revealArg(releaseInput(files)));
    await s.waitFor('---end\n');
    assert.equal(readFileSync(l.composeFiles[0]!, 'utf8'), 'new\n');
    assert.equal(readFileSync(l.env, 'utf8'), "A='$(id)'\n");
    // It waits for the answer: one report only until "next".
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(s.out().split('---end\n').length - 1, 1);
    s.child.stdin.write('next\n');
    await s.waitFor('---end\n---poll');
    s.child.stdin.write('stop\n');
    await s.waitFor('---done\n');
    assert.match(s.out(), /---exit 0\n---done\n$/);
    assert.match(s.out(), /^running - c0ffee \{"Id":"c0ffee"\}$/m);
    assert.match(readFileSync(log, 'utf8'), /^up\|it$/m);
    // The session still answers: nothing of its stdin was eaten by the release.
    s.child.stdin.write('record {"tag":"v2"}\n');
    await s.waitFor('recorded\n---end\n');
    s.child.stdin.end('release\n');
    assert.equal(await s.ended, 0);
  });

  test('a release in the session whose pull fails: exit 91 and its words, staged files gone, the session goes on', async () => {
    const dir = join(root, 'app rollout pull');
    const { bin, log } = fakeDocker('rollout-pull');
    const s = session(dir, bin, '');
    await s.waitFor('---ready\n');
    const l = s.l;
    const files = [{ path: l.composeFiles[0]!, content: 'new\n', mode: '644' }];
    const script = releaseScript({ layout: l, files, pull: { argv: ['sh', '-c', 'echo "manifest unknown" >&2; exit 1'] }, up: { argv: ['docker', 'up', 'it'] }, project: 'p', ref: 'r/app:v2', seconds: 30 }, true);
    s.child.stdin.write(rolloutRequest(script) + revealArg(releaseInput(files)));
    await s.waitFor('---done\n');
    const answer = s.out().slice(s.out().indexOf('---ready\n'), s.out().indexOf('---done\n')); // as ask() returns it
    assert.deepEqual(parseRolloutEnd(answer), { code: RELEASE_EXIT.pull, stderr: 'manifest unknown' });
    assert.ok(!existsSync(`${l.composeFiles[0]}.slipway-new`));
    assert.doesNotMatch(readFileSync(log, 'utf8'), /^up\|/m);
    s.child.stdin.write('images\n');
    await s.waitFor('"Tag":"v1","ID":"a"}\n---end\n');
    s.child.stdin.end('release\n');
    assert.equal(await s.ended, 0);
  });

  test('not set up: says so and takes nothing', () => {
    const l = remoteLayout(join(root, 'nowhere'), ['docker-compose.yml']);
    const step = deploySession(l, 'r/app', '{}');
    let code = 0;
    let out = '';
    try {
      execFileSync('sh', ['-c', remoteCommand(step)], { input: '{}\n' });
    } catch (e: any) {
      code = e.status;
      out = String(e.stdout);
    }
    assert.deepEqual([code, out], [4, 'nosetup\n']);
    assert.ok(!existsSync(l.state));
  });

  test('a password with a line break is refused before anything runs', () => {
    assert.throws(() => deploySession(remoteLayout('/a', ['c.yml']), 'r', '{}', { registry: 'r', user: 'u', password: sensitive('a\nb') }), /line break/);
  });
});

describe('a release in one shell', () => {
  const layout = (dir: string) => remoteLayout(dir, ['docker-compose.yml']);
  const run = (dir: string, bin: string, pullFails = false) => {
    const l = layout(dir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'docker-compose.yml'), 'old\n');
    const step = startRelease({
      layout: l,
      files: [
        { path: l.composeFiles[0]!, content: 'new\n', mode: '644' },
        { path: l.env, content: sensitive("A='$(id)'\n"), mode: '600' },
      ],
      pull: { argv: ['sh', '-c', pullFails ? 'echo "manifest unknown" >&2; exit 1' : 'echo pulled >> "$1"', 'sh', join(dir, 'pulls')] },
      up: { argv: ['docker', 'up', 'it'] },
      project: "my'app",
      ref: 'r/app:v2',
      seconds: 1,
    });
    const r = (() => {
      try {
        return { code: 0, out: execFileSync('sh', ['-c', remoteCommand(step)], { env: { PATH: `${bin}:/usr/bin:/bin` }, input: (step.stdin as { reveal(): string }).reveal() }).toString() };
      } catch (e: any) {
        return { code: e.status as number, out: String(e.stdout) };
      }
    })();
    return { l, step, ...r };
  };

  test('stages, pulls, commits, starts, then reports until its time is over', () => {
    const dir = join(root, 'rel ok');
    const { bin, log } = fakeDocker('rel-ok');
    const { l, step, code, out } = run(dir, bin);
    assert.equal(code, 0, out);
    assert.match(displayStep(step), /^printf '%s' \[REDACTED\] \| /);
    assert.equal(readFileSync(l.composeFiles[0]!, 'utf8'), 'new\n');
    assert.equal(readFileSync(l.env, 'utf8'), "A='$(id)'\n");
    assert.equal(statSync(l.env).mode & 0o777, 0o600);
    assert.equal(readFileSync(join(dir, 'pulls'), 'utf8'), 'pulled\n');
    const calls = readFileSync(log, 'utf8');
    assert.match(calls, /^up\|it\n/);
    assert.match(calls, /^ps\|-a\|-q\|--no-trunc\|--filter\|label=com\.docker\.compose\.project=my'app$/m);
    // The watcher sees the start and one report per poll.
    const w = new ReleaseWatch('r/app');
    const frames = out.split('\n').map((x) => w.line(x)).filter((f) => f !== undefined);
    assert.ok(w.starting && w.started);
    assert.ok(Math.abs(w.startedOnServer! - Date.now()) < 60_000, 'the script says when it started, by the server clock');
    assert.ok(frames.length >= 1, out);
    assert.equal(frames[0]!.inspect, '[]');
    assert.equal(frames[0]!.probed.size, 0);
  });

  test('a failed pull removes the staged files and changes nothing', () => {
    const dir = join(root, 'rel pull');
    const { bin, log } = fakeDocker('rel-pull');
    const { l, code } = run(dir, bin, true);
    assert.equal(code, RELEASE_EXIT.pull);
    assert.equal(readFileSync(l.composeFiles[0]!, 'utf8'), 'old\n');
    assert.ok(!existsSync(`${l.composeFiles[0]}.slipway-new`) && !existsSync(`${l.env}.slipway-new`) && !existsSync(l.env));
    assert.ok(!existsSync(log), 'compose up never ran');
  });

  test('the watcher: digest after the start, one report per poll', () => {
    const w = new ReleaseWatch('r/app');
    assert.equal(w.line('---started'), undefined);
    assert.equal(w.line('["r/app@sha256:abc"]'), undefined);
    assert.equal(w.digest, 'sha256:abc');
    assert.equal(w.line('---poll'), undefined);
    assert.equal(w.line('running starting abc1 {"Id":"abc1","State":{"Status":"running"}}'), undefined);
    assert.equal(w.line('exited - def2 {"Id":"def2","Name":"x y"}'), undefined);
    assert.equal(w.line('---probe-ok abc1'), undefined);
    const frame = w.line('---end');
    assert.ok(frame);
    assert.deepEqual(JSON.parse(frame.inspect).map((c: { Id: string }) => c.Id), ['abc1', 'def2']);
    assert.deepEqual([...frame.probed], ['abc1']);
    // The release's start by the server's clock (restartsSince); without a time, none is known.
    const timed = new ReleaseWatch('r/app');
    timed.line('---starting 1764619200');
    assert.deepEqual([timed.starting, timed.startedOnServer], [true, 1764619200_000]);
    const untimed = new ReleaseWatch('r/app');
    untimed.line('---starting');
    assert.deepEqual([untimed.starting, untimed.startedOnServer], [true, undefined]);
    // A docker that printed no digest line: the report right after the start still counts.
    const quiet = new ReleaseWatch('r/app');
    quiet.line('---started');
    quiet.line('---poll');
    assert.deepEqual(quiet.line('---end'), { inspect: '[]', probed: new Set() });
    assert.equal(quiet.digest, undefined);
    // The next report starts afresh.
    w.line('---poll');
    assert.deepEqual(w.line('---end'), { inspect: '[]', probed: new Set() });
  });
});
