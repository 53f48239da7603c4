// ShellCheck on every RUN, with the real shellcheck binary (scripts/test-env.sh installs Debian's).
// The batched run must find what shellcheck run by hand on each extracted RUN script finds, at the
// same text in the Dockerfile; pragmas and config apply by SC code; a missing binary is one note.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';
import { shellcheckDockerfiles, shellcheckFile, shellcheckQueue } from '../../src/engine/shellcheck/run.js';
import { knownFalse } from '../../src/engine/shellcheck/known-false.js';
import { makeScratchDir, scratchBase } from '../../src/engine/shellcheck/scratch-dir.js';
import { DEFAULT_OFF_CODES, DROPPED_CODES, fileOffset, runScripts } from '../../src/engine/shellcheck/scripts.js';
import { findSuppressions, isSuppressed } from '../../src/engine/suppressions.js';
import { parseDockerfile } from '../../src/parse/dockerfile/parse.js';

const FIXTURES = new URL('../fixtures/shellcheck/', import.meta.url).pathname;
const installed = spawnSync('shellcheck', ['--version']).status === 0;
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'slipway-sc-test-'));
  dirs.push(d);
  return d;
};

const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.Dockerfile'))
  .map((f) => parseDockerfile(readFileSync(join(FIXTURES, f), 'utf8'), f));

