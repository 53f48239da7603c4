// Bundles slipway into dist/ with esbuild: no TypeScript at run time.
//   dist/cli.cjs      the whole CLI, one CommonJS file (so V8's code cache can hold it)
//   dist/slipway.js   the bin (CommonJS): answers `check --cache` hits, else loads cli.cjs with the code cache
//   dist/lib.mjs      the library (ESM)
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
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
  format: 'cjs',
  entryPoints: ['src/cli/bin.ts'],
  outfile: 'dist/cli.cjs',
  define: { ...common.define, 'import.meta.url': '__slipwayUrl' },
  banner: { js: "const __slipwayUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// The bin is CommonJS too (dist/package.json says so): Node starts a CommonJS file ~6 ms sooner than
// an ES module, which is most of what `check --cache` costs on a hit.
await build({
  ...common,
  format: 'cjs',
  entryPoints: ['src/cli/launcher.ts'],
  outfile: 'dist/slipway.js',
  define: { ...common.define, 'import.meta.url': '__slipwayUrl' },
  banner: { js: "#!/usr/bin/env node\nconst __slipwayUrl = require('node:url').pathToFileURL(__filename).href;" },
});
writeFileSync(new URL('../dist/package.json', import.meta.url), '{ "type": "commonjs" }\n');
await build({
  ...common,
  format: 'esm',
  entryPoints: ['src/index.ts'],
  outfile: 'dist/lib.mjs',
  banner: { js: "import { createRequire as __slipwayRequire } from 'node:module'; const require = __slipwayRequire(import.meta.url);" },
});
