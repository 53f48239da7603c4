// The build's lazy-packages plugin (scripts/lazy-packages.mjs): a package it names is evaluated on first
// use of an export, not when the bundle starts, and every export still works (functions, classes,
// properties of a function). Without the plugin the same bundle evaluates the package at start.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { build, type Plugin } from 'esbuild';
// @ts-expect-error: a build script in plain JavaScript, without type declarations
import { lazyPackages } from '../../scripts/lazy-packages.mjs';

const dir = mkdtempSync(join(tmpdir(), 'slipway-lazy-packages-'));
after(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'node_modules', 'fakepkg'), { recursive: true });
writeFileSync(
  join(dir, 'node_modules', 'fakepkg', 'index.js'),
  'globalThis.fakepkgEvaluations = (globalThis.fakepkgEvaluations ?? 0) + 1;\n' +
    'exports.double = (x) => x * 2;\nexports.double.TAG = "tag";\nexports.Box = class Box { constructor(v) { this.v = v; } };\n',
);
writeFileSync(
  join(dir, 'entry.mjs'),
  'import { double, Box } from "fakepkg";\n' +
    'export const atStart = globalThis.fakepkgEvaluations ?? 0;\n' +
    'export function use() { return [double(2), new Box(3).v, double.TAG, new Box(1) instanceof Box]; }\n',
);

async function bundle(name: string, plugins: Plugin[]): Promise<{ atStart: number; use: () => unknown[] }> {
  const outfile = join(dir, `${name}.cjs`);
  await build({ entryPoints: [join(dir, 'entry.mjs')], bundle: true, format: 'cjs', platform: 'node', outfile, plugins, logLevel: 'error' });
  (globalThis as { fakepkgEvaluations?: number }).fakepkgEvaluations = undefined;
  return createRequire(import.meta.url)(outfile);
}
const evaluations = () => (globalThis as { fakepkgEvaluations?: number }).fakepkgEvaluations ?? 0;

test('a lazy package is evaluated on the first use of an export, once, and every export works', async () => {
  const lazy = await bundle('lazy', [lazyPackages(/^fakepkg$/) as Plugin]);
  assert.equal(lazy.atStart, 0);
  assert.equal(evaluations(), 0);
  assert.deepEqual(lazy.use(), [4, 3, 'tag', true]);
  assert.equal(evaluations(), 1);
  lazy.use();
  assert.equal(evaluations(), 1);
});

test('without the plugin the package is evaluated when the bundle starts', async () => {
  const eager = await bundle('eager', []);
  assert.equal(eager.atStart, 1);
  assert.deepEqual(eager.use(), [4, 3, 'tag', true]);
});
