// The .dockerignore matcher with its candidate index (ignore-candidates.ts) against Docker's matcher
// asked about every pattern (the way it was before the index): `ignores` must equal the whole file's
// @balena/dockerignore answer, and `decidingPattern` the last pattern matching alone, on generated
// pattern lists and paths full of the characters that make patterns unindexable.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import dockerignoreModule from '@balena/dockerignore';
import { prng } from '../../../bench/prng.js';
import { ignoreMatcher, parseIgnorePatterns, type IgnorePattern } from '../../../src/parse/context/dockerignore.js';

const dockerignore = (dockerignoreModule as unknown as { default: typeof dockerignoreModule.default }).default;

/** The matcher as it was: every pattern asked, through the library. */
function oracle(text: string): { ignores(rel: string): boolean; decidingPattern(rel: string): IgnorePattern | null } {
  const valid: { pattern: IgnorePattern; ig: ReturnType<typeof dockerignore> }[] = [];
  for (const pattern of parseIgnorePatterns(text)) {
    const ig = dockerignore({ ignorecase: false }).add(pattern.negative ? pattern.text.slice(1) : pattern.text);
    try {
      ig.ignores('a/b');
      valid.push({ pattern, ig });
    } catch {
      // invalid: left out
    }
  }
  const all = dockerignore({ ignorecase: false }).add(valid.map((v) => v.pattern.text));
  return {
    ignores: (rel) => rel !== '' && rel !== '.' && all.ignores(rel),
    decidingPattern(rel) {
      for (let i = valid.length - 1; i >= 0; i--) if (valid[i]!.ig.ignores(rel)) return valid[i]!.pattern;
      return null;
    },
  };
}

const PIECES = ['a', 'b', 'p1', 'p12', 'x.log', '.log', '.', '..', '*', '**', '?', '/', '/', '/', '!', '[ab]', '[^a]', '\\', '\\*', '|', '(', ')', '+', '$', '^', '{1}', ' ', 'é', '😀', 'x😀', 'a**', '***'];
const SEGMENTS = ['a', 'b', 'p1', 'p12', 'p1.log', 'x.log', '.log', 'ab', 'a/b', '.', '..', '', '*', '|', 'é', 'b1', ' a', 'a b', 'p', '😀', 'x😀', 'ax😀'];

function generated(rand: () => number): { text: string; paths: string[] } {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const patterns = Array.from({ length: 1 + Math.floor(rand() * 12) }, () =>
    Array.from({ length: 1 + Math.floor(rand() * 5) }, () => pick(PIECES)).join(''),
  );
  const paths = Array.from({ length: 30 }, () => Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(SEGMENTS)).join('/'));
  return { text: patterns.join('\n') + '\n', paths };
}

test('the indexed matcher answers as Docker asked about every pattern (3,000 generated files)', () => {
  const rand = prng(15);
  let ignored = 0;
  let decided = 0;
  for (let k = 0; k < 3000; k++) {
    const { text, paths } = generated(rand);
    const mine = ignoreMatcher(text);
    const theirs = oracle(text);
    for (const rel of paths) {
      assert.equal(mine.ignores(rel), theirs.ignores(rel), `ignores(${JSON.stringify(rel)}) with ${JSON.stringify(text)}`);
      assert.equal(mine.decidingPattern(rel), null === theirs.decidingPattern(rel) ? null : mine.patterns.find((p) => p.line === theirs.decidingPattern(rel)!.line), `decidingPattern(${JSON.stringify(rel)}) with ${JSON.stringify(text)}`);
      if (mine.ignores(rel)) ignored++;
      if (mine.decidingPattern(rel)) decided++;
    }
  }
  // The generator reaches both answers often (a generator that never matches would prove nothing).
  assert.ok(ignored > 5000 && decided > 10000, `${ignored} ignored, ${decided} decided`);
});

test('common .dockerignore files: same answers on paths that match by prefix, suffix and parents', () => {
  const text = ['node_modules', '**/*.log', '!keep.log', '/dist/', 'build/**', '!build/keep', '.git', 'tmp*', '*.tmp', 'docs/**/*.md', '!docs/README.md', '**/__pycache__', 'a?c', '.env*', '!.env.example'].join('\n');
  const paths = ['node_modules', 'node_modules/x/y.js', 'a.log', 'x/keep.log', 'keep.log', 'dist', 'dist/a', 'src/dist', 'build/a', 'build/keep', 'build/keep/x', '.git/HEAD', 'tmp1/x', 'x/tmp1', 'a.tmp', 'x/a.tmp', 'docs/a/b.md', 'docs/README.md', 'x/__pycache__/a.pyc', 'abc', 'abc/d', 'a/abc', '.env', '.env.local', '.env.example', 'src/main.go'];
  const mine = ignoreMatcher(text);
  const theirs = oracle(text);
  for (const rel of paths) {
    assert.equal(mine.ignores(rel), theirs.ignores(rel), rel);
    assert.equal(mine.decidingPattern(rel)?.line, theirs.decidingPattern(rel)?.line, rel);
  }
});

// Each .dockerignore of the corpora (SLIPWAY_REAL_CORPUS / SLIPWAY_FRESH_CORPUS) against every path
// under its folder, and those paths' folders.
const corpora = ['SLIPWAY_REAL_CORPUS', 'SLIPWAY_FRESH_CORPUS'].map((e) => process.env[e]).filter((d): d is string => !!d);
test('real .dockerignore files against the paths of their own folders', { skip: corpora.length === 0 && 'SLIPWAY_REAL_CORPUS not set' }, () => {
  let files = 0;
  let compared = 0;
  for (const ignoreFile of corpora.flatMap((c) => under(c).filter((p) => p.endsWith('/.dockerignore')))) {
    const text = readFileSync(ignoreFile, 'utf8');
    const mine = ignoreMatcher(text);
    const theirs = oracle(text);
    files++;
    for (const abs of under(dirname(ignoreFile))) {
      for (let rel = relative(dirname(ignoreFile), abs); rel !== '.'; rel = dirname(rel)) {
        compared++;
        assert.equal(mine.ignores(rel), theirs.ignores(rel), `${ignoreFile}: ${rel}`);
        assert.equal(mine.decidingPattern(rel)?.line, theirs.decidingPattern(rel)?.line, `${ignoreFile}: ${rel}`);
      }
    }
  }
  assert.ok(files > 0, 'the corpora hold .dockerignore files');
  console.log(`${files} .dockerignore files, ${compared} paths compared`);
});

function under(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => !e.isSymbolicLink()).map((e) => join(e.parentPath, e.name));
}