const key = (f: { rule: string; line: number; column: number; endLine: number; endColumn: number }) =>
  `${f.rule}@${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;

describe('shellcheck on RUN', () => {
  it('shellcheck is installed (scripts/test-env.sh PACKAGES has it)', async () => {
    assert.ok(installed, 'shellcheck is not on PATH: apt-get install shellcheck (scripts/test-env.sh installs it)');
  });

  it('finds what shellcheck run by hand on each extracted script finds, in one process, at the same text', async () => {
    const batched = await shellcheckDockerfiles(fixtures, { binary: null, overrides: {} });
    assert.equal(batched.note, null);
    assert.equal(batched.processes, 1, 'one shellcheck process for every RUN of every file');
    const byHand: string[] = [];
    const dir = tmp();
    for (const df of fixtures) {
      const suppressions = findSuppressions(df);
      for (const script of runScripts(df)) {
        const file = join(dir, 'one.sh');
        writeFileSync(file, script.text);
        const exclude = [...DROPPED_CODES, ...DEFAULT_OFF_CODES].join(',');
        const res = spawnSync('shellcheck', ['--format=json1', '--norc', `--exclude=${exclude}`, file], { encoding: 'utf8' });
        for (const c of JSON.parse(res.stdout).comments as { line: number; column: number; endLine: number; endColumn: number; code: number }[]) {
          const start = fileOffset(script, c.line, c.column);
          const end = fileOffset(script, c.endLine, c.endColumn);
          assert.ok(start !== null && end !== null, `SC${c.code} falls in the header slipway wrote`);
          // The Dockerfile text at the mapped place is the script text ShellCheck pointed at.
          const lines = script.text.split('\n');
          const scriptText =
            c.line === c.endLine
              ? [...lines[c.line - 1]!].slice(c.column - 1, c.endColumn - 1).join('')
              : [...lines[c.line - 1]!].slice(c.column - 1).join('');
          const fileText = df.text.slice(start, c.line === c.endLine ? end : df.text.indexOf('\n', start));
          assert.equal(fileText, scriptText, `${df.path}: SC${c.code} maps onto other text`);
          const from = df.lines.positionAt(start);
          const to = df.lines.positionAt(end);
          const rule = `SC${c.code}`;
          if (isSuppressed(suppressions, [rule], from.line)) continue;
          if (knownFalse(c.code, script, df.text, start, end)) continue;
          byHand.push(`${df.path} ${key({ rule, line: from.line, column: from.column, endLine: to.line, endColumn: to.column })}`);
        }
      }
    }
    assert.ok(byHand.length >= 10, `the fixtures should give ShellCheck something to find (got ${byHand.length})`);
    assert.deepEqual(batched.findings.map((f) => `${f.file} ${key(f)}`).sort(), byHand.sort());
  });

  it('reads RUN like Docker: continuations, heredocs, ONBUILD, the SHELL in effect; skips PowerShell and other languages', async () => {
    const { findings } = await shellcheckDockerfiles(fixtures, { binary: null, overrides: {} });
    const at = (file: string) => findings.filter((f) => f.file === file).map((f) => `${f.rule} ${f.line}:${f.column}`);
    // `$f` on the tab-indented continuation line 17.
    assert.ok(at('node-multistage.Dockerfile').includes('SC2086 17:33'));
    // `$undefined_here` after a continuation; `$TARGETARCH` is no ARG of the stage; the ignored SC2046 of line 7 is gone.
    assert.deepEqual(at('go-alpine.Dockerfile').sort(), ['SC2086 8:22', 'SC2086 9:13', 'SC2086 9:50', 'SC2154 9:50'].sort());
    const py = at('python-heredoc.Dockerfile');
    assert.ok(py.includes('SC2068 22:73'), 'bash arrays are fine under SHELL bash; unquoted expansion is not');
    assert.ok(py.includes('SC2006 25:61'), 'ONBUILD RUN is checked');
    assert.ok(!py.some((f) => /^SC\d+ (1[1-3]):/.test(f)), 'a python heredoc is not shell');
    assert.ok(!py.some((f) => / 8:/.test(f)), 'an ARG of the stage is exported, not unassigned');
    assert.deepEqual(at('windows.Dockerfile'), []);
  });

  it('the shell of the base image: busybox ash (Alpine, busybox) has [[ ]], echo -e, source; Debian\'s dash does not', async () => {
    const run = 'RUN echo -e "a\\tb" > /x && [[ -f /x ]] && source /x && echo -E no\n';
    const codes = async (from: string, shell = '') =>
      (await shellcheckDockerfiles([parseDockerfile(`FROM ${from}\n${shell}${run}`, 'Dockerfile')], { binary: null, overrides: {} }))
        .findings.map((f) => `${f.rule} ${f.column}`)
        .sort();
    const posix = ['SC3010 28', 'SC3037 10', 'SC3037 61', 'SC3046 43'];
    assert.deepEqual(await codes('debian:12-slim'), posix);
    // busybox's echo has -e but not -E: that one stays.
    assert.deepEqual(await codes('alpine:3.20'), ['SC3037 61']);
    assert.deepEqual(await codes('python:3.12-alpine3.20'), ['SC3037 61']);
    assert.deepEqual(await codes('busybox:1.36'), ['SC3037 61']);
    // A stage FROM an Alpine stage is Alpine too; a SHELL of bash is checked as bash.
    assert.deepEqual(
      (await shellcheckDockerfiles([parseDockerfile(`FROM alpine:3.20 AS base\nFROM base\n${run}`, 'Dockerfile')], { binary: null, overrides: {} })).findings.map((f) => f.rule),
      ['SC3037'],
    );
    assert.deepEqual(await codes('alpine:3.20', 'SHELL ["/bin/bash", "-c"]\n'), []);
    // Without FROM, the SHELL above still counts: PowerShell is not given to ShellCheck.
    const noFrom = async (shell: string) =>
      (await shellcheckDockerfiles([parseDockerfile(`${shell}RUN echo -e "$(Get-Date)" \`\n`, 'Dockerfile')], { binary: null, overrides: {} })).findings.length;
    assert.ok((await noFrom('')) > 0);
    assert.equal(await noFrom('SHELL ["powershell", "-Command"]\n'), 0);
  });

  it("an assignment before a special built-in persists in sh (`buildDeps='…' set -x`): not SC2154 there; bash does not keep it", async () => {
    const run = "RUN buildDeps='gcc make' set -x \\\n\t&& apt-get install -y $buildDeps \\\n\t&& echo $neverSet\n";
    const codes = async (shell: string) =>
      (await shellcheckDockerfiles([parseDockerfile(`FROM debian:12-slim\n${shell}${run}`, 'Dockerfile')], { binary: null, overrides: {} }))
        .findings.filter((f) => f.rule === 'SC2154')
        .map((f) => `${f.line}:${f.column}`);
    assert.deepEqual(await codes(''), ['4:10']);
    assert.deepEqual(await codes('SHELL ["/bin/bash", "-c"]\n'), ['4:24', '5:10']);
  });

  it('the header exports only the ARG/ENV names a script mentions; ShellCheck finds the same as with every name exported', async () => {
    const text = 'FROM debian:12-slim\nARG UNUSED_ONE\nENV USED=1 OTHER=2\nRUN echo $USED $missing && echo "${http_proxy:-x}" && cd $(pwd)\nRUN ls\n';
    const df = parseDockerfile(text, 'Dockerfile');
    const [first, second] = runScripts(df);
    assert.deepEqual(first!.text.split('\n').slice(0, first!.headerLines), ['#!/bin/sh', 'export USED=1', 'export http_proxy=1']); // in order of first use
    assert.deepEqual(second!.text, '#!/bin/sh\nls');
    // Against ShellCheck by hand on the script with every name exported (the header before the trim).
    const every = ['#!/bin/sh', ...['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'UNUSED_ONE', 'USED', 'OTHER'].map((n) => `export ${n}=1`)];
    const file = join(tmp(), 'every.sh');
    writeFileSync(file, [...every, first!.body].join('\n'));
    const res = spawnSync('shellcheck', ['--format=json1', '--norc', `--exclude=${[...DROPPED_CODES, ...DEFAULT_OFF_CODES].join(',')}`, file], { encoding: 'utf8' });
    const byHand = (JSON.parse(res.stdout).comments as { line: number; column: number; code: number }[]).map((c) => `SC${c.code}@${c.line - every.length + 3}:${c.column + 'RUN '.length}`); // the RUN is line 4, one line
    const batched = (await shellcheckDockerfiles([df], { binary: null, overrides: {} })).findings.map((f) => `${f.rule}@${f.line}:${f.column}`);
    assert.ok(byHand.includes('SC2154@4:16'), byHand.join(' ')); // $missing: the findings are not empty
    assert.deepEqual(batched.sort(), byHand.sort());
  });

  it('SC2154 after a sourced file in the same RUN is not reported (its names are unknown); an earlier RUN sets nothing now', async () => {
    const sc2154 = async (runs: string) =>
      (await shellcheckDockerfiles([parseDockerfile(`FROM alpine:3.20\n${runs}`, 'Dockerfile')], { binary: null, overrides: {} }))
        .findings.filter((f) => f.rule === 'SC2154')
        .map((f) => `${f.line}:${f.column}`);
    // nginx's modules image: the APKBUILD is made by `make` inside the image.
    assert.deepEqual(await sc2154('RUN for module in a b; do \\\n      apk add $(. ./abuild-module-$module/APKBUILD; echo $makedepends;); \\\n    done\n'), []);
    assert.deepEqual(await sc2154('RUN source /opt/env.sh && echo "$app_home"\n'), []);
    // Used before the source: still unassigned there.
    assert.deepEqual(await sc2154('RUN echo "$early" && . /opt/env.sh && echo "$late"\n'), ['2:11']);
    // Sourced by an earlier RUN: a new shell, the name is unset.
    assert.deepEqual(await sc2154('RUN . /opt/env.sh\nRUN echo "$app_home"\n'), ['3:11']);
  });

  it('SC3037 is not reported for /bin/echo -e (a program, not the shell builtin: coreutils and BusyBox echo take -e)', async () => {
    const sc3037 = async (run: string) =>
      (await shellcheckDockerfiles([parseDockerfile(`FROM debian:12-slim\n${run}`, 'Dockerfile')], { binary: null, overrides: {} }))
        .findings.filter((f) => f.rule === 'SC3037')
        .map((f) => `${f.line}:${f.column}`);
    // jessfraz/chromium: `&& /bin/echo -e 'export A=1\nexport B=2' > /etc/chromium.d/keys`.
    assert.deepEqual(await sc3037("RUN mkdir -p /etc/x && /bin/echo -e 'a\\nb' > /etc/x/keys && /usr/bin/echo -n x\n"), []);
    assert.deepEqual(await sc3037("RUN /bin/echo -e a && echo -e 'a\\nb'\n"), ['2:28']);
  });

  it('`chmod =2775 dir` sets a mode (devcontainers/images miniconda): not SC2283; `echo =x` still is', async () => {
    const text = 'FROM debian:12-slim\nRUN chmod =2775 /opt/conda && (chmod =rwx /srv)\nRUN echo =x\n';
    const found = (await shellcheckDockerfiles([parseDockerfile(text, 'Dockerfile')], { binary: null, overrides: {} })).findings
      .filter((f) => f.rule === 'SC2283')
      .map((f) => `${f.line}:${f.column}`);
    assert.deepEqual(found, ['3:10']);
  });

  it('off unless config gives them a level: what ShellCheck 0.11 (hadolint\'s) dropped, and codes deliberate in Dockerfiles', async () => {
    const df = parseDockerfile(
      'FROM debian:12-slim\nRUN cat /etc/os-release | grep -q bookworm && [ /a -nt /b ]\n' +
        'RUN A= B= && make -j$(nproc) "$A$B" && for k in ONE_KEY; do echo "$k"; done\n',
      'Dockerfile',
    );
    assert.deepEqual((await shellcheckDockerfiles([df], { binary: null, overrides: {} })).findings.map((f) => f.rule), []);
    const levels = { SC2002: 'warning', sc3013: 'info', SC2046: 'warning', SC2043: 'warning', SC1007: 'error' } as const;
    const on = (await shellcheckDockerfiles([df], { binary: null, overrides: levels })).findings;
    assert.deepEqual(on.map((f) => `${f.rule} ${f.severity}`).sort(), ['SC1007 error', 'SC2002 warning', 'SC2043 warning', 'SC2046 warning', 'SC3013 info']);
  });

  it('SC codes are rule ids: config turns one off or changes its level, `shellcheck: off` turns all off', async () => {
    const off = await shellcheckDockerfiles(fixtures, { binary: null, overrides: { sc2086: 'off', SC2154: 'error' } });
    assert.ok(!off.findings.some((f) => f.rule === 'SC2086'));
    assert.ok(off.findings.filter((f) => f.rule === 'SC2154').every((f) => f.severity === 'error'));
    assert.deepEqual(await shellcheckDockerfiles(fixtures, { binary: null, overrides: { shellcheck: 'off' } }), { findings: [], note: null, scripts: 0, cached: 0, processes: 0 });
    // check builds no scripts for a queue that takes none (`--ignore shellcheck`, any case).
    assert.equal(shellcheckQueue({ binary: null, overrides: { ShellCheck: 'off' } }, 0).wanted, false);
    assert.equal(shellcheckQueue({ binary: null, overrides: { sc2086: 'off' } }, 0).wanted, true);
  });

  it('a missing shellcheck is one note, never findings or a failure', async () => {
    const r = await shellcheckDockerfiles(fixtures, { binary: '/nonexistent/shellcheck', overrides: {} });
    assert.deepEqual(r.findings, []);
    assert.match(r.note ?? '', /shellcheck not found at '\/nonexistent\/shellcheck'.*not checked by ShellCheck/);
  });
});

