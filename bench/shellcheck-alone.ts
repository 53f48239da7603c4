// The "ShellCheck alone" row: ShellCheck's own cost on exactly what slipway gives it, so the cold
// (--no-shellcheck-cache) rows can be judged against it in the same run. Nothing here knows how
// slipway picks, de-duplicates or batches scripts: one `check --no-shellcheck-cache` runs with a
// recording `shellcheck` first on PATH, which keeps each call's arguments, script files, start and
// end, around the real program; the row replays those calls (same arguments, same files, same order),
// the calls that overlapped in slipway's run side by side again, output to /dev/null.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from './alternate.js';

const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

interface Call {
  dir: string;
  argv: string[];
  start: bigint;
  end: bigint;
}

/**
 * Records the shellcheck calls of `check --no-shellcheck-cache dir` under `work` (slipway writes its
 * scripts to /dev/shm: put `work` there too, so the replay reads them from the same kind of file
 * system), and returns the command that replays them, or why not (no shellcheck, no call made).
 * `nodeArgs`: before `cli` (tests: tsx).
 */
export function shellcheckAlone(cli: string, dir: string, work: string, label: string, nodeArgs: string[] = []): Command | { skipped: string } {
  const real = spawnSync('sh', ['-c', 'command -v shellcheck'], { encoding: 'utf8' }).stdout.trim();
  if (!real) return { skipped: 'no shellcheck on PATH' };
  const bin = join(work, 'bin');
  const calls = join(work, 'calls');
  mkdirSync(bin, { recursive: true });
  mkdirSync(calls, { recursive: true });
  // Called in slipway's temp folder with relative script names, its output to slipway's files.
  writeFileSync(
    join(bin, 'shellcheck'),
    `#!/bin/sh
call=${sh(calls)}/$(date +%s%N)-$$
mkdir "$call" || exit 99
date +%s%N > "$call/start"
for a in "$@"; do printf '%s\\n' "$a" >> "$call/argv"; case "$a" in -*) ;; *) cp -- "$a" "$call/" ;; esac; done
${sh(real)} "$@"
code=$?
date +%s%N > "$call/end"
exit $code
`,
  );
  chmodSync(join(bin, 'shellcheck'), 0o755);
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, XDG_CACHE_HOME: join(work, 'xdg') };
  spawnSync(process.execPath, [...nodeArgs, cli, 'check', '--no-shellcheck-cache', dir], { stdio: 'ignore', env });
  const made: Call[] = readdirSync(calls).map((c) => {
    const read = (f: string) => readFileSync(join(calls, c, f), 'utf8');
    return { dir: join(calls, c), argv: read('argv').split('\n').filter(Boolean), start: BigInt(read('start').trim()), end: BigInt(read('end').trim()) };
  });
  if (!made.length) return { skipped: 'slipway made no shellcheck call' };
  const lines = ['#!/bin/sh'];
  for (const wave of waves(made)) {
    for (const c of wave) lines.push(`(cd ${sh(c.dir)} && exec ${[real, ...c.argv].map(sh).join(' ')} >/dev/null 2>&1) &`);
    lines.push('wait');
  }
  const script = join(work, 'replay.sh');
  writeFileSync(script, `${lines.join('\n')}\n`);
  const scripts = made.reduce((n, c) => n + readdirSync(c.dir).filter((f) => f.endsWith('.sh')).length, 0);
  return { label: `${label} (${scripts} scripts, ${made.length} call${made.length === 1 ? '' : 's'})`, argv: ['/bin/sh', script] };
}

/** The calls in start order, grouped: a call that starts while one of the group still runs joins it. */
export function waves<T extends { start: bigint; end: bigint }>(calls: T[]): T[][] {
  const out: T[][] = [];
  let end = -1n;
  for (const c of [...calls].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))) {
    if (out.length && c.start < end) out.at(-1)!.push(c);
    else out.push([c]);
    end = c.start < end ? (c.end > end ? c.end : end) : c.end;
  }
  return out;
}
