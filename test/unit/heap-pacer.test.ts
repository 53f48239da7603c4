// The heap pacer `check` calls between windows of Dockerfiles (src/engine/heap-pacer.ts): once the old
// generation grew past its budget it collects, and garbage left there is gone; within the budget it does nothing.

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { getHeapSpaceStatistics } from 'node:v8';
import { heapPacer } from '../../src/engine/heap-pacer.js';
import { collect } from './corpus-memory.js';

const oldSpaceUsed = () => getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')!.space_used_size;
const MB = 1024 * 1024;

/** About `mb` MB of objects moved to the old generation (held through full collections), then let go. */
async function oldGarbage(mb: number): Promise<void> {
  const held: { a: number[] }[] = [];
  for (let i = 0; i < mb * 1024; i++) held.push({ a: new Array(120).fill(i) }); // ~1 kB each
  await collect();
  held.length = 0;
}

it('collects the old generation once it grew past the budget, and only then', async () => {
  await collect();
  const within = heapPacer(64 * MB);
  const past = heapPacer(4 * MB);
  await oldGarbage(12);
  const withGarbage = oldSpaceUsed();
  within();
  assert.ok(oldSpaceUsed() >= withGarbage - 1 * MB, `within its budget the pacer left the garbage (${(withGarbage / MB).toFixed(1)} → ${(oldSpaceUsed() / MB).toFixed(1)} MB)`);
  past();
  assert.ok(oldSpaceUsed() < withGarbage - 8 * MB, `past its budget the pacer collected (${(withGarbage / MB).toFixed(1)} → ${(oldSpaceUsed() / MB).toFixed(1)} MB)`);
});
