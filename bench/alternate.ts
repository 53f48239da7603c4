// Whole-process timing for the benchmarks, alternated: every round runs each command once (hyperfine
// `-N --runs 1` per command, for its exact user+system CPU), the order reversed every other round, so
// that a shared machine's load, a cache another command fills, or the page cache weigh on every
// command alike. hyperfine's own multi-command run does all the runs of one command, then the next:
// a load that changes between them lands on one command only.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Command {
  label: string;
  argv: string[];
  /** Added to this process's environment (e.g. each build's own XDG_CACHE_HOME). */
  env?: Record<string, string>;
}

export interface Measured {
  label: string;
  min: number;
  median: number;
  /** Mean user + system CPU ms (children included), NaN without hyperfine. */
  cpu: number;
  /** Standard error of that mean: how far apart two rows may be by chance (about 2 of it). */
  cpuSem: number;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** `warmups` rounds, then `runs` timed rounds; in each round every command runs once. */
export function measureAlternated(commands: Command[], runs: number, warmups: number, hyperfine: string | null): Measured[] {
  const wall: number[][] = commands.map(() => []);
  const cpu: number[][] = commands.map(() => []);
  const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-alt-'));
  try {
    for (let round = 0; round < warmups + runs; round++) {
      const order = commands.map((_, i) => i);
      if (round % 2) order.reverse();
      for (const i of order) {
        const s = runOnce(commands[i]!, hyperfine, join(dir, 'one.json'));
        if (round < warmups) continue;
        wall[i]!.push(s.wall);
        cpu[i]!.push(s.cpu);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return commands.map((c, i) => ({ label: c.label, min: Math.min(...wall[i]!), median: median(wall[i]!), ...meanAndSem(cpu[i]!) }));
}

function meanAndSem(xs: number[]): { cpu: number; cpuSem: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(1, xs.length - 1);
  return { cpu: mean, cpuSem: Math.sqrt(variance / xs.length) };
}

/** One run: wall ms, and user + system CPU ms from hyperfine (NaN without it). Output goes to /dev/null. */
function runOnce(c: Command, hyperfine: string | null, json: string): { wall: number; cpu: number } {
  const env = { ...process.env, ...c.env };
  if (!hyperfine) {
    const t = performance.now();
    spawnSync(c.argv[0]!, c.argv.slice(1), { stdio: 'ignore', env });
    return { wall: performance.now() - t, cpu: NaN };
  }
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  execFileSync(hyperfine, ['-N', '-i', '--style', 'none', '--runs', '1', '--export-json', json, c.argv.map(quote).join(' ')], { stdio: 'ignore', env });
  const r = (JSON.parse(readFileSync(json, 'utf8')) as { results: { mean: number; user: number; system: number }[] }).results[0]!;
  return { wall: r.mean * 1000, cpu: (r.user + r.system) * 1000 };
}
