// The options of `slipway check`, shared by the command and by the --cache hit path (which must read
// the same arguments the same way without loading the checker).

import type { ParseArgsConfig } from 'node:util';

export const CHECK_OPTIONS = {
  format: { type: 'string', short: 'f', default: 'text' },
  output: { type: 'string', short: 'o' },
  'failure-threshold': { type: 'string', short: 't' },
  fix: { type: 'boolean', default: false },
  'fix-dry-run': { type: 'boolean', default: false },
  'stdin-filename': { type: 'string' },
  config: { type: 'string', short: 'c' },
  ignore: { type: 'string', multiple: true, default: [] as string[] },
  'trusted-registry': { type: 'string', multiple: true, default: [] as string[] },
  target: { type: 'string' },
  image: { type: 'string', multiple: true, default: [] as string[] },
  'image-file': { type: 'string', multiple: true, default: [] as string[] },
  registry: { type: 'boolean', default: false },
  'no-color': { type: 'boolean', default: false },
  'no-shellcheck-cache': { type: 'boolean', default: false },
  cache: { type: 'boolean', default: false },
  'cache-location': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];
