// A report goes to standard output as it is made, in batches; after each one the writer waits until
// the output took it, so a reader that lags never makes the whole report pile up in memory (issue 15).

import { batches } from '../util/batches.js';
import type { CliIO } from './io.js';

/** Writes the pieces to standard output; false when it closed before the end (nothing more is made). */
export async function writePieces(io: Pick<CliIO, 'stdout' | 'stdoutReady'>, pieces: Iterable<string>): Promise<boolean> {
  for (const batch of batches(pieces)) {
    io.stdout(batch);
    if (io.stdoutReady && !(await io.stdoutReady())) return false;
  }
  return true;
}
