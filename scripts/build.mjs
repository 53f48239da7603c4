// Bundles slipway into dist/ with esbuild: no TypeScript at run time.
//   dist/cli.cjs      the whole CLI, one CommonJS file (so V8's code cache can hold it)
//   dist/slipway.js   the bin: a few lines that load cli.cjs with the code cache
//   dist/lib.js       the library (ESM)
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

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
await build({
  ...common,
  format: 'esm',
  entryPoints: ['src/cli/launcher.ts'],
  outfile: 'dist/slipway.js',
  banner: { js: '#!/usr/bin/env node' },
});
await build({
  ...common,
  format: 'esm',
  entryPoints: ['src/index.ts'],
  outfile: 'dist/lib.js',
  banner: { js: "import { createRequire as __slipwayRequire } from 'node:module'; const require = __slipwayRequire(import.meta.url);" },
});
