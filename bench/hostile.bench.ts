// Time and peak memory of `slipway check` on the hostile shapes of the hardening report (07, 08): prints
// figures, never fails. Run: `npm run bench:hostile` (builds dist/ first). Each shape is one Dockerfile
// in its own folder, checked by the built CLI under /usr/bin/time (GNU time, for the peak RSS).
// BENCH_CLI names another build's slipway.js (to compare builds with the same shapes); BENCH_ONLY
// keeps the shapes whose name holds it.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = process.env.BENCH_CLI ?? fileURLToPath(new URL('../dist/slipway.js', import.meta.url));

const SHAPES: Record<string, () => string> = {
  'RUN with a 2,000-link && chain': () => `FROM alpine:3\nRUN true${' \\\n && echo x'.repeat(2000)}\n`,
  'RUN with a 3,000-stage pipe': () => `FROM alpine:3\nRUN ${Array(3000).fill('cat').join(' | ')}\n`,
  '200,000 RUNs': () => `FROM alpine:3\n${'RUN a\n'.repeat(200_000)}`,
  'ENV with 5,000 pairs': () => `FROM alpine:3\nENV ${Array.from({ length: 5000 }, (_, i) => `A${i}=1`).join(' ')}\n`,
  'ENV with 20,000 pairs': () => `FROM alpine:3\nENV ${Array.from({ length: 20000 }, (_, i) => `A${i}=1`).join(' ')}\n`,
  // dockerfile-ast's own organizeComments tests each comment against every stage (ast-linear.ts).
  // Files over 20,000 lines are not checked (src/project/limits.ts): 9,999 pairs is the most.
  '2,000 stages, a comment each': () => stagesWithComments(2000, 'RUN true\n'),
  '4,000 stages, a comment each': () => stagesWithComments(4000, 'RUN true\n'),
  '6,000 stages, a comment each': () => stagesWithComments(6000, 'RUN true\n'),
  '9,999 `FROM … AS sN` / `# c` pairs': () => stagesWithComments(9999, ''),
  // dockerfile-ast's own getHeredocs copies the heredoc's name once per body line (ast-linear.ts)
  'heredoc: 16,000-char name, 16,000 lines': () => longHeredoc(16000, 16000, ''),
  'heredoc: 200,000-char name, 19,000 lines': () => longHeredoc(200_000, 19000, ''),
  'heredoc: 200,000-char "name", 19,000 lines': () => longHeredoc(200_000, 19000, '"'),
  // shellFor walked every instruction before each RUN; fromChain cut cycles with includes (shell-in-effect.ts, stages.ts)
  '19,000 RUNs in one stage': () => `FROM alpine:3\n${'RUN a\n'.repeat(19_000)}`,
  'a chain of 4,000 stages, a RUN each': () => `FROM alpine AS s0\n${Array.from({ length: 3999 }, (_, i) => `FROM s${i} AS s${i + 1}\nRUN a\n`).join('')}`,
  '4,000 stages, COPY --from each': () => Array.from({ length: 4000 }, (_, i) => `FROM alpine AS s${i}\nCOPY --from=s${Math.max(0, i - 1)} /a /a\n`).join(''),
  'RUN a;a;a;… (1.9 million)': () => `FROM alpine:3\nRUN ${'a;'.repeat(1_900_000)}\n`,
};

function stagesWithComments(n: number, more: string): string {
  return Array.from({ length: n }, (_, i) => `FROM alpine AS s${i}\n# c${i}\n${more}`).join('');
}

function longHeredoc(nameLength: number, lines: number, quote: string): string {
  const name = 'A'.repeat(nameLength);
  return `FROM alpine:3\nRUN <<${quote}${name}${quote}\n${'x\n'.repeat(lines)}${name}\n`;
}

const root = mkdtempSync(join(tmpdir(), 'slipway-bench-hostile-'));
try {
  console.log(`${'shape'.padEnd(42)}    bytes  exit  wall s   CPU s  peak RSS`);
  for (const [name, make] of Object.entries(SHAPES)) {
    if (process.env.BENCH_ONLY && !name.includes(process.env.BENCH_ONLY)) continue;
    const dir = join(root, String(Object.keys(SHAPES).indexOf(name)));
    mkdirSync(dir);
    const text = make();
    writeFileSync(join(dir, 'Dockerfile'), text);
    const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, CLI, 'check', dir, '--format', 'json'], { encoding: 'utf8', timeout: 600_000, maxBuffer: 256 << 20 });
    const [secs, user, sys, kb] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ');
    const cpu = (Number(user) + Number(sys)).toFixed(2);
    console.log(`${name.padEnd(42)} ${String(text.length).padStart(8)}  ${String(r.status).padStart(4)}  ${(secs ?? '?').padStart(6)}  ${cpu.padStart(6)}  ${kb ? `${Math.round(Number(kb) / 1024)} MB` : '?'}`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
