// The release history of one app on one server: .slipway/history.jsonl, one JSON object a line,
// appended (never rewritten) through stdin. A line cut short by a dead connection is skipped
// when read, so the file stays usable.

import type { Step } from '../../exec/index.js';

export type ReleaseResult = 'healthy' | 'unhealthy' | 'failed';

export interface HistoryEntry {
  /** ISO time the release finished. */
  time: string;
  action: 'deploy' | 'rollback' | 'auto-rollback';
  tag: string;
  image: string;
  digest?: string;
  by: string;
  result: ReleaseResult;
  /** Why it failed, short. */
  reason?: string;
}

/** One history line, stamped now; an empty digest or reason is left out. */
export function historyEntry(
  cfg: { image: string; by: string },
  e: { action: HistoryEntry['action']; tag: string; result: ReleaseResult; digest?: string | undefined; reason?: string | undefined },
): HistoryEntry {
  return {
    time: new Date().toISOString(),
    action: e.action,
    tag: e.tag,
    image: cfg.image,
    ...(e.digest ? { digest: e.digest } : {}),
    by: cfg.by,
    result: e.result,
    ...(e.reason ? { reason: e.reason } : {}),
  };
}

export function readHistory(file: string): Step {
  return { argv: ['sh', '-c', 'cat -- "$1" 2>/dev/null || true', 'sh', file], label: 'read the release history' };
}

export function appendHistory(file: string, entries: HistoryEntry[]): Step {
  return {
    argv: ['sh', '-c', 'umask 077 && cat >> "$1"', 'sh', file],
    stdin: entries.map((e) => JSON.stringify(e) + '\n').join(''),
    label: 'record the release',
  };
}

export function parseHistory(text: string): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const v = JSON.parse(line);
      if (v && typeof v.tag === 'string' && typeof v.result === 'string') out.push(v as HistoryEntry);
    } catch {
      // a line cut short by a lost connection
    }
  }
  return out;
}
