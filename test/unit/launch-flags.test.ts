// The V8 flags the launcher sets before the bundle loads (src/cli/launch-flags.ts, short-run-tiering.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', "import('./src/cli/launch-flags.ts').then((m) => m.setLaunchFlags('check', {}))"], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test("check's growth factor is back to its launch value when the bundle's code cache is written at exit", () => {
  // A module that lets the young generation grow, as a check that never reaches the cap does (a small project):
  // without the launcher putting the factor back, the cache written at exit carries other flags than the next
  // run loads it under, and every run rejects it and writes it again.
  const dir = mkdtempSync(join(tmpdir(), 'slipway-launch-flags-'));
  try {
    writeFileSync(join(dir, 'mod.cjs'), "require('node:v8').setFlagsFromString('--semi-space-growth-factor=2');\nmodule.exports = { answer: 42 };\n");
    const script = `import { setLaunchFlags } from './src/cli/launch-flags.ts';
      import { requireWithCodeCache } from './src/util/code-cache.ts';
      setLaunchFlags('check', {});
      console.log(requireWithCodeCache('./mod.cjs', ${JSON.stringify(`file://${dir}/x.js`)}, 'check').answer);`;
    const run = () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        encoding: 'utf8',
        env: { ...process.env, XDG_CACHE_HOME: join(dir, 'cache'), SLIPWAY_CODE_CACHE_RACY_MS: '0' },
      });
      assert.equal(r.stdout.trim(), '42', r.stderr);
      const [file] = readdirSync(join(dir, 'cache', 'slipway')).filter((f) => f.endsWith('.v8cache'));
      return statSync(join(dir, 'cache', 'slipway', file!)).ino; // a rewrite is a new file renamed into place
    };
    const written = run();
    assert.equal(run(), written, 'the second run accepted the cache and left it');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
