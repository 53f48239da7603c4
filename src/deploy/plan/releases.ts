// Which release is current, which one a rollback goes to, which images a prune removes (pure).

import type { HistoryEntry } from '../commands/history.js';

/** The release running now: the last one that was healthy. */
export function currentRelease(h: HistoryEntry[]): HistoryEntry | undefined {
  for (let i = h.length - 1; i >= 0; i--) if (h[i]!.result === 'healthy') return h[i];
  return undefined;
}

/** The healthy release before the current one, with another tag: what `slipway rollback` goes to. */
export function previousRelease(h: HistoryEntry[]): HistoryEntry | undefined {
  const current = currentRelease(h);
  if (!current) return undefined;
  const at = h.lastIndexOf(current);
  for (let i = at - 1; i >= 0; i--) if (h[i]!.result === 'healthy' && h[i]!.tag !== current.tag) return h[i];
  return undefined;
}

/** Tags whose images stay: the last `keep` healthy releases, and always the current and previous one. */
export function tagsToKeep(h: HistoryEntry[], keep: number, also: string[] = []): Set<string> {
  const out = new Set<string>(also);
  const cur = currentRelease(h);
  const prev = previousRelease(h);
  if (cur) out.add(cur.tag);
  if (prev) out.add(prev.tag);
  const healthy: string[] = [];
  for (let i = h.length - 1; i >= 0 && healthy.length < keep; i--) {
    const e = h[i]!;
    if (e.result === 'healthy' && !healthy.includes(e.tag)) healthy.push(e.tag);
  }
  for (const t of healthy) out.add(t);
  return out;
}

export interface ServerImage {
  Repository: string;
  Tag: string;
  ID: string;
}

export function parseImageList(stdout: string): ServerImage[] {
  const out: ServerImage[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue;
    try {
      const v = JSON.parse(line);
      if (v && typeof v.Repository === 'string' && typeof v.Tag === 'string') out.push(v);
    } catch {}
  }
  return out;
}

/**
 * Image references to remove: this repository's tags that slipway ran (they are in the history)
 * and that are not kept. Tags slipway never ran (pulled by hand, `latest`) are left alone, and
 * so is any image whose ID a kept tag also points at.
 */
export function pruneTargets(images: ServerImage[], repo: string, keepTags: Set<string>, history: { tag: string }[]): string[] {
  const ran = new Set(history.map((h) => h.tag));
  const mine = images.filter((i) => i.Repository === repo && i.Tag !== '<none>' && ran.has(i.Tag));
  const keptIds = new Set(mine.filter((i) => keepTags.has(i.Tag)).map((i) => i.ID));
  return mine.filter((i) => !keepTags.has(i.Tag) && !keptIds.has(i.ID)).map((i) => `${i.Repository}:${i.Tag}`);
}
