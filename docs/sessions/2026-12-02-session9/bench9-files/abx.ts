// abx.ts RUNS WARMUPS 'label::ENV=V ENV2=V::argv...' ... : alternated runs (bench/alternate.ts), CPU mean, median wall
import { measureAlternated } from '/work/wt/bench9/bench/alternate.ts';
import { loadavg } from 'node:os';
const [runs, warm, ...specs] = process.argv.slice(2);
const cmds = specs.map((s) => {
  const [label, envs, argv] = s.split('::');
  const env = Object.fromEntries((envs ?? '').split(' ').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
  return { label: label!, argv: argv!.split(' '), env };
});
console.log('load before', loadavg().map((x) => x.toFixed(1)).join(' '), new Date().toISOString());
const r = measureAlternated(cmds, Number(runs), Number(warm), '/usr/bin/hyperfine');
for (const m of r) console.log(`${m.label.padEnd(24)} cpu ${m.cpu.toFixed(1).padStart(7)} ms  median wall ${m.median.toFixed(1).padStart(7)}  min ${m.min.toFixed(1).padStart(7)}`);
console.log('load after', loadavg().map((x) => x.toFixed(1)).join(' '));
