// Looking up a word of the checked files in a table written as an object literal: `table[word]` finds
// what every object inherits (`FROM constructor`, `RUN toString …` gave a function, and the rule
// reading it crashed the check), so only the table's own entries count.

/** `table[key]` when `key` is one of the table's own entries, else undefined. */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
