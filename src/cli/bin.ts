// Process entry: wires the real world into main() and exits with its code.

import { isatty } from 'node:tty';
import { MAX_FILE_BYTES } from '../project/read-file.js';
import { main } from './main.js';
import { processOutput } from './stdout.js';

/** At most one byte over the cap: enough to say "too large" without holding an endless stream. */
async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (total > MAX_FILE_BYTES) break;
  }
  return Buffer.concat(chunks).subarray(0, MAX_FILE_BYTES + 1);
}

const stderr = (s: string) => void process.stderr.write(s);
process.stderr.on('error', () => {}); // nowhere left to say it; the exit code still tells
const stdout = processOutput(process.stdout, stderr);

void main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: stdout.write,
  stdoutReady: stdout.ready,
  stderr,
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  readStdin,
  stdin: { fd: 0, isTTY: isatty(0) },
}).then(async (code) => {
  process.exitCode = await stdout.exitCode(code);
});