describe('slipway check with ShellCheck', () => {
  async function run(argv: string[], cwd: string) {
    let stdout = '';
    let stderr = '';
    const code = await main(argv, { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false, env: {}, readStdin: async () => '' });
    return { code, stdout, stderr };
  }
  const project = (files: Record<string, string>) => {
    const dir = tmp();
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  };
  const DF = 'FROM alpine:3.20\n# hadolint ignore=SC2154\nRUN echo $a\nRUN echo $b\n';

  it('reports SC findings with hadolint pragmas applied', async () => {
    const { stdout } = await run(['check', '--format', 'json', 'Dockerfile'], project({ Dockerfile: DF }));
    const sc = JSON.parse(stdout).findings.filter((f: { rule: string }) => f.rule.startsWith('SC')).map((f: { rule: string; line: number }) => `${f.rule}:${f.line}`);
    assert.deepEqual(sc.sort(), ['SC2086:3', 'SC2086:4', 'SC2154:4']);
  });

  it('SARIF describes each SC code with its ShellCheck page', async () => {
    const { stdout } = await run(['check', '--format', 'sarif', 'Dockerfile'], project({ Dockerfile: DF }));
    const rules = JSON.parse(stdout).runs[0].tool.driver.rules as { id: string; helpUri: string }[];
    assert.equal(rules.find((r) => r.id === 'SC2086')?.helpUri, 'https://www.shellcheck.net/wiki/SC2086');
  });

  it('.hadolint.yaml ignored SC codes apply', async () => {
    const { stdout } = await run(['check', '--format', 'json', 'Dockerfile'], project({ Dockerfile: DF, '.hadolint.yaml': 'ignored: [SC2086]\n' }));
    const sc = JSON.parse(stdout).findings.filter((f: { rule: string }) => f.rule.startsWith('SC')).map((f: { rule: string }) => f.rule);
    assert.deepEqual(sc, ['SC2154']);
  });

  it('without shellcheck: one info line on stderr, the exit code of the other findings', async () => {
    const dir = project({ Dockerfile: 'FROM alpine:3.20\nRUN echo $b\n', '.slipway.yaml': 'shellcheck: /nonexistent/bin/shellcheck\nrules: { healthcheck-missing: off, non-root-user: off, dockerignore-missing: off }\n' });
    const r = await run(['check', 'Dockerfile'], dir);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /^slipway: info: shellcheck not found/);
  });

  it('the note naming a script left out is escaped for the terminal (a hostile folder name)', async () => {
    const dir = project({ ['a\u001b[31mred\u001b]0;title\u0007/Dockerfile']: `FROM alpine:3\nRUN echo ${'$A '.repeat(1100)}\n` });
    const r = await run(['check', '.', '--format', 'json'], dir);
    assert.match(r.stderr, /findings are missing: a\\x1b\[31mred\\x1b\]0;title\\x07\/Dockerfile:2/);
    assert.doesNotMatch(r.stderr, /[\u0000-\u0009\u000b-\u001f]/);
  });

  it('a project cannot name its own program as shellcheck', async () => {
    for (const value of ['./tools/shellcheck', '/usr/bin/python3']) {
      const r = await run(['check', 'Dockerfile'], project({ Dockerfile: DF, '.slipway.yaml': `shellcheck: ${value}\n` }));
      assert.equal(r.code, 2);
      assert.match(r.stderr, /\.slipway\.yaml:1:\d+.*'shellcheck'/);
    }
    const dir = project({ Dockerfile: DF });
    writeFileSync(join(dir, '.slipway.yaml'), `shellcheck: ${join(dir, 'bin', 'shellcheck')}\n`);
    const inside = await run(['check', 'Dockerfile'], dir);
    assert.equal(inside.code, 2);
    assert.match(inside.stderr, /inside the project/);
  });
});

