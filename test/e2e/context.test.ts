// Proof that slipway computes the build context exactly as the real engine does: build
// `COPY . /ctx` from fixtures with tricky .dockerignore patterns, list /ctx inside the image,
// and compare with slipway's list, file for file.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, describe, test } from 'node:test';
import { listContext } from '../../src/project/load-disk.js';
import { baseImage, docker, e2eSkip, requireEngine, tempDir, uniqueName } from './env.js';

const LISTER = `FROM ${baseImage}\nCOPY . /ctx\nRUN find /ctx -type f | sort > /files && find /ctx -type l | sort > /links\n`;

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

async function engineList(dir: string, dockerfile = 'Dockerfile'): Promise<{ files: string[]; links: string[] }> {
  const tag = uniqueName('slipway-e2e-context');
  const b = await docker(['build', '-q', '-f', join(dir, dockerfile), '-t', tag, dir], { timeoutMs: 180_000 });
  assert.equal(b.code, 0, `docker build failed:\n${b.stderr}`);
  try {
    const r = await docker(['run', '--rm', tag, 'cat', '/files', '/links']);
    assert.equal(r.code, 0, r.stderr);
    const files = (await docker(['run', '--rm', tag, 'cat', '/files'])).stdout.split('\n').filter(Boolean);
    const links = (await docker(['run', '--rm', tag, 'cat', '/links'])).stdout.split('\n').filter(Boolean);
    return { files, links };
  } finally {
    await docker(['rmi', '-f', tag]);
  }
}

function slipwayList(dir: string, dockerfile = 'Dockerfile'): { files: string[]; links: string[] } {
  const c = listContext({ dir, shownDir: '.', dockerfileAbs: join(dir, dockerfile), errors: [] });
  const sorted = (type: string) =>
    c.files
      .filter((f) => f.type === type)
      .map((f) => `/ctx/${f.path}`)
      .sort();
  return { files: sorted('file'), links: sorted('symlink') };
}

describe('build context matches the engine', { skip: e2eSkip() }, () => {
  before(requireEngine);

  test('tricky .dockerignore: ! exceptions, **, leading and trailing /, *.md with !README.md, nested folders, dotfiles', async (t) => {
    const dir = await tempDir(t, 'slipway-e2e-context-');
    write(dir, {
      Dockerfile: LISTER,
      '.dockerignore': [
        '# a comment line, then patterns',
        '*.md',
        '!README.md',
        '**/*.log',
        '!keep/**/*.log',
        '/build/',
        'temp?',
        'docs/',
        '!docs/keep.txt',
        'secret/*',
        '!secret/public',
        'nested/**/cache',
        '*/skip.txt',
        '.hidden*',
        '!.hidden-keep',
        'Case.TXT',
        './dotslash.txt',
        'a/b/../c.txt',
        '  spaced.txt  ',
        '',
        '**/node_modules',
        'excluded-dir',
        '!excluded-dir/back/again.txt',
        '',
      ].join('\n'),
      'README.md': 'r',
      'CHANGELOG.md': 'c',
      'sub/README.md': 'sub readme: * does not cross /',
      'sub/notes.md': 'n',
      'a.log': 'l',
      'x/y/z.log': 'l',
      'keep/a/b.log': 'kept by an exception with **',
      'keep/top.log': 'kept',
      'build/out.bin': 'b',
      'src/build/x.txt': 'not the root build/',
      temp1: 't',
      temp12: 't',
      'docs/a.txt': 'd',
      'docs/keep.txt': 'k',
      'docs/deep/keep.txt': 'd',
      'secret/key': 'k',
      'secret/public': 'p',
      'secret/inner/file': 'secret/* matches the folder',
      'nested/cache/f': 'f',
      'nested/a/b/cache/f': 'f',
      'nested/cachex': 'x',
      'one/skip.txt': 's',
      'one/two/skip.txt': 's',
      '.hidden': 'h',
      '.hidden-keep': 'h',
      '.hiddenfile': 'h',
      'case.txt': 'lower case stays',
      'Case.TXT': 'excluded',
      'CASE.TXT': 'stays: matching is case-sensitive',
      'dotslash.txt': 'excluded through ./',
      'a/c.txt': 'excluded through ..',
      'a/b/d.txt': 'stays',
      'spaced.txt': 'excluded: patterns are trimmed',
      'node_modules/m/index.js': 'm',
      'web/node_modules/m/index.js': 'm',
      'excluded-dir/x.txt': 'x',
      'excluded-dir/back/again.txt': 'brought back',
      '.env': 'SECRET=1',
      '.env.example': 'SECRET=',
      '.config/tool.json': '{}',
      'app.py': 'print(1)',
    });
    symlinkSync('README.md', join(dir, 'link-to-readme'));
    symlinkSync('docs', join(dir, 'link-to-docs'));
    symlinkSync('missing-target', join(dir, 'dangling.log'));
    mkdirSync(join(dir, 'empty-dir'));

    const engine = await engineList(dir);
    const ours = slipwayList(dir);
    assert.deepEqual(ours.files, engine.files);
    assert.deepEqual(ours.links, engine.links);
    // the fixture really is tricky: things are both excluded and brought back
    assert.ok(engine.files.includes('/ctx/keep/a/b.log') && !engine.files.includes('/ctx/a.log'));
    assert.ok(engine.files.includes('/ctx/excluded-dir/back/again.txt') && !engine.files.includes('/ctx/excluded-dir/x.txt'));
  });

  test('Dockerfile.dockerignore next to the Dockerfile wins over <context>/.dockerignore', async (t) => {
    const dir = await tempDir(t, 'slipway-e2e-context-');
    write(dir, {
      'build/app.Dockerfile': LISTER,
      'build/app.Dockerfile.dockerignore': 'b.txt\nbuild/\n',
      '.dockerignore': 'a.txt\n',
      'a.txt': 'sent: the context .dockerignore is not used',
      'b.txt': 'excluded by the per-Dockerfile file',
      'c/d.txt': 'sent',
    });
    // the context is the folder, the Dockerfile lives elsewhere (docker build -f build/app.Dockerfile .)
    const tag = uniqueName('slipway-e2e-context');
    const b = await docker(['build', '-q', '-f', join(dir, 'build/app.Dockerfile'), '-t', tag, dir], { timeoutMs: 180_000 });
    assert.equal(b.code, 0, b.stderr);
    try {
      const engine = (await docker(['run', '--rm', tag, 'cat', '/files'])).stdout.split('\n').filter(Boolean);
      const c = listContext({ dir, shownDir: '.', dockerfileAbs: join(dir, 'build/app.Dockerfile'), errors: [] });
      assert.equal(c.dockerignore?.perDockerfile, true);
      assert.deepEqual(c.files.map((f) => `/ctx/${f.path}`).sort(), engine);
      assert.ok(engine.includes('/ctx/a.txt') && !engine.includes('/ctx/b.txt'));
    } finally {
      await docker(['rmi', '-f', tag]);
    }
  });
});
