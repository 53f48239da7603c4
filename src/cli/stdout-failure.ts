// What a failed write to standard output means, for a checked report (stdout.ts) and for a --cache hit
// the launcher prints without loading the checker: a reader that left (`| head`: EPIPE) is exit 1 and
// nothing said, what Node's uncaught EPIPE gave before; any other error (a full disk) is one line on
// stderr and exit 2. Never a stack trace.

import { writeErrorMessage } from '../project/write-file.js';

export function stdoutFailure(e: NodeJS.ErrnoException): { exitCode: 1 | 2; message: string } {
  if (e.code === 'EPIPE') return { exitCode: 1, message: '' };
  return { exitCode: 2, message: `slipway: standard output: ${writeErrorMessage(e)}: the report is incomplete\n` };
}
