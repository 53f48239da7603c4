// The binary search several indexes share: where a sorted list stops being "before" something.

/**
 * The position of the first item for which `isBefore` is false (items.length when there is none).
 * `isBefore` must hold for a leading run of the items and for none after it, as in a sorted list.
 */
export function firstNotBefore<T>(items: readonly T[], isBefore: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isBefore(items[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
