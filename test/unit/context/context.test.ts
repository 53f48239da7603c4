// The build context computation: .dockerignore semantics, which ignore file applies, the walk's
// guards (symlinks, unreadable folders, the entry cap), COPY source matching, and `slipway context`.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { largestEntries, runContext } from '../../../src/cli/commands/context.js';
import { contextsOf, humanSize } from '../../../src/parse/context/context.js';
import { listContext, loadDiskFacts } from '../../../src/project/load-disk.js';
import { normalizeSource, sourceCovers, sourceMatches, copySources } from '../../../src/parse/context/copy-sources.js';
import { ignoreMatcher, parseIgnorePatterns } from '../../../src/parse/context/dockerignore.js';
import { walkContext } from '../../../src/project/walk-context.js';
import { parseDockerfile } from '../../../src/parse/dockerfile/parse.js';
import { buildProject } from '../../../src/project/build.js';
import type { FileError } from '../../../src/types.js';

const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'slipway-ctx-unit-'));
  roots.push(root);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    if (p.endsWith('/')) mkdirSync(join(root, p), { recursive: true });
    else writeFileSync(join(root, p), text);
  }
  return root;
}
const sent = (dir: string, dockerfile?: string) =>
  listContext({ dir, shownDir: '.', dockerfileAbs: dockerfile && join(dir, dockerfile), errors: [] }).files.map((f) => f.path);

test('dockerignore patterns: comments, blanks, positions, trimming', () => {
  const ps = parseIgnorePatterns('# c\n\n  *.md  \r\n!README.md\n');
  assert.deepEqual(ps.map((p) => [p.line, p.text, p.negative, p.start, p.end]), [
    [2, '*.md', false, 7, 11],
    [3, '!README.md', true, 15, 25],
  ]);
});

test('matcher: Docker semantics (not .gitignore): * stays in one folder, last match wins, case-sensitive', () => {
  const m = ignoreMatcher('*.md\n!README.md\n**/*.log\n/build/\nsecret/*\n!secret/pub\nCase.txt\n');
  const cases: [string, boolean][] = [
    ['a.md', true],
    ['README.md', false],
    ['sub/a.md', false],
    ['x/y/z.log', true],
    ['build/a', true],
    ['src/build/a', false],
    ['secret/k', true],
    ['secret/pub', false],
    ['Case.txt', true],
    ['case.txt', false],
  ];
  for (const [p, ignored] of cases) assert.equal(m.ignores(p), ignored, p);
  assert.equal(m.decidingPattern('README.md')?.text, '!README.md');
  assert.equal(m.decidingPattern('secret/k')?.text, 'secret/*');
  assert.equal(m.hasExceptions, true);
});

test('an invalid pattern is an error with its position, not a crash', () => {
  const dir = tree({ Dockerfile: 'FROM x\n', '.dockerignore': 'ok\n  foo[\n', 'a': '' });
  const errors: FileError[] = [];
  const c = listContext({ dir, shownDir: 'app', dockerfileAbs: join(dir, 'Dockerfile'), errors });
  assert.deepEqual(errors, [{ file: 'app/.dockerignore', line: 2, column: 3, message: "syntax error in pattern 'foo[': docker build refuses this .dockerignore" }]);
  assert.deepEqual(c.dockerignore?.matcher.invalid.map((p) => p.text), ['foo[']);
});

test('which .dockerignore: <Dockerfile>.dockerignore wins, else <context>/.dockerignore, else none', () => {
  const dir = tree({ 'Dockerfile': '', 'Dockerfile.dockerignore': 'b\n', '.dockerignore': 'a\n', a: '', b: '', 'other.Dockerfile': '' });
  assert.deepEqual(sent(dir, 'Dockerfile'), ['.dockerignore', 'Dockerfile', 'Dockerfile.dockerignore', 'a', 'other.Dockerfile']);
  assert.deepEqual(sent(dir, 'other.Dockerfile'), ['.dockerignore', 'Dockerfile', 'Dockerfile.dockerignore', 'b', 'other.Dockerfile']);
  const bare = tree({ Dockerfile: '', x: '' });
  assert.equal(listContext({ dir: bare, shownDir: '.', errors: [] }).dockerignore, null);
});