it('a RUN with a 2,000-link && chain is not given to ShellCheck (bounded time and memory)', () => {
  const chain = `FROM alpine:3\nRUN true${' \\\n && echo x'.repeat(2000)}\nRUN echo small\n`;
  const scripts = runScripts(parseDockerfile(chain, 'Dockerfile'));
  assert.deepEqual(scripts.map((s) => s.body.trim()), ['echo small']);
});

// Hostile shapes ShellCheck takes minutes on (bench/hostile.bench.ts: `${A:-` nested 4,000 deep ran 58 s,
// `$A${B}` 4,000 times in one word 8 s): left out before a process starts, and said so.
it('scripts too hard for ShellCheck are left out with a note naming them; real-sized ones still go', async () => {
  const nested = (n: number) => `echo ${'${A:-'.repeat(n)}x${'}'.repeat(n)}`;
  const text = `FROM alpine:3\nRUN ${nested(4000)}\nRUN echo $A${'${B}$A'.repeat(4000)}\nRUN ${nested(16)} && echo $1\n`;
  const df = parseDockerfile(text, 'Dockerfile');
  const skipped: { line: number; why: string }[] = [];
  assert.equal(runScripts(df, skipped).length, 1, 'the 16-deep script is still checked');
  assert.deepEqual(skipped, [
    { line: 2, why: "'${' nested more than 16 deep" },
    { line: 3, why: "more than 1000 '$' expansions" },
  ]);
  if (!installed) return;
  const started = Date.now();
  const r = await shellcheckDockerfiles([df], { binary: null, overrides: {} });
  assert.ok(Date.now() - started < 20_000, 'bounded');
  assert.equal(r.scripts, 1);
  assert.match(r.note ?? '', /not run on 2 RUN script\(s\) too hard for it.*Dockerfile:2 \('\$\{' nested more than 16 deep\), Dockerfile:3/);
  assert.ok(r.findings.every((f) => f.line === 4));
});

