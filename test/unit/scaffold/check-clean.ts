// What the scaffold tests ask of the files init generates, on disk as a user would have them:
// `slipway check` on the folder passes.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { runCheck } from '../../../src/cli/commands/check.js';

/** Writes each [relative path, text] under `dir`, creating folders. */
export async function writeFiles(dir: string, files: Iterable<[string, string]>): Promise<void> {
  for (const [p, text] of files) {
    await mkdir(dirname(join(dir, p)), { recursive: true });
    await writeFile(join(dir, p), text);
  }
}

/** `slipway check` on the folder: exit 0 at the default threshold, no error or warning findings. */
export async function assertCheckClean(dir: string): Promise<void> {
  let out = '';
  let err = '';
  // The default threshold (info): style advice such as apt-pin-versions is shown, it must not fail.
  const code = await runCheck(['--format', 'json', dir], {
    cwd: dir,
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    isTTY: false,
    env: {},
    readStdin: async () => '',
  });
  assert.equal(code, 0, err);
  const report = JSON.parse(out) as { findings: Array<{ severity: string; rule: string; file: string; message: string }> };
  const serious = report.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
  assert.deepEqual(serious, [], JSON.stringify(serious, null, 2));
}
