// Every compose fix leaves `docker-compose config` (the real Compose, 1.29) unchanged except for what it
// fixes: version: removal (block scalars `>-` and `|` too, reproducer 20), quoted ports, unquoted volumes.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { main } from '../../../src/cli/main.js';

function composeConfig(dir: string): Record<string, any> | null {
  try {
    return parse(execFileSync('docker-compose', ['-p', 'slipway-harden-fixcfg', 'config'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

const SERVICES = `services:
  app:
    image: nginx:1.27
    restart: always
    # ports and volumes in the styles the fixes change
    ports:
      - 8000:8000
      - "127.0.0.1:9000:9000"
    volumes:
      - "./data:/app/data"
      - 'cache:/cache'
    environment:
      MODE: production
volumes:
  cache: {}
`;

const CASES: Record<string, string> = {
  folded: `version: >-\n  3.8\n${SERVICES}`,
  literal: `version: |\n  3.8\n${SERVICES}`,
  quoted: `version: "3.8" # old\n${SERVICES}`,
  last: `${SERVICES}version: '3.8'\n`,
};

test('compose fixes: docker-compose config is unchanged except the version', async (t) => {
  for (const [name, text] of Object.entries(CASES)) {
    const dir = mkdtempSync(join(tmpdir(), `slipway-fixcfg-${name}-`));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'docker-compose.yml'), text);
    // Every fixable compose rule on, whatever its default.
    writeFileSync(join(dir, 'all.slipway.yaml'), 'rules:\n  compose-version-obsolete: warning\n  compose-ports-quoted: warning\n  compose-no-quotes-in-volumes: warning\n');
    const before = composeConfig(dir);
    if (!before) return t.skip('docker-compose is not installed');
    const r = await main(['check', '.', '--fix', '--format', 'json', '-c', join(dir, 'all.slipway.yaml')], { cwd: dir, stdout: () => {}, stderr: () => {}, isTTY: false, env: {}, readStdin: async () => '' });
    assert.notEqual(r, 2);
    const fixed = readFileSync(join(dir, 'docker-compose.yml'), 'utf8');
    assert.doesNotMatch(fixed, /version/, `${name}: version removed`);
    assert.match(fixed, /^services:$/m, `${name}: services kept`);
    assert.match(fixed, /"8000:8000"/, `${name}: port quoted`);
    assert.match(fixed, /- \.\/data:\/app\/data/, `${name}: volume unquoted`);
    const after = composeConfig(dir)!;
    delete before.version; // 1.29 prints its default when there is none: the one intended difference
    delete after.version;
    assert.deepEqual(after, before, name);
  }
});
