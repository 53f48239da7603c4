// ab1.ts RUNS DIR "extra args" name=cli ... : one-project alternated A/B, each build its own XDG, prints CPU mean ± sem
import { measureAlternated } from '/work/wt/bench9/bench/alternate.ts';
import { mkdtempSync } from 'node:fs';
import { loadavg } from 'node:os';
const [runs, dir, extra, ...builds] = process.argv.slice(2);
const w = mkdtempSync('/tmp/bench9/ab1-');
const cmds = [{ label: 'node -e 0', argv: [process.execPath, '-e', '0'] }, ...builds.map((b) => {
  const [name, cli] = b.split('=');
  return { label: name!, argv: [process.execPath, cli!, 'check', ...(extra ? extra.split(' ') : []), dir!], env: { XDG_CACHE_HOME: `${w}/x-${name}` } };
})];
console.log('load before', loadavg().map((x) => x.toFixed(1)).join(' '));
const r = measureAlternated(cmds, Number(runs), 3, '/usr/bin/hyperfine');
for (const m of r) console.log(`${m.label.padEnd(12)} cpu ${m.cpu.toFixed(1)} ms  median wall ${m.median.toFixed(1)}  min ${m.min.toFixed(1)}  cpu/node ${(m.cpu / r[0]!.cpu).toFixed(3)}`);
console.log('load after', loadavg().map((x) => x.toFixed(1)).join(' '));
