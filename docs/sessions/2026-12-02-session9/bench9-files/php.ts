// php.ts DIR: on one real project, ShellCheck alone (its calls replayed) beside slipway's cold / kept / ignore rows and the bare parse, alternated
import { measureAlternated } from '/work/wt/bench9/bench/alternate.ts';
import { shellcheckAlone } from '/work/wt/bench9/bench/shellcheck-alone.ts';
import { mkdtempSync } from 'node:fs';
import { loadavg } from 'node:os';
const dir = process.argv[2]!;
const runs = Number(process.argv[3] ?? 6);
const CLI = '/work/wt/bench9/dist/slipway.js';
const w = mkdtempSync('/tmp/bench9/php-');
const alone = shellcheckAlone(CLI, dir, `${w}/alone`, 'ShellCheck alone');
if ('skipped' in alone) throw new Error(alone.skipped);
const row = (label: string, args: string[]) => ({ label, argv: [process.execPath, CLI, 'check', ...args, dir], env: { XDG_CACHE_HOME: `${w}/x-${label.replace(/\W+/g, '-')}` } });
const cmds = [
  { label: 'node -e 0', argv: [process.execPath, '-e', '0'] },
  { label: 'bare parse', argv: [process.execPath, '/work/wt/bench9/bench/bare-parse.mjs', dir] },
  alone,
  row('check --no-shellcheck-cache', ['--no-shellcheck-cache']),
  row('check (results kept)', []),
  row('check --ignore shellcheck', ['--ignore', 'shellcheck']),
];
console.log(dir, 'load before', loadavg().map((x) => x.toFixed(1)).join(' '));
const r = measureAlternated(cmds, runs, 1, '/usr/bin/hyperfine');
for (const m of r) console.log(`${m.label.padEnd(44)} cpu ${m.cpu.toFixed(1).padStart(8)} ±${m.cpuSem.toFixed(1).padStart(6)} ms  median wall ${m.median.toFixed(1).padStart(8)}  cpu ÷ bare ${(m.cpu / r[1]!.cpu).toFixed(2)}x`);
console.log(`cold minus ShellCheck alone: ${(r[3]!.cpu - r[2]!.cpu).toFixed(1)} ms CPU (${((r[3]!.cpu - r[2]!.cpu) / r[1]!.cpu).toFixed(2)}x bare); kept ${r[4]!.cpu.toFixed(1)}`);
console.log('load after', loadavg().map((x) => x.toFixed(1)).join(' '));
