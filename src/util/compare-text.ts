// The order slipway sorts names and paths in: ICU's English collation (what `a.localeCompare(b, 'en')`
// gives), computed without ICU for printable ASCII, which is nearly every rule id and path.
// Why: the first localeCompare of a process loads ICU's collator (~5 ms, a twentieth of a whole
// check), and a bare localeCompare follows the user's locale (Danish sorts 'aa' last), so the same
// project was reported in a different order on another machine.
//
// For printable ASCII, English collation compares the strings' letters case-blind and in the order
// of PRIMARY (punctuation, then digits, then letters) with a shorter prefix first; only when that
// ties does the first difference in case decide, lowercase first. test/unit/compare-text.test.ts
// checks this against ICU on every pair of short strings, random strings, the rule set and paths.

/** Printable ASCII in English collation order, letters once (their upper case follows). */
const PRIMARY_ORDER = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz';

/** Rank of each printable ASCII code (both cases of a letter share one); 0: not printable ASCII. */
const RANK = new Uint8Array(128);
for (let i = 0; i < PRIMARY_ORDER.length; i++) {
  const c = PRIMARY_ORDER.charCodeAt(i);
  RANK[c] = i + 1;
  if (c >= 0x61 && c <= 0x7a) RANK[c - 0x20] = i + 1;
}

function isPrintableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || RANK[c] === 0) return false;
  }
  return true;
}

/** -1, 0 or 1 as `a.localeCompare(b, 'en')`, without loading ICU when both are printable ASCII. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  if (!isPrintableAscii(a) || !isPrintableAscii(b)) return Math.sign(a.localeCompare(b, 'en'));
  const n = Math.min(a.length, b.length);
  let caseOrder = 0;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (RANK[x] !== RANK[y]) return RANK[x]! < RANK[y]! ? -1 : 1;
    // Same letter, other case: lowercase (the higher code) first, if nothing else differs.
    if (caseOrder === 0) caseOrder = x > y ? -1 : 1;
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return caseOrder;
}
