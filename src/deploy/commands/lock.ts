// The deploy lock of one app on one server (after Kamal's commands/lock.rb, which uses mkdir).
// mkdir is atomic, so two deploys cannot both take it. Unlike Kamal's, the lock is held by a
// process: `holder` is the pid of a remote shell that waits on its stdin, which is the deploy's
// SSH session; the deploy releases the lock by sending it "release". A deploy that died — killed, or its connection cut — leaves the
// folder but no holder, so the next one can tell a running deploy from a stale lock. The lock is
// taken by the deploy session (session.ts); this file reads, releases and breaks it.

import type { Step } from '../../exec/index.js';

// Prints "none", or "alive <pid>" / "stale <pid>" then the details line.
const STATUS = [
  '[ -d "$1" ] || { echo none; exit 0; }',
  'pid=$(cat "$1/holder" 2>/dev/null)',
  'if [ -z "$pid" ]; then echo "alive starting"',
  'elif [ -d "/proc/$pid" ] || kill -0 "$pid" 2>/dev/null; then echo "alive $pid"',
  'else echo "stale $pid"; fi',
  'cat "$1/details.json" 2>/dev/null || echo "{}"',
].join('\n');

export function lockStatus(lockDir: string): Step {
  return { argv: ['sh', '-c', STATUS, 'sh', lockDir], label: 'read the deploy lock' };
}

export interface LockDetails {
  by?: string;
  host?: string;
  pid?: number;
  at?: string;
  command?: string;
  tag?: string;
}

export type LockState = { state: 'none' } | { state: 'alive' | 'stale'; holder: string; details: LockDetails };

export function parseLockStatus(stdout: string): LockState {
  const [first = '', second = ''] = stdout.split('\n');
  const m = /^(alive|stale) (\S+)$/.exec(first.trim());
  if (!m) return { state: 'none' };
  let details: LockDetails = {};
  try {
    const v = JSON.parse(second);
    if (v && typeof v === 'object') details = v as LockDetails;
  } catch {}
  return { state: m[1] as 'alive' | 'stale', holder: m[2]!, details };
}

/** Releases our own lock only: the holder must still be our pid. */
export function releaseLock(lockDir: string, holder: string): Step {
  return {
    argv: ['sh', '-c', '[ "$(cat "$1/holder" 2>/dev/null)" = "$2" ] && rm -rf -- "$1"', 'sh', lockDir, holder],
    label: 'release the deploy lock',
  };
}

/** Breaks a stale lock: only if the holder it names is still the dead one we saw. */
export function breakLock(lockDir: string, holder: string): Step {
  return {
    argv: ['sh', '-c', 'h=$(cat "$1/holder" 2>/dev/null); { [ "$h" = "$2" ] || [ -z "$h" ]; } && ! [ -d "/proc/$h" ] && rm -rf -- "$1"', 'sh', lockDir, holder],
    label: 'break the stale deploy lock',
  };
}

/** One line for people: who holds the lock, since when, doing what. */
export function describeLock(d: LockDetails): string {
  const parts = [d.by ? `by ${d.by}` : '', d.host ? `on ${d.host}` : '', d.at ? `at ${d.at}` : '', d.command ? `(${d.command}${d.tag ? ` ${d.tag}` : ''})` : ''];
  return parts.filter(Boolean).join(' ') || '(no details)';
}
