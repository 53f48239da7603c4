// The code cache keeps one file per module, in the user's own cache dir (mode 700/600),
// replaced when the module changes; and a module loads the same with or without it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const dir = mkdtempSync(join(tmpdir(), 'slipway-cc-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const loader = fileURLToPath(new URL('../../src/util/code-cache.ts', import.meta.url));

function load(env: Record<string, string> = {}): string {
  const script = `import { requireWithCodeCache } from ${JSON.stringify(loader)};
    console.log(requireWithCodeCache('./mod.cjs', ${JSON.stringify(`file://${dir}/x.js`)}).answer);`;
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, XDG_CACHE_HOME: join(dir, 'cache'), ...env },
    encoding: 'utf8',
  }).trim();
}

test('one cache file per module, private, replaced when the module changes', () => {
  writeFileSync(join(dir, 'mod.cjs'), 'module.exports = { answer: 41 + 1 };\n');
  assert.equal(load(), '42');
  assert.equal(load(), '42'); // from the cache
  const cacheDir = join(dir, 'cache', 'slipway');
  const first = readdirSync(cacheDir);
  assert.equal(first.length, 1);
  assert.equal(statSync(cacheDir).mode & 0o777, 0o700);
  assert.equal(statSync(join(cacheDir, first[0]!)).mode & 0o777, 0o600);
  writeFileSync(join(dir, 'mod.cjs'), 'module.exports = { answer: "changed, and longer" };\n');
  assert.equal(load(), 'changed, and longer');
  const second = readdirSync(cacheDir);
  assert.equal(second.length, 1);
  assert.notEqual(second[0], first[0]);
  assert.equal(load({ SLIPWAY_NO_CODE_CACHE: '1' }), 'changed, and longer');
});
