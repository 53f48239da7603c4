// A string kept for long (a finding's message) should hold only its own characters. V8 builds `a + b`
// and template literals as trees over their parts, and `slice` of 13 characters or more as a view into
// the whole string it was cut from: a message naming a word of a RUN script then keeps the script, and
// every part it was joined from, alive for as long as the finding lives (~40% of a finding's size, measured
// on 21,324 findings). A property name is kept by V8 as one flat copy in its string table, shared by all
// equal names: so the message is returned as that copy. Equal messages (the same package unpinned in many
// Dockerfiles) then share one string, and a message costs no view or tree on top of its characters. The
// table is weak: a message no finding holds any more leaves it at the next full collection.

/** `s` with the same characters, sharing no memory with the strings it was made of (and shared with equal strings). */
export function detachedString(s: string): string {
  return Object.keys({ [s]: 0 })[0]!;
}
