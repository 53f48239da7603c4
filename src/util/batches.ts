// Small pieces of text joined into writes of a useful size: one write per finding would be a system
// call each, one write of everything a copy of the whole report.

export const BATCH_CHARS = 65536;

/** `pieces` joined into batches of about `size` characters, in order. */
export function* batches(pieces: Iterable<string>, size = BATCH_CHARS): Generator<string> {
  let batch = '';
  for (const piece of pieces) {
    batch += piece;
    if (batch.length >= size) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}
