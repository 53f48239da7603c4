import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { tieringFor } from '../../src/cli/short-run-tiering.js';

test('short-lived commands get the short-run tiering; the language server and the opt-out keep V8 default', () => {
  assert.equal(tieringFor('check', {}), 'short-run');
  assert.equal(tieringFor('init', {}), 'short-run');
  assert.equal(tieringFor('-', {}), 'short-run');
  assert.equal(tieringFor('lsp', {}), 'default');
  assert.equal(tieringFor('check', { SLIPWAY_V8_DEFAULT_TIERING: '1' }), 'default');
});

test('the builtins loaded before the flag changes are real module names', () => {
  // A misspelt name would throw in the launcher before anything runs.
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', "import('./src/cli/short-run-tiering.ts').then((m) => m.tuneTieringFor('check', {}))"], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