test('walk: sizes, symlinks not followed (a loop is harmless), excluded folders not walked without exceptions', () => {
  const dir = tree({ 'a.txt': '12345', 'node_modules/x/y.js': '1', 'src/m.py': '123' });
  symlinkSync('.', join(dir, 'src/loop'));
  symlinkSync('/etc', join(dir, 'etc-link'));
  const w = walkContext(dir, ignoreMatcher('node_modules\n'));
  assert.deepEqual(
    w.entries.map((e) => `${e.path} ${e.type} ${e.size} ${e.excluded ? 'x' : ''}${e.unwalked ? 'u' : ''}`),
    ['a.txt file 5 ', 'etc-link symlink 4 ', 'node_modules dir 0 xu', 'src dir 0 ', 'src/loop symlink 1 ', 'src/m.py file 3 '],
  );
  // with an exception, the excluded folder is walked so that the exception can bring files back
  const w2 = walkContext(dir, ignoreMatcher('node_modules\n!node_modules/x/y.js\n'));
  assert.deepEqual(w2.entries.filter((e) => !e.excluded && e.type === 'file').map((e) => e.path), ['a.txt', 'node_modules/x/y.js', 'src/m.py']);
});

test('walk: the entry cap stops the listing with an error', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 30; i++) files[`d${i}/f`] = '';
  const dir = tree(files);
  const errors: FileError[] = [];
  const c = listContext({ dir, shownDir: '.', errors, maxEntries: 10 });
  assert.equal(c.truncated, true);
  assert.equal(c.entries.length, 10);
  assert.match(errors[0]!.message, /more than 10 entries/);
});

test('walk: an unreadable folder is an error entry, the rest is listed', { skip: process.getuid?.() === 0 ? 'root reads everything' : false }, () => {
  const dir = tree({ 'ok.txt': '', 'locked/x': '' });
  chmodSync(join(dir, 'locked'), 0);
  try {
    const errors: FileError[] = [];
    const c = listContext({ dir, shownDir: 'ctx', errors });
    assert.deepEqual(errors.map((e) => e.file), ['ctx/locked']);
    assert.ok(c.files.some((f) => f.path === 'ok.txt'));
  } finally {
    chmodSync(join(dir, 'locked'), 0o755);
  }
});

test('contextsOf: per Dockerfile folder, from the project (discovered .dockerignore text wins over the disk); stdin has none', () => {
  const dir = tree({ 'api/Dockerfile': 'FROM x\n', 'api/.dockerignore': 'on-disk\n', 'api/on-disk': '', 'api/edited': '' });
  const project = loadDiskFacts(buildProject(dir, [
    { kind: 'dockerfile', path: 'api/Dockerfile', absPath: join(dir, 'api/Dockerfile'), text: 'FROM x\n' },
    { kind: 'dockerignore', path: 'api/.dockerignore', absPath: join(dir, 'api/.dockerignore'), text: 'edited\n' },
    { kind: 'dockerfile', path: '-', absPath: join(dir, '-'), text: 'FROM x\n' },
  ]));
  const [c, ...rest] = contextsOf(project);
  assert.equal(rest.length, 0);
  assert.equal(c!.path, 'api');
  assert.equal(c!.dockerignore?.file?.path, 'api/.dockerignore');
  assert.deepEqual(c!.files.map((f) => f.path), ['.dockerignore', 'Dockerfile', 'on-disk']);
  assert.equal(c!.shown('on-disk'), 'api/on-disk');
  assert.equal(contextsOf(project), contextsOf(project), 'memoized');
});

test('COPY sources: normalised, exec form offsets, ARGs, wildcards like filepath.Match', () => {
  assert.equal(normalizeSource('./src/'), 'src');
  assert.equal(normalizeSource('/'), '');
  assert.equal(normalizeSource('.'), '');
  assert.equal(normalizeSource('../x'), 'x', 'the builder keeps paths inside the context');
  assert.ok(sourceMatches('src/*.py', 'src/a.py'));
  assert.ok(!sourceMatches('src/*.py', 'src/sub/a.py'));
  assert.ok(sourceMatches('file?.[ch]', 'file1.c'));
  assert.ok(!sourceMatches('[^a]*', 'abc'));
  assert.ok(sourceCovers('', 'x/y'));
  assert.ok(sourceCovers('src', 'src/a/b'));
  assert.ok(sourceCovers('s*', 'src/a/b'));
  assert.ok(!sourceCovers('src/a', 'src'));
  const df = parseDockerfile('FROM x\nARG D=docs\nCOPY --chown=1:1 ["a b.txt", "${D}/", "/dst/"]\nCOPY "q.txt" ./c/ /d/\nADD https://x/y.tgz git@github.com:a/b.git /z/\n', 'Dockerfile');
  assert.deepEqual(
    copySources(df).map((s) => [s.value, s.path, s.wildcard, df.text.slice(s.start, s.end)]),
    [
      ['a b.txt', 'a b.txt', false, 'a b.txt'],
      ['${D}/', 'docs', false, '${D}/'],
      ['q.txt', 'q.txt', false, 'q.txt'],
      ['./c/', 'c', false, './c/'],
    ],
  );
});

