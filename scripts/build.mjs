// Bundles slipway into dist/ with esbuild: no TypeScript at run time.
//   dist/cli.cjs      the whole CLI, one CommonJS file (so V8's code cache can hold it)
//   dist/slipway.js   the bin (CommonJS): answers `check --cache` hits, else loads cli.cjs with the code cache
//   dist/release-early.cjs  `release` only: asks git before cli.cjs loads (the launcher requires it)
//   dist/lib.mjs      the library (ESM)
import { build } from 'esbuild';
import { lazyPackages } from './lazy-packages.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// SLIPWAY_DIST: another output folder (a test builds the bin there to run it as users do).
const dist = (file) => join(process.env.SLIPWAY_DIST || fileURLToPath(new URL('../dist', import.meta.url)), file);

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// dockerfile-ast is CommonJS and requires vscode-languageserver-types/-textdocument, whose `exports` offer
// esbuild an ES module ("module" condition). Bundled that way every `Range.create`/`Position.create` of the
// parser goes through two interop getters (~80 ms of 750 on 481 real Dockerfiles); their CommonJS build,
// the one Node itself loads, is plain property reads.
const commonJsBuild = {
  name: 'commonjs-build',
  setup(b) {
    b.onResolve({ filter: /^vscode-languageserver-(types|textdocument)$/ }, (args) => ({
      path: createRequire(join(args.resolveDir, 'x.js')).resolve(args.path),
    }));
  },
};
// Packages the CLI bundle evaluates on first use instead of at start (lazy-packages.mjs): a check of a
// project without YAML (one Dockerfile) never calls yaml, whose module top level ran at every start.
const LAZY_PACKAGES = /^(yaml)$/;
const common = {
  bundle: true,
  plugins: [commonJsBuild],
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  minify: process.env.SLIPWAY_NO_MINIFY !== '1',
  keepNames: true,
  define: { __SLIPWAY_VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
};
// In the CommonJS bundle `import.meta.url` is this file's URL.
await build({
  ...common,
  plugins: [...common.plugins, lazyPackages(LAZY_PACKAGES)],
  format: 'cjs',
  entryPoints: ['src/cli/bin.ts'],
  outfile: dist('cli.cjs'),
  define: { ...common.define, 'import.meta.url': '__slipwayUrl' },
  banner: { js: "const __slipwayUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// The bin is CommonJS too (dist/package.json says so): Node starts a CommonJS file ~6 ms sooner than
// an ES module, which is most of what `check --cache` costs on a hit.
await build({
  ...common,
  format: 'cjs',
  entryPoints: ['src/cli/launcher.ts'],
  outfile: dist('slipway.js'),
  define: { ...common.define, 'import.meta.url': '__slipwayUrl' },
  banner: { js: "#!/usr/bin/env node\nconst __slipwayUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// `release` only: the launcher loads this alone to ask git before dist/cli.cjs loads.
await build({ ...common, format: 'cjs', entryPoints: ['src/release/early-git.ts'], outfile: dist('release-early.cjs') });
writeFileSync(dist('package.json'), '{ "type": "commonjs" }\n');
// The launcher reads cli.cjs as latin1 when it is ASCII (a copy), else as UTF-8, which makes V8 hold a
// two-byte string and costs ~15 ms more at every start. esbuild escapes strings, not regular expressions.
const cli = readFileSync(dist('cli.cjs'));
const nonAscii = cli.findIndex((b) => b > 0x7f);
if (nonAscii >= 0) {
  const context = cli.subarray(Math.max(0, nonAscii - 60), nonAscii + 20).toString('utf8');
  const problem = `dist/cli.cjs is not ASCII at byte ${nonAscii} (…${context}…): write that character as a \\u escape in the source`;
  // An unminified build keeps the comments, which may say anything: it is for reading, not for speed.
  if (common.minify) throw new Error(problem);
  console.warn(`${problem} (unminified build: starts slower)`);
}
await build({
  ...common,
  format: 'esm',
  entryPoints: ['src/index.ts'],
  outfile: dist('lib.mjs'),
  banner: { js: "import { createRequire as __slipwayRequire } from 'node:module'; const require = __slipwayRequire(import.meta.url);" },
});
