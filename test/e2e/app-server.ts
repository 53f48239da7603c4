// Builds the deploy tests' app server (app-server/main.go: a static Go binary, so it runs in the
// FROM-scratch busybox base) with the host's Go (scripts/test-env.sh installs golang-go), once per
// test process, unless scripts/test-env.sh built it once for all of them (SLIPWAY_APP_SERVER). Go's build
// cache makes later builds take about a second.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './env.js';

let built: Promise<string> | undefined;

/** The path of the built server binary. */
export function appServer(): Promise<string> {
  const prebuilt = process.env.SLIPWAY_APP_SERVER;
  if (prebuilt && existsSync(prebuilt)) return Promise.resolve(prebuilt);
  built ??= (async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'slipway-app-server-')), 'app-server');
    await promisify(execFile)('go', ['build', '-trimpath', '-o', out, 'main.go'], {
      cwd: join(repoRoot, 'test', 'e2e', 'app-server'),
      env: { ...process.env, CGO_ENABLED: '0', GO111MODULE: 'off' },
      timeout: 300_000,
    });
    return out;
  })();
  return built;
}
