// seqalt.ts ROUNDS REPEATS DIR: identical builds A and B (two copies), `check DIR` results kept, timed
// (a) sequentially (all runs of A, then all of B: hyperfine's order) and (b) alternated; REPEATS times each.
import { measureAlternated } from '/work/wt/bench9/bench/alternate.ts';
import { loadavg } from 'node:os';
const [rounds, repeats, dir] = process.argv.slice(2);
const H = '/usr/bin/hyperfine';
const cmd = (label: string, cli: string, x: string) => ({ label, argv: [process.execPath, cli, 'check', dir!], env: { XDG_CACHE_HOME: `/tmp/bench9/sa-x/${x}` } });
const A = cmd('A', '/work/wt/bench9/dist/slipway.js', 'A');
const B = cmd('B', '/tmp/bench9/same/dist/slipway.js', 'B');
measureAlternated([A, B], 1, 2, H); // caches: code cache from a many-files run, ShellCheck's results
const load = () => loadavg()[0]!.toFixed(1);
for (let r = 0; r < Number(repeats); r++) {
  for (const mode of ['sequential', 'alternated']) {
    const l0 = load();
    const [a, b] = mode === 'sequential' ? [measureAlternated([A], Number(rounds), 0, H)[0]!, measureAlternated([B], Number(rounds), 0, H)[0]!] : measureAlternated([A, B], Number(rounds), 0, H);
    console.log(`${mode.padEnd(11)} A ${a.cpu.toFixed(0)} B ${b.cpu.toFixed(0)} ms CPU: B/A ${(b.cpu / a.cpu).toFixed(3)}   wall median B/A ${(b.median / a.median).toFixed(3)}  load ${l0} -> ${load()}`);
  }
}
