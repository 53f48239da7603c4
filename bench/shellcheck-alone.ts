// The "ShellCheck alone" row: ShellCheck's own cost on exactly what slipway gives it, so the cold
// (--no-shellcheck-cache) rows can be judged against it in the same run. Nothing here knows how
// slipway picks, de-duplicates or batches scripts: one `check --no-shellcheck-cache` runs with a
// recording `shellcheck` first on PATH, which keeps each call's arguments and script files and then
// runs the real program; the row replays those calls (same arguments, same files, same order, as many
// side by side as slipway ran at once — two), output to /dev/null.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from './alternate.js';

/** slipway runs at most this many shellcheck processes at once (src/engine/shellcheck/run.ts). */
const SIDE_BY_SIDE = 2;

const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Records the shellcheck calls of `check --no-shellcheck-cache dir` under `work`, and returns the
 * command that replays them, or why not (no shellcheck, no call made). `nodeArgs`: before `cli` (tests: tsx).
 */
export function shellcheckAlone(cli: string, dir: string, work: string, label: string, nodeArgs: string[] = []): Command | { skipped: string } {
  const real = spawnSync('sh', ['-c', 'command -v shellcheck'], { encoding: 'utf8' }).stdout.trim();
  if (!real) return { skipped: 'no shellcheck on PATH' };
  const bin = join(work, 'bin');
  const calls = join(work, 'calls');
  mkdirSync(bin, { recursive: true });
  mkdirSync(calls, { recursive: true });
  // Called in slipway's temp folder with relative script names; a call's folder sorts by start time.
  writeFileSync(
    join(bin, 'shellcheck'),
    `#!/bin/sh
call=${sh(calls)}/$(date +%s%N)-$$
mkdir "$call" || exit 99
for a in "$@"; do printf '%s\\n' "$a" >> "$call/argv"; case "$a" in -*) ;; *) cp -- "$a" "$call/" ;; esac; done
exec ${sh(real)} "$@"
`,
  );
  chmodSync(join(bin, 'shellcheck'), 0o755);
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, XDG_CACHE_HOME: join(work, 'xdg') };
  spawnSync(process.execPath, [...nodeArgs, cli, 'check', '--no-shellcheck-cache', dir], { stdio: 'ignore', env });
  const made = readdirSync(calls).sort();
  if (!made.length) return { skipped: 'slipway made no shellcheck call' };
  const lines = ['#!/bin/sh'];
  for (let i = 0; i < made.length; i += SIDE_BY_SIDE) {
    const round = made.slice(i, i + SIDE_BY_SIDE).map((c) => {
      const argv = readFileSync(join(calls, c, 'argv'), 'utf8').split('\n').filter(Boolean);
      return `(cd ${sh(join(calls, c))} && exec ${[real, ...argv].map(sh).join(' ')} >/dev/null 2>&1) &`;
    });
    lines.push(...round, 'wait');
  }
  const script = join(work, 'replay.sh');
  writeFileSync(script, `${lines.join('\n')}\n`);
  const scripts = made.reduce((n, c) => n + readdirSync(join(calls, c)).filter((f) => f.endsWith('.sh')).length, 0);
  return { label: `${label} (${scripts} scripts, ${made.length} call${made.length === 1 ? '' : 's'})`, argv: ['/bin/sh', script] };
}
