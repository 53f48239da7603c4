// The proxy image zero-downtime deploys use by default (caddy:2) cannot be pulled here: build a
// stand-in under that very name from the host's Debian caddy (scripts/test-env.sh installs it)
// and the libraries it links, FROM scratch, once. The product's own default is then what runs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEFAULT_PROXY_IMAGE } from '../../src/deploy/config.js';
import { docker } from './env.js';

export async function ensureProxyImage(tag = DEFAULT_PROXY_IMAGE): Promise<void> {
  if ((await docker(['image', 'inspect', tag])).code === 0) return;
  const ctx = mkdtempSync(join(tmpdir(), 'slipway-caddy-'));
  try {
    const files = ['/usr/bin/caddy', '/lib64/ld-linux-x86-64.so.2'];
    const ldd = execFileSync('ldd', ['/usr/bin/caddy'], { encoding: 'utf8' });
    for (const m of ldd.matchAll(/=>\s+(\/\S+)/g)) files.push(m[1]!);
    for (const f of files) {
      mkdirSync(join(ctx, dirname(f)), { recursive: true });
      copyFileSync(f, join(ctx, f)); // follows the library symlinks
    }
    for (const d of ['config', 'data', 'etc/caddy']) mkdirSync(join(ctx, d), { recursive: true });
    writeFileSync(join(ctx, 'etc/caddy/Caddyfile'), ':80\n');
    writeFileSync(
      join(ctx, 'Dockerfile'),
      [
        'FROM scratch',
        'COPY . /',
        // What the official image sets: caddy on PATH, its config and data folders.
        'ENV PATH=/usr/bin XDG_CONFIG_HOME=/config XDG_DATA_HOME=/data',
        'LABEL org.opencontainers.image.description="slipway test stand-in for caddy:2, from Debian\'s caddy package"',
        'CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]',
        '',
      ].join('\n'),
    );
    const r = await docker(['build', '-q', '-t', tag, ctx], { timeoutMs: 120_000 });
    assert.equal(r.code, 0, `building the ${tag} stand-in: ${r.stderr.slice(-2000)}`);
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}
