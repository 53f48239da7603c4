// compareText must order exactly as ICU's English collation (localeCompare(b, 'en')), which the
// rule table, reports and discovery used before: checked on every pair of short strings, on random
// strings with shared prefixes, on the rule set, and on every path of the committed corpora.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RULES } from '../../src/rules/index.js';
import { compareText } from '../../src/util/compare-text.js';

const icu = new Intl.Collator('en').compare;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));

function assertSameOrder(a: string, b: string): void {
  const want = Math.sign(icu(a, b));
  if (compareText(a, b) !== want) assert.fail(`compareText(${JSON.stringify(a)}, ${JSON.stringify(b)}) = ${compareText(a, b)}, ICU says ${want}`);
}

test('every pair of printable ASCII characters, alone and before a common tail', () => {
  for (const x of PRINTABLE) {
    for (const y of PRINTABLE) {
      assertSameOrder(x, y);
      assertSameOrder(`${x}b`, `${y}a`);
      assertSameOrder(`a${x}`, `A${y}`);
    }
  }
});

test('every pair of strings up to 3 characters over letters of both cases, digits and punctuation', () => {
  const alphabet = ['a', 'A', 'b', 'B', '-', '_', '.', '/', '0', ' '];
  const strings = [''];
  for (let len = 1, layer = ['']; len <= 3; len++) {
    layer = layer.flatMap((s) => alphabet.map((c) => s + c));
    strings.push(...layer);
  }
  for (const a of strings) for (const b of strings) assertSameOrder(a, b);
});

test('random printable strings with shared prefixes and case changes (fixed seed)', () => {
  let seed = 15;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const word = () => Array.from({ length: rand(12) }, () => PRINTABLE[rand(PRINTABLE.length)]).join('');
  for (let i = 0; i < 50_000; i++) {
    const prefix = word();
    const a = prefix + word();
    let b = rand(3) === 0 ? a.toUpperCase() : prefix + word();
    if (rand(4) === 0) b = b.slice(0, rand(b.length + 1));
    assertSameOrder(a, b);
  }
});

test('outside printable ASCII it is ICU itself (non-ASCII, control characters)', () => {
  const pairs = [['é', 'f'], ['e\u0301', 'é'], ['a\tb', 'a b'], ['a\u0000b', 'ab'], ['Ärger', 'Zebra'], ['日本', 'abc'], ['aa', 'ab'], ['ab', 'ä']];
  for (const [a, b] of pairs) assertSameOrder(a!, b!);
});

test('the rule table sorts the same, whatever the locale says', () => {
  const ids = RULES.map((r) => r.meta.id);
  assert.deepEqual([...ids].sort(icu), ids);
  const aliases = RULES.flatMap((r) => [r.meta.id, ...r.meta.aliases]);
  assert.deepEqual([...aliases].sort(compareText), [...aliases].sort(icu));
});

test('every path of the committed corpora and fixtures sorts the same', () => {
  const paths: string[] = [];
  for (const dir of ['test/ecosystem/corpus', 'test/fixtures', 'examples', 'src']) {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })) {
      const full = join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
      paths.push(relative(ROOT, full), e.name);
    }
  }
  assert.ok(paths.length > 1000, `only ${paths.length} paths`);
  assert.deepEqual([...paths].sort(compareText), [...paths].sort(icu));
  for (let i = 1; i < paths.length; i++) assertSameOrder(paths[i - 1]!, paths[i]!);
});
