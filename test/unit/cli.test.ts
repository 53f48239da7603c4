// The CLI contract: formats, exit codes, stdin, --fix and --fix-dry-run, config errors, discovery.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-cli-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

async function run(argv: string[], cwd: string, stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd,
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: false,
    env: {},
    readStdin: async () => stdin,
  });
  return { code, stdout, stderr };
}

const SHELL_CMD = 'FROM alpine:3.20\nCMD python app.py\n';

describe('slipway check', () => {
  it('exits 1 with findings and prints them as JSON with the documented keys', async () => {
    const dir = project({ Dockerfile: SHELL_CMD });
    const r = await run(['check', '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['findings', 'errors', 'checklist']);
    const f = out.findings.find((x: any) => x.rule === 'cmd-exec-form');
    assert.ok(f, r.stdout);
    assert.deepEqual(Object.keys(f), ['rule', 'aliases', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'fixable']);
    assert.equal(f.file, 'Dockerfile');
    assert.equal(f.line, 2);
    assert.equal(f.fixable, true);
    assert.ok(f.aliases.includes('DL3025'));
  });

  it('exits 0 when nothing reaches the threshold', async () => {
    const dir = project({ Dockerfile: SHELL_CMD });
    const r = await run(['check', '--failure-threshold', 'none'], dir);
    assert.equal(r.code, 0);
    assert.equal((await run(['check', '--ignore', 'DL3025', '--failure-threshold', 'error', '--format', 'json'], dir)).code, 0);
  });

  it('exits 2 on usage errors, never 1', async () => {
    const dir = project({ Dockerfile: SHELL_CMD });
    for (const argv of [['check', '--format', 'xml'], ['check', '--bogus'], ['check', '-t', 'loud'], ['frobnicate'], ['deploy']]) {
      const r = await run(argv, dir);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^slipway: /);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('reports a bad config key with file:line:col and exits 2', async () => {
    const dir = project({ Dockerfile: SHELL_CMD, '.slipway.yaml': 'rules:\n  cmd-exec-form: off\nfailure-treshold: error\n' });
    const r = await run(['check'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.slipway\.yaml:3:1: unknown key 'failure-treshold'/);
    const dir2 = project({ Dockerfile: SHELL_CMD, '.slipway.yaml': 'rules:\n  no-such-rule: off\n' });
    assert.match((await run(['check'], dir2)).stderr, /\.slipway\.yaml:2:3: unknown rule 'no-such-rule'/);
    const dir3 = project({ Dockerfile: SHELL_CMD, '.slipway.yaml': 'rules: [\n' });
    const r3 = await run(['check'], dir3);
    assert.equal(r3.code, 2);
    assert.match(r3.stderr, /\.slipway\.yaml:\d+:\d+: /);
  });

  it('honours config: rule off by alias, severity override, threshold', async () => {
    const dir = project({ Dockerfile: SHELL_CMD, '.slipway.yaml': 'failure-threshold: error\nrules:\n  JSONArgsRecommended: error\n' });
    const r = await run(['check', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout).findings.find((f: any) => f.rule === 'cmd-exec-form').severity, 'error');
  });

  it('reads .hadolint.yaml when there is no .slipway.yaml', async () => {
    const dir = project({ Dockerfile: SHELL_CMD, '.hadolint.yaml': 'ignored:\n  - DL3025\n' });
    const r = await run(['check', '--format', 'json'], dir);
    assert.equal(JSON.parse(r.stdout).findings.filter((f: any) => f.rule === 'cmd-exec-form').length, 0);
  });

  it('reads standard input with --stdin-filename', async () => {
    const dir = project({});
    const r = await run(['check', '-', '--stdin-filename', 'svc/Dockerfile', '--format', 'json'], dir, SHELL_CMD);
    assert.equal(r.code, 1);
    assert.ok(JSON.parse(r.stdout).findings.some((f: any) => f.file === 'svc/Dockerfile' && f.rule === 'cmd-exec-form'));
  });

  it('--fix-dry-run prints a diff and changes nothing; --fix rewrites; a second --fix changes nothing', async () => {
    const dir = project({ Dockerfile: SHELL_CMD });
    const dry = await run(['check', '--fix-dry-run'], dir);
    assert.match(dry.stdout, /^-CMD python app\.py$/m);
    assert.match(dry.stdout, /^\+CMD \["python", "app\.py"\]$/m);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), SHELL_CMD);
    await run(['check', '--fix'], dir);
    const fixed = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    assert.match(fixed, /^CMD \["python", "app\.py"\]$/m);
    await run(['check', '--fix'], dir);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), fixed);
  });

  it('discovers Dockerfiles recursively, skipping node_modules and .gitignored paths', async () => {
    const dir = project({
      'api/Dockerfile': SHELL_CMD,
      'web/app.Dockerfile': SHELL_CMD,
      'Containerfile': SHELL_CMD,
      'Dockerfile.dev': SHELL_CMD,
      'node_modules/x/Dockerfile': SHELL_CMD,
      'build/Dockerfile': SHELL_CMD,
      '.gitignore': 'build/\n',
      'README.md': '# not a Dockerfile\n',
      // Templates and leftovers are not Dockerfiles (a file named on the command line still is).
      'Dockerfile.tmpl': '{{ .base }}\nRUN true\n',
      'Dockerfile.j2': 'FROM {{ base }}\n',
      'Containerfile.orig': SHELL_CMD,
    });
    const r = await run(['check', '--format', 'json'], dir);
    const files = [...new Set(JSON.parse(r.stdout).findings.map((f: any) => f.file))].sort();
    assert.deepEqual(files, ['Containerfile', 'Dockerfile.dev', 'api/Dockerfile', 'web/app.Dockerfile']);
    const named = await run(['check', 'Dockerfile.tmpl', '--format', 'json'], dir);
    assert.ok(JSON.parse(named.stdout).findings.some((f: any) => f.file === 'Dockerfile.tmpl' && f.rule === 'unknown-instruction'));
  });

  it('an unreadable or missing path is an errors entry, and the rest is still checked', async () => {
    const dir = project({ Dockerfile: SHELL_CMD, 'bin/Dockerfile': 'FROM x\u0000\u0001' });
    const r = await run(['check', '.', 'missing/Dockerfile', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.errors.map((e: any) => e.file).sort(), ['bin/Dockerfile', 'missing/Dockerfile']);
    assert.ok(out.findings.some((f: any) => f.file === 'Dockerfile'));
  });

  it('--target and compose build.target choose the stage that ships', async () => {
    // The final stage runs as root; the 'prod' stage does not.
    const dockerfile = 'FROM alpine:3.20 AS prod\nUSER 1001\nCMD ["true"]\n\nFROM alpine:3.20 AS debug\nCMD ["sh"]\n';
    const rootFindings = (out: string) => JSON.parse(out).findings.filter((f: any) => f.rule === 'non-root-user').map((f: any) => f.line);
    const dir = project({ Dockerfile: dockerfile });
    assert.deepEqual(rootFindings((await run(['check', '--format', 'json'], dir)).stdout), [5]);
    assert.deepEqual(rootFindings((await run(['check', '--format', 'json', '--target', 'prod'], dir)).stdout), []);
    const withCompose = project({ Dockerfile: dockerfile, 'docker-compose.yml': 'services:\n  app:\n    build:\n      context: .\n      target: prod\n' });
    assert.deepEqual(rootFindings((await run(['check', '--format', 'json'], withCompose)).stdout), []);
    // A development override's target is not the image that ships.
    const withOverride = project({ Dockerfile: dockerfile, 'docker-compose.yml': 'services:\n  app:\n    image: x:1\n', 'docker-compose.override.yml': 'services:\n  app:\n    build:\n      context: .\n      target: prod\n' });
    assert.deepEqual(rootFindings((await run(['check', '--format', 'json'], withOverride)).stdout), [5]);
    // Nor is a development target: the stage runs only on a developer's machine, the last stage ships.
    const devTarget = 'FROM alpine:3.20 AS development\nCMD ["sh"]\n\nFROM alpine:3.20\nUSER 1001\nCMD ["true"]\n';
    const withDevTarget = project({ Dockerfile: devTarget, 'docker-compose.yml': 'services:\n  app:\n    build:\n      context: .\n      target: development\n' });
    assert.deepEqual(rootFindings((await run(['check', '--format', 'json'], withDevTarget)).stdout), []);
  });

  it('--fix-dry-run never prints the values of an env file', async () => {
    const dir = project({ '.env': 'DB_PASSWORD = hunter2-secret\nAPI_TOKEN=tok-secret-123\n' });
    const r = await run(['check', '--fix-dry-run'], dir);
    assert.match(r.stdout, /^-DB_PASSWORD = \*\*\*\*$/m, r.stdout);
    assert.match(r.stdout, /^\+DB_PASSWORD= \*\*\*\*$/m);
    assert.doesNotMatch(r.stdout + r.stderr, /hunter2|tok-secret/);
  });
});
