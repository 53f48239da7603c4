// What `slipway check` still holds when its report begins (issue 15: memory grows with the findings, not the
// files): a heap snapshot taken at the report's first write counts the objects of each kind a check used to keep
// of every file to the end. Each test also puts the holder back (the option that needs it) and sees the count rise,
// so a count of zero is not the detector failing.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCheck } from '../../src/cli/commands/check.js';
import { countObjects } from './heap-objects.js';

/** A read stamp (read-file.ts FileStamp): what --fix compares before writing. */
const STAMP = ['realPath', 'sha256']; // its numbers are kept inside it, not as edges of the snapshot

/** A small project: three Dockerfiles in folders of their own, a compose file building one of them. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-holds-'));
  for (const name of ['api', 'web', 'jobs']) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'Dockerfile'), `FROM node:22-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "${name}.js"]\n`);
  }
  writeFileSync(join(dir, 'compose.yaml'), 'services:\n  api:\n    build: ./api\n');
  return dir;
}

/** Runs check with `args` on a fresh project and counts the objects of `shapes` at the report's first write. */
async function countAtReport(args: string[], shapes: Record<string, readonly string[]>): Promise<Record<string, number>> {
  const dir = project();
  try {
    let counts: Record<string, number> | null = null;
    await runCheck([...args, '--ignore', 'shellcheck', '--format', 'json', '--failure-threshold', 'none', '.'], {
      cwd: dir,
      stdout: () => {
        counts ??= countObjects(shapes);
      },
      stderr: () => {},
      isTTY: false,
      env: {},
      readStdin: async () => '',
    });
    assert.ok(counts, 'the report was written');
    return counts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a check that writes nothing keeps no read stamps to its report; --fix keeps one per file it may write', async () => {
  const { stamps } = await countAtReport([], { stamps: STAMP });
  assert.equal(stamps, 0, 'no stamp held at the report');
  const fixing = await countAtReport(['--fix'], { stamps: STAMP });
  assert.ok(fixing.stamps >= 4, `--fix holds the stamps of the files it may write (${fixing.stamps})`);
});
