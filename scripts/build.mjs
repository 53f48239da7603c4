// Bundles the CLI and the library into dist/ with esbuild: one file each, no TypeScript at run time.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: false,
  legalComments: 'none',
  define: { __SLIPWAY_VERSION__: JSON.stringify(version) },
  // CommonJS dependencies (mvdan-sh, dockerfile-ast) call require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __slipwayRequire } from 'node:module'; const require = __slipwayRequire(import.meta.url);" },
  logLevel: 'warning',
};
await build({
  ...common,
  entryPoints: ['src/cli/bin.ts'],
  outfile: 'dist/slipway.js',
  banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
});
await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/lib.js' });
