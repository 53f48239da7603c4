// Time and peak memory of `slipway check` on the hostile shapes of the hardening report (07, 08): prints
// figures, never fails. Run: `npm run bench:hostile` (builds dist/ first). Each shape is one Dockerfile
// in its own folder, checked by the built CLI under /usr/bin/time (GNU time, for the peak RSS).

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../dist/slipway.js', import.meta.url));

const SHAPES: Record<string, () => string> = {
  'RUN with a 2,000-link && chain': () => `FROM alpine:3\nRUN true${' \\\n && echo x'.repeat(2000)}\n`,
  'RUN with a 3,000-stage pipe': () => `FROM alpine:3\nRUN ${Array(3000).fill('cat').join(' | ')}\n`,
  '200,000 RUNs': () => `FROM alpine:3\n${'RUN a\n'.repeat(200_000)}`,
  'ENV with 5,000 pairs': () => `FROM alpine:3\nENV ${Array.from({ length: 5000 }, (_, i) => `A${i}=1`).join(' ')}\n`,
  'ENV with 20,000 pairs': () => `FROM alpine:3\nENV ${Array.from({ length: 20000 }, (_, i) => `A${i}=1`).join(' ')}\n`,
  // dockerfile-ast files each comment under every stage whose range holds it (comments x stages): x4 per doubling
  '2,000 stages, a comment each': () => Array.from({ length: 2000 }, (_, i) => `FROM alpine AS s${i}\n# c${i}\nRUN true\n`).join(''),
  '4,000 stages, a comment each': () => Array.from({ length: 4000 }, (_, i) => `FROM alpine AS s${i}\n# c${i}\nRUN true\n`).join(''),
  '4,000 stages, COPY --from each': () => Array.from({ length: 4000 }, (_, i) => `FROM alpine AS s${i}\nCOPY --from=s${Math.max(0, i - 1)} /a /a\n`).join(''),
  'RUN a;a;a;… (1.9 million)': () => `FROM alpine:3\nRUN ${'a;'.repeat(1_900_000)}\n`,
};

const root = mkdtempSync(join(tmpdir(), 'slipway-bench-hostile-'));
try {
  console.log('shape                               bytes     exit  seconds  peak RSS');
  for (const [name, make] of Object.entries(SHAPES)) {
    const dir = join(root, String(Object.keys(SHAPES).indexOf(name)));
    mkdirSync(dir);
    const text = make();
    writeFileSync(join(dir, 'Dockerfile'), text);
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, CLI, 'check', dir, '--format', 'json'], { encoding: 'utf8', timeout: 600_000, maxBuffer: 256 << 20 });
    const [secs, kb] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ');
    console.log(`${name.padEnd(34)} ${String(text.length).padStart(8)}  ${String(r.status).padStart(4)}  ${(secs ?? '?').padStart(7)}  ${kb ? `${Math.round(Number(kb) / 1024)} MB` : '?'}`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