it('a shellcheck that does not finish in time is stopped, and no other process starts after it', async () => {
  const dir = tmp();
  const slow = join(dir, 'shellcheck');
  writeFileSync(slow, `#!/bin/sh\necho started >> ${JSON.stringify(join(dir, 'log'))}\nexec sleep 30\n`, { mode: 0o755 });
  // 100 files of one RUN each, 101 announced: one process starts at 48 scripts, the rest would go at done().
  const dfs = Array.from({ length: 100 }, (_, i) => parseDockerfile(`FROM alpine:3\nRUN echo ${i}\n`, `${i}/Dockerfile`));
  const queue = shellcheckQueue({ binary: slow, overrides: {}, timeoutMs: 300 }, dfs.length + 1);
  const { shellcheckFile } = await import('../../src/engine/shellcheck/run.js');
  const started = Date.now();
  for (const df of dfs) queue.add(shellcheckFile(df));
  await new Promise((resolve) => setTimeout(resolve, 1_500)); // the first one is stopped meanwhile
  const r = await queue.done();
  assert.ok(Date.now() - started < 10_000, `stopped after 0.3 s, not 30 s (${Date.now() - started} ms)`);
  assert.match(r.note ?? '', /shellcheck did not finish in 0\.\d+ s and was stopped: the RUN scripts were not checked by ShellCheck/);
  assert.deepEqual(r.findings, []);
  assert.equal(readFileSync(join(dir, 'log'), 'utf8').split('\n').filter(Boolean).length, 1, 'the first 48 scripts ran as one process, the rest never started');
});

