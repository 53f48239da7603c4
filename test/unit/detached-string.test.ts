// A finding's message (src/util/detached-string.ts): the same characters, none of the strings it was cut or
// joined from kept alive, and equal messages kept once.

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { detachedString } from '../../src/util/detached-string.js';
import { collect } from './corpus-memory.js';

const heapUsed = async () => {
  await collect();
  return process.memoryUsage().heapUsed;
};
const MB = 1024 * 1024;

it('keeps the characters of any string, those that are property names of their own kind too', () => {
  const big = 'x'.repeat(100_000);
  for (const s of ['', '42', '4294967294', '4294967295', '-0', '01', '__proto__', 'constructor', 'toString', '\ud800 lone', 'ünï 🐳', big, big.slice(5, 50) + '!']) {
    assert.equal(detachedString(s), s);
  }
});

it('keeps no string a message was cut from', async () => {
  const before = await heapUsed();
  const kept: string[] = [];
  for (let i = 0; i < 64; i++) {
    const script = `${i} `.repeat(200_000); // ~0.5–1 MB each, cut below as a rule cuts a word from a RUN script
    kept.push(detachedString(`unpinned: ${script.slice(100, 160)}`));
  }
  const grew = (await heapUsed()) - before;
  assert.ok(grew < 4 * MB, `64 messages keep ${(grew / MB).toFixed(1)} MB`);
  assert.equal(kept.length, 64);
});

it('keeps equal messages once', async () => {
  const before = await heapUsed();
  const kept: string[] = [];
  for (let i = 0; i < 20_000; i++) kept.push(detachedString(`Pin the version of apt package '${'ca-certificates'.repeat(30)}' (${i % 2 ? 'x' : 'x'})`));
  const grew = (await heapUsed()) - before;
  // 20,000 copies of a ~470-character message would be ~9 MB; one copy and the array's 160 kB are far less.
  assert.ok(grew < 1 * MB, `20,000 equal messages keep ${(grew / MB).toFixed(1)} MB`);
  assert.equal(new Set(kept).size, 1); // held to here
});
