// A pure function of a text, remembered for the texts seen lately. The language server re-checks
// the project on every keystroke, and most of what it re-derives (a Makefile's docker builds, an
// env file's first secret) comes from files that did not change; `check` itself sees each text once.

/** `fn` with its last `limit` results kept by input text. Results are shared: return immutable values. */
export function memoByText<T>(fn: (text: string) => T, limit = 512): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    if (seen.has(text)) return seen.get(text) as T;
    const value = fn(text);
    if (seen.size >= limit) seen.delete(seen.keys().next().value as string); // oldest first
    seen.set(text, value);
    return value;
  };
}