it('a shellcheck stopped for its time limit stops the others running beside it', async () => {
  const dir = tmp();
  const slow = join(dir, 'shellcheck');
  writeFileSync(slow, `#!/bin/sh\necho started >> ${JSON.stringify(join(dir, 'log'))}\nexec sleep 30\n`, { mode: 0o755 });
  // 48 short scripts start one process while the rules would run; the last file's 100 kB script goes
  // in a second, whose own allowance is 10 s longer (0.1 s per kB): stopped with the first, not after it.
  const dfs = Array.from({ length: 48 }, (_, i) => parseDockerfile(`FROM alpine:3\nRUN echo ${i}\n`, `${i}/Dockerfile`));
  dfs.push(parseDockerfile(`FROM alpine:3\nRUN echo ${'x'.repeat(100_000)}\n`, 'big/Dockerfile'));
  const queue = shellcheckQueue({ binary: slow, overrides: {}, timeoutMs: 300 }, dfs.length);
  const started = Date.now();
  for (const df of dfs) queue.add(shellcheckFile(df));
  const r = await queue.done();
  assert.equal(readFileSync(join(dir, 'log'), 'utf8').split('\n').filter(Boolean).length, 2, 'two processes ran side by side');
  assert.ok(Date.now() - started < 5_000, `both stopped after 0.3 s, not 10 s (${Date.now() - started} ms)`);
  assert.match(r.note ?? '', /shellcheck did not finish in 0\.\d+ s and was stopped/);
});

// The time limit is spawn's timer, which fires only when the event loop turns: a process that ended while the
// rules held the loop past its limit (a big project, a loaded machine: 1,924 files at load 20) was "killed"
// then, already gone, and its findings were dropped as if it had not finished (Node sets `killed`; no signal ended it).
it('a shellcheck that ended while the rules held the event loop past its time limit keeps its findings', async () => {
  const dir = tmp();
  const fast = join(dir, 'shellcheck');
  const ended = join(dir, 'ended');
  // json1 with one comment per script, at once; then it says it ended.
  writeFileSync(
    fast,
    `#!/bin/sh\nprintf '{"comments":['\nsep=''\nfor f in "$@"; do case $f in *.sh) printf '%s{"file":"%s","line":2,"endLine":2,"column":1,"endColumn":5,"level":"warning","code":2086,"message":"fake"}' "$sep" "$f"; sep=','; esac; done\nprintf ']}'\ntouch ${JSON.stringify(ended)}\n`,
    { mode: 0o755 },
  );
  const dfs = Array.from({ length: 48 }, (_, i) => parseDockerfile(`FROM alpine:3\nRUN echo ${i}\n`, `${i}/Dockerfile`));
  const queue = shellcheckQueue({ binary: fast, overrides: { SC2086: 'warning' }, timeoutMs: 300 }, dfs.length);
  for (const df of dfs) queue.add(shellcheckFile(df)); // the last one sends them all: one process
  // The rules (which never yield) hold the loop till the process ended and its 0.3 s are long past.
  const held = Date.now();
  while (!(existsSync(ended) && Date.now() - held > 1_000) && Date.now() - held < 30_000);
  const r = await queue.done();
  assert.equal(r.note, null);
  assert.equal(r.processes, 1);
  assert.deepEqual([...new Set(r.findings.map((f) => f.file))], dfs.map((df) => df.path), 'a finding in every file');
});

