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

// The module files here are written just before they load: within the loader's "racy" window, where it
// writes no cache. These tests close the window (0 ms) unless they test it.
function load(env: Record<string, string> = {}, variant = ''): string {
  const script = `import { requireWithCodeCache } from ${JSON.stringify(loader)};
    console.log(requireWithCodeCache('./mod.cjs', ${JSON.stringify(`file://${dir}/x.js`)}, ${JSON.stringify(variant)}).answer);`;
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, XDG_CACHE_HOME: join(dir, 'cache'), SLIPWAY_CODE_CACHE_RACY_MS: '0', ...env },
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

// Reproducers 16–18 of the hardening report, own fixtures: a forged cache in a folder others can write,
// a corrupt cache, a shared cache folder with planted symlinks.
import { chmodSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import vm from 'node:vm';
import Module from 'node:module';

function cacheFiles(): string[] {
  return readdirSync(join(dir, 'cache', 'slipway')).filter((f) => f.endsWith('.v8cache'));
}

test('a corrupt cache file (a block zeroed) is ignored and replaced: a normal start, no crash', () => {
  writeFileSync(join(dir, 'mod.cjs'), 'module.exports = { answer: 6 * 7 };\n');
  assert.equal(load(), '42');
  assert.equal(load(), '42');
  const file = join(dir, 'cache', 'slipway', cacheFiles()[0]!);
  const bytes = readFileSync(file);
  bytes.fill(0, 100, Math.min(bytes.length, 100 + 4096));
  writeFileSync(file, bytes, { mode: 0o600 });
  assert.equal(load(), '42');
  assert.equal(load(), '42');
});

test('a forged cache is not trusted from a folder others can write to; a shared folder gets no cache at all', () => {
  const source = `module.exports = { answer: 40 + 2 }; // ${'x'.repeat(60)}\n`;
  writeFileSync(join(dir, 'mod.cjs'), source);
  // The forgery: same length, other code, with a header that claims the real source.
  const evil = "module.exports = { answer: 'PWNED' };".padEnd(source.length - 1) + '\n';
  assert.equal(evil.length, source.length);
  const wrapped = (Module as any).wrap(evil);
  const script = new vm.Script(wrapped, { filename: join(dir, 'mod.cjs') });
  script.runInThisContext();
  const data = script.createCachedData();
  const sha = (...p: (string | Buffer)[]) => p.reduce((h, x) => h.update(x), createHash('sha256')).digest();
  const key = sha(process.version, '\0', source);
  const shared = join(dir, 'shared');
  mkdirSync(join(shared, 'slipway'), { recursive: true });
  chmodSync(join(shared, 'slipway'), 0o777);
  const prefix = sha(join(dir, 'mod.cjs'), '\0', '').toString('hex').slice(0, 12); // the name the loader would trust
  const name = `${prefix}-${key.toString('hex').slice(0, 16)}.v8cache`;
  writeFileSync(join(shared, 'slipway', name), Buffer.concat([Buffer.from('SLWYV8C1'), key, sha(data), data]));
  const victim = join(dir, 'victim.txt');
  writeFileSync(victim, 'VICTIM\n');
  for (let i = 0; i < 50; i++) symlinkSync(victim, join(shared, 'slipway', `planted-${i}.tmp`));
  assert.equal(load({ XDG_CACHE_HOME: shared }), '42');
  assert.equal(load({ XDG_CACHE_HOME: shared }), '42');
  assert.equal(readFileSync(victim, 'utf8'), 'VICTIM\n');
  assert.equal(readdirSync(join(shared, 'slipway')).filter((f) => f.endsWith('.v8cache')).length, 1, 'nothing written there');
});

test('one cache per variant (the command): each kept beside the others, each replaced when the module changes', () => {
  const cache = join(dir, 'variants');
  const files = () => readdirSync(join(cache, 'slipway')).filter((f) => f.endsWith('.v8cache')).sort();
  writeFileSync(join(dir, 'mod.cjs'), 'module.exports = { answer: 40 + 2 };\n');
  assert.equal(load({ XDG_CACHE_HOME: cache }, 'check'), '42');
  assert.equal(load({ XDG_CACHE_HOME: cache }, '-'), '42');
  assert.equal(load({ XDG_CACHE_HOME: cache }, 'check'), '42');
  const before = files();
  assert.equal(before.length, 2);
  writeFileSync(join(dir, 'mod.cjs'), 'module.exports = { answer: "a new version" };\n');
  assert.equal(load({ XDG_CACHE_HOME: cache }, 'check'), 'a new version');
  const after = files();
  assert.equal(after.length, 2, 'the old check cache is replaced, the other variant kept');
  assert.equal(after.filter((f) => before.includes(f)).length, 1);
});

test('a module changed moments ago ("racy": its times may not change again) gets no cache written, and a cache is used for it only if its bytes match', () => {
  const cache = join(dir, 'racy');
  const files = () => readdirSync(join(cache, 'slipway')).filter((f) => f.endsWith('.v8cache'));
  const racy = { XDG_CACHE_HOME: cache, SLIPWAY_CODE_CACHE_RACY_MS: '60000' };
  const source = `module.exports = { answer: 40 + 2 }; // ${'y'.repeat(40)}\n`;
  writeFileSync(join(dir, 'mod.cjs'), source);
  assert.equal(load(racy), '42');
  assert.equal(load(racy), '42');
  assert.deepEqual(files(), [], 'no cache for a module changed within the window');
  assert.equal(load({ XDG_CACHE_HOME: cache }), '42'); // window closed: written
  const [name] = files();
  assert.ok(name);
  // The same file, its identity unchanged, as a racy run sees it: the cache still matches its bytes.
  assert.equal(load(racy), '42');
  // A cache under this identity made from other code of the same length (what a second write within
  // the same timestamp tick would leave): a racy run checks the bytes and does not run it.
  const evil = "module.exports = { answer: 'STALE' };".padEnd(source.length - 1) + '\n';
  const script = new vm.Script((Module as any).wrap(evil), { filename: join(dir, 'mod.cjs') });
  script.runInThisContext();
  const data = script.createCachedData();
  const sha = (...p: (string | Buffer)[]) => p.reduce((h, x) => h.update(x), createHash('sha256')).digest();
  const file = join(cache, 'slipway', name);
  const header = readFileSync(file).subarray(0, 8 + 32); // magic and the identity of mod.cjs as it is
  writeFileSync(file, Buffer.concat([header, sha(process.version, '\0', evil), sha(data), data]), { mode: 0o600 });
  assert.equal(load(racy), '42');
  // Past the window the identity is trusted: the bytes are not hashed (that is the saving), so this
  // forged entry is believed — which is why a cache is only ever written past the window.
  assert.equal(load({ XDG_CACHE_HOME: cache }), 'STALE');
});