test('sizes: human, largest entries aggregate top-level folders like du', () => {
  assert.deepEqual([0, 999, 1000, 1500, 12_345_678, 3e9].map(humanSize), ['0 B', '999 B', '1.0 kB', '1.5 kB', '12 MB', '3.0 GB']);
  const l = largestEntries([{ path: 'a', size: 5 }, { path: 'd/x', size: 4 }, { path: 'd/y/z', size: 3 }, { path: 'b', size: 1 }], 3);
  assert.deepEqual(l, [
    { path: 'd', size: 7, type: 'dir' },
    { path: 'a', size: 5, type: 'file' },
    { path: 'd/x', size: 4, type: 'file' },
  ]);
});

function io(cwd: string) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: { cwd, stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s), isTTY: false, env: {}, readStdin: async () => '' },
  };
}

test('slipway context: text and --json, -f with its own .dockerignore, usage errors', async () => {
  const dir = tree({ 'app/Dockerfile': 'FROM x\n', 'app/.dockerignore': '.git\n*.log\n', 'app/big.bin': 'x'.repeat(2500), 'app/src/a.py': '123', 'app/x.log': '', 'app/.git/HEAD': 'x' });
  const t = io(dir);
  assert.equal(await runContext(['app'], t.io), 0);
  assert.equal(
    t.out.stdout,
    [
      '  11 B  .dockerignore',
      '   7 B  Dockerfile',
      '2.5 kB  big.bin',
      '   3 B  src/a.py',
      '',
      'Build context app (Dockerfile: app/Dockerfile), filtered by app/.dockerignore',
      '4 files, 2.5 kB (2521 bytes)',
      '',
      'Largest:',
      '  2.5 kB  big.bin',
      '    11 B  .dockerignore',
      '     7 B  Dockerfile',
      '     3 B  src/',
      '     3 B  src/a.py',
      '',
    ].join('\n'),
  );
  const j = io(join(dir, 'app'));
  assert.equal(await runContext(['--json', '-n', '2'], j.io), 0);
  const json = JSON.parse(j.out.stdout);
  assert.deepEqual(
    { ...json, files: json.files.length },
    {
      context: '.',
      dockerfile: 'Dockerfile',
      dockerignore: '.dockerignore',
      files: 4,
      fileCount: 4,
      totalSize: 2521,
      largest: [
        { path: 'big.bin', size: 2500, type: 'file' },
        { path: '.dockerignore', size: 11, type: 'file' },
      ],
      truncated: false,
      errors: [],
    },
  );
  writeFileSync(join(dir, 'app/Other.dockerignore'), 'big.bin\n');
  writeFileSync(join(dir, 'app/Other'), 'FROM x\n');
  const f = io(dir);
  assert.equal(await runContext(['-f', 'app/Other', 'app', '--json'], f.io), 0);
  assert.equal(JSON.parse(f.out.stdout).dockerignore, 'app/Other.dockerignore');
  assert.ok(!JSON.parse(f.out.stdout).files.some((x: { path: string }) => x.path === 'big.bin'));
  await assert.rejects(runContext(['nope'], io(dir).io), /nope: no such folder/);
  await assert.rejects(runContext(['app/Dockerfile'], io(dir).io), /not a folder/);
  await assert.rejects(runContext(['-n', 'x', 'app'], io(dir).io), /--top/);
  const h = io(dir);
  assert.equal(await runContext(['--help'], h.io), 0);
  assert.match(h.out.stdout, /Usage: slipway context/);
});
