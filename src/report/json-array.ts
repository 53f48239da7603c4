// A JSON array inside a pretty-printed document, one piece per element: joined, the pieces are what
// JSON.stringify(document, null, 2) lays out for it, so a report with a big array (JSON's findings,
// SARIF's results, GitLab's issues) is never one string.

/**
 * The array `items` (through `view`) as it stands `depth` levels deep. A JSON text holds no raw line
 * break but its own: each of an element's lines moves in by the element's indentation.
 */
export function* jsonArrayPieces<T>(items: Iterable<T>, view: (item: T) => unknown, depth: number): Generator<string> {
  const inner = `\n${'  '.repeat(depth + 1)}`;
  let first = true;
  for (const item of items) {
    yield `${first ? '[' : ','}${inner}${JSON.stringify(view(item), null, 2).replaceAll('\n', inner)}`;
    first = false;
  }
  yield first ? '[]' : `\n${'  '.repeat(depth)}]`;
}

/** A value of a small part of the document (SARIF's tool), laid out `depth` levels deep, as one piece. */
export function jsonAt(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replaceAll('\n', `\n${'  '.repeat(depth)}`);
}
