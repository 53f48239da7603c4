// Helpers the image rules share.

import { historyKeyword } from '../../image/history.js';
import type { HistoryEntry, ImageModel } from '../../image/model.js';

/** The last history entry of `keyword` whose text passes `test` (the instruction that set a config value). */
export function lastEntry(image: ImageModel, keyword: string, test: (createdBy: string) => boolean = () => true): HistoryEntry | undefined {
  return [...image.config.history].reverse().find((h) => historyKeyword(h.createdBy) === keyword && test(h.createdBy));
}

export const mb = (bytes: number): string => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} kB`);
