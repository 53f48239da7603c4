// Project text that reaches the files init writes (issue 8, reproducer 13-init-injection.sh): a package.json
// `main`, a cmd/<dir> name, a git remote, a branch. One test per language the text lands in; what cannot
// be written safely is refused with a clear error (exit 2) and nothing is written.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse as parseYaml, parseDocument } from 'yaml';
import { runInit } from '../../../src/cli/commands/init.js';
import { parseRemote } from '../../../src/scaffold/detect.js';
import { branchName, safePath, shellWord, UnsafeValueError, yamlString } from '../../../src/scaffold/escape.js';

const roots: string[] = [];
after(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'slipway-escape-'));
  roots.push(dir);
  for (const [p, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, p)), { recursive: true });
    await writeFile(join(dir, p), text);
  }
  return dir;
}

async function init(dir: string, args: string[] = []) {
  let stdout = '';
  let stderr = '';
  const code = await runInit(['--yes', ...args], { cwd: dir, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false });
  return { code, stdout, stderr };
}

describe('.dockerignore lines', () => {
  it('a package.json main with line breaks cannot add `!.env` to .dockerignore: refused, nothing written', async () => {
    const dir = await project({
      'package.json': JSON.stringify({ name: 'svc', main: 'tests/x.js\n!.env\n!.git', dependencies: { express: '4' } }),
      'tests/x.js\n!.env\n!.git': 'app.listen(3000)\n',
      '.env': 'SECRET=hunter2\n',
    }).catch(async () =>
      // File systems that refuse the name: the main still names it, and init must still refuse it.
      project({ 'package.json': JSON.stringify({ name: 'svc', main: 'tests/x.js\n!.env\n!.git', dependencies: { express: '4' } }), '.env': 'SECRET=hunter2\n' }),
    );
    const r = await init(dir, ['--port', '3000']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /"tests\/x\.js\\n!\.env\\n!\.git"/, 'the value is shown escaped');
    assert.ok(!existsSync(join(dir, '.dockerignore')) && !existsSync(join(dir, 'Dockerfile')));
  });
  it('pattern characters (!, #, *, [) in a copied path are refused', () => {
    for (const bad of ['!.env', '#x', 'a*', 'a[b]', '../x', '-x', 'a b', 'a\\b'])
      assert.throws(() => safePath(bad, 'the entry', 'pass --entry'), UnsafeValueError, bad);
    assert.equal(safePath('src/app-1.2/main_v2.js', 'the entry', ''), 'src/app-1.2/main_v2.js');
  });
});

describe('Dockerfile instructions and shell commands', () => {
  it('a cmd/<dir> name with a newline and shell syntax is refused, not pasted into RUN', async () => {
    const evil = 'x;touch${IFS}pwned\nUSER root\nRUN id';
    const dir = await project({ 'go.mod': 'module example.com/svc\n\ngo 1.22\n', [`cmd/${evil}/main.go`]: 'package main\nfunc main(){ http.ListenAndServe(":8080", nil) }\n' });
    const r = await init(dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /the entry is "\.\/cmd\/x;touch\$\{IFS\}pwned\\nUSER root\\nRUN id"/);
    assert.ok(!existsSync(join(dir, 'Dockerfile')));
  });
  it('a cmd/<dir> name with a space or `$` is refused too', async () => {
    const dir = await project({ 'go.mod': 'module example.com/svc\n\ngo 1.22\n', 'cmd/my $HOME/main.go': 'package main\nfunc main(){ http.ListenAndServe(":8080", nil) }\n' });
    assert.equal((await init(dir)).code, 2);
  });
  it('exec-form CMD keeps any script text inert (JSON), and ENV values from a start script are checked', async () => {
    const dir = await project({
      'package.json': JSON.stringify({ name: 'svc', scripts: { start: 'LOG="a b" node server.js' }, dependencies: { express: '4' } }),
      'server.js': 'app.listen(3000)\n',
    });
    const r = await init(dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /the start script's LOG is "a b": it cannot be written safely into an ENV instruction/);
  });
  it('shellWord quotes what a shell would interpret, and refuses line breaks', () => {
    assert.equal(shellWord('./cmd/api', 'x'), './cmd/api');
    assert.equal(shellWord("a b'c", 'x'), `'a b'\\''c'`);
    assert.equal(execFileSync('sh', ['-c', `printf %s ${shellWord("a b'c $HOME;id", 'x')}`], { encoding: 'utf8' }), "a b'c $HOME;id");
    assert.throws(() => shellWord('a\nb', 'x'), UnsafeValueError);
  });
});

describe('YAML keys and values', () => {
  it('a git remote whose owner is not an image path is not used: compose and workflow stay valid YAML', async () => {
    const dir = await project({ 'package.json': JSON.stringify({ name: 'svc', main: 'server.js', dependencies: { express: '4' } }), 'server.js': 'app.listen(3000)\n' });
    execFileSync('git', ['init', '-q', dir]);
    execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', 'https://github.com/my org#x: {y: 1}/repo.git']);
    assert.equal(parseRemote('https://github.com/my org#x: {y: 1}/repo.git'), undefined);
    const r = await init(dir);
    assert.equal(r.code, 0, r.stderr);
    for (const f of ['docker-compose.yml', 'docker-compose.override.yml', '.github/workflows/docker.yml']) {
      const doc = parseDocument(await readFile(join(dir, f), 'utf8'));
      assert.deepEqual(doc.errors, [], f);
    }
    const compose = parseYaml(await readFile(join(dir, 'docker-compose.yml'), 'utf8')) as { services: Record<string, { image: string }> };
    assert.deepEqual(Object.keys(compose.services), ['app']);
    assert.match(compose.services['app']!.image, /^ghcr\.io\/owner\/svc:/);
  });
  it("a default branch that YAML or a GitHub expression would misread is refused", async () => {
    const dir = await project({ 'package.json': JSON.stringify({ name: 'svc', main: 'server.js', dependencies: { express: '4' } }), 'server.js': 'app.listen(3000)\n' });
    execFileSync('git', ['init', '-q', '-b', "it's", dir]);
    const r = await init(dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /the default branch is "it's"/);
    assert.throws(() => branchName('a: b'), UnsafeValueError);
    assert.equal(branchName('release/1.x'), 'release/1.x');
  });
  it('yamlString round-trips any text as a key or a value', () => {
    for (const s of ['a: b', '#x', '{y: 1}', "it's", 'line\nbreak', '- item', '*alias', '!!tag', 'tab\there', '\u2028sep', 'yes', '']) {
      const doc = parseYaml(`${yamlString(s)}: ${yamlString(s)}\n`) as Record<string, string>;
      assert.deepEqual(Object.entries(doc), [[s, s]], JSON.stringify(s));
    }
  });
});