it('`# hadolint shell=` pragmas choose the shell of the RUNs below them, up to the next one', () => {
  const text = [
    'FROM alpine:3',
    'RUN echo a',
    '# hadolint shell=bash',
    'RUN echo b',
    '# a comment',
    'RUN echo c',
    '# hadolint shell=pwsh',
    'RUN Write-Host d',
    '# hadolint shell=/bin/zsh',
    'RUN echo e',
  ].join('\n');
  const scripts = runScripts(parseDockerfile(text, 'Dockerfile'));
  assert.deepEqual(
    scripts.map((s) => [s.text.split('\n')[0], s.body.trim()]),
    [
      ['#!/bin/sh', 'echo a'],
      ['#!bash', 'echo b'],
      ['#!bash', 'echo c'],
      ['#!/bin/zsh', 'echo e'],
    ],
  );
});

it('the temporary folder is removed, also when a wrapper named shellcheck wrote files in it', async () => {
  if (!installed) return;
  const dir = tmp();
  const wrapper = join(dir, 'shellcheck');
  const log = join(dir, 'cwd');
  writeFileSync(wrapper, `#!/bin/sh\npwd >> ${JSON.stringify(log)}\necho x > wrapper.log\nexec shellcheck "$@"\n`, { mode: 0o755 });
  const r = await shellcheckDockerfiles([parseDockerfile('FROM alpine:3\nRUN echo $a\n', 'Dockerfile')], { binary: wrapper, overrides: {} });
  assert.equal(r.note, null);
  assert.ok(r.findings.some((f) => f.rule === 'SC2154'), 'ShellCheck ran through the wrapper');
  const used = readFileSync(log, 'utf8').trim();
  assert.match(used, /slipway-shellcheck-/);
  assert.equal(dirname(used), scratchBase(), 'the scripts are written where scratchBase says');
  assert.throws(() => readdirSync(used), /ENOENT/);
});

it('the scripts go to /dev/shm (tmpfs: a file create costs ~20 µs, not the ~1 ms of a busy ext4 /tmp) unless TMPDIR is set', () => {
  const shm = process.platform === 'linux' && statSync('/dev/shm', { throwIfNoEntry: false })?.isDirectory();
  assert.equal(scratchBase({}), shm ? '/dev/shm' : tmpdir());
  const own = tmp();
  const before = process.env.TMPDIR;
  process.env.TMPDIR = own; // os.tmpdir() reads it
  try {
    assert.equal(scratchBase({ TMPDIR: own }), own, 'TMPDIR set: the user chose the place');
    const made = makeScratchDir('slipway-x-', { TMPDIR: own });
    assert.equal(dirname(made), own);
    assert.equal(statSync(made).mode & 0o777, 0o700);
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
});

it('a temporary folder too full for the scripts costs ShellCheck one note, never the check, and leaves no folder', async (t) => {
  if (!installed) return t.skip('shellcheck is not installed');
  const tiny = tmp();
  // A real full file system: a 16 kB tmpfs (as a small /dev/shm in a container). Needs root, as CI has.
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', tiny]).status !== 0) return t.skip('cannot mount a tmpfs here (not root)');
  const before = process.env.TMPDIR;
  process.env.TMPDIR = tiny; // scratchBase() and os.tmpdir() read it
  try {
    const df = parseDockerfile(`FROM alpine:3\nRUN echo ${'x'.repeat(40_000)}\n`, 'Dockerfile');
    const r = await shellcheckDockerfiles([df], { binary: null, overrides: {} });
    assert.match(r.note ?? '', /scripts could not be written in .*: ENOSPC\): the RUN scripts were not checked by ShellCheck/);
    assert.deepEqual(r.findings, []);
    assert.deepEqual(readdirSync(tiny), [], 'the scratch folder is removed');
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    spawnSync('umount', [tiny]);
  }
});

it('a scratch folder removed under a running shellcheck (a temp cleaner) is one note, not an uncaught exception', async () => {
  const dir = tmp();
  const wrapper = join(dir, 'shellcheck');
  writeFileSync(wrapper, '#!/bin/sh\nrm -rf "$PWD"\n', { mode: 0o755 });
  const r = await shellcheckDockerfiles([parseDockerfile('FROM alpine:3\nRUN echo $a\n', 'Dockerfile')], { binary: wrapper, overrides: {} });
  assert.match(r.note ?? '', /^shellcheck failed \(exit status 0\): the RUN scripts were not checked by ShellCheck/);
  assert.deepEqual(r.findings, []);
});
