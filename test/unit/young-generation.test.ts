// The young generation a check runs with (src/engine/young-generation.ts): it grows once the check lets it,
// and stops at its cap; left alone, V8 grows it to 16 MB semi-spaces. Each case in a process of its own,
// started with factor 1 as the launcher starts `check` (src/cli/launch-flags.ts).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const module = fileURLToPath(new URL('../../src/engine/young-generation.ts', import.meta.url));

/** Semi-space size (MB) after keeping ~48 MB of small objects alive, polling the cap every ~1 MB when `capped`. */
function semiSpaceAfterGrowth(capped: boolean): number {
  const script = `import { capYoungGeneration, letYoungGenerationGrow } from ${JSON.stringify(module)};
    import { getHeapSpaceStatistics } from 'node:v8';
    letYoungGenerationGrow();
    const kept = [];
    for (let i = 0; i < 48 * 1024; i++) {
      kept.push({ a: new Array(100).fill(i) }); // ~1 kB, alive to the end: survives every young collection
      if (${capped} && i % 1024 === 0) capYoungGeneration();
    }
    const s = getHeapSpaceStatistics().find((x) => x.space_name === 'new_space');
    console.log(s.space_size / 2 / 1048576, kept.length);`;
  const r = spawnSync(process.execPath, ['--semi-space-growth-factor=1', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout.split(' ')[0]);
}

it('stops growing at the cap once the check lets it grow', () => {
  assert.ok(semiSpaceAfterGrowth(true) <= 8, 'capped at 8 MB semi-spaces');
});

it('without the cap, V8 grows it past the cap (what the cap saves)', () => {
  assert.ok(semiSpaceAfterGrowth(false) > 8);
});
