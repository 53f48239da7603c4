// Time and peak memory of `slipway check` on hostile shapes: prints figures, never fails.
// Run: `npm run bench:hostile` (builds dist/ first). Two tables:
// - fixed shapes (the hardening report, 07, 08): one Dockerfile each, checked once under /usr/bin/time
//   (GNU time, for the peak RSS);
// - growth (issue 15): each shape at sizes N, 2N, 4N, 8N, checked once per size, with the CPU time of a
//   trivial project subtracted (start-up), and the bare dockerfile-ast parse of the Dockerfile beside it.
//   The ratio per doubling is printed: 2.0 is linear, 4.0 quadratic; above ~2.3 at the top size is a defect.
// BENCH_CLI names another build's slipway.js (to compare builds with the same shapes); BENCH_ONLY keeps
// the shapes whose name holds it; BENCH_TABLE=fixed|growth runs one table; BENCH_SCALE multiplies the
// growth sizes (default 1); BENCH_ARGS adds check arguments (the growth table passes `--ignore shellcheck`
// unless BENCH_SHELLCHECK=1: ShellCheck's own cost per script is not slipway's rule code).

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

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const lines = (n: number, line: (i: number) => string) => range(n).map(line).join('\n') + '\n';
const dockerfile = (text: string) => ({ Dockerfile: text });
/** Small files for a build context: `n` of them, 50 to a folder. */
const context = (n: number) => Object.fromEntries(range(n).map((i) => [`src/d${Math.floor(i / 50)}/f${i}.txt`, 'x\n']));

/**
 * Hostile but valid inputs of size n (every Dockerfile stays under the 20,000-line cap at 8N, and
 * every file under 4 MiB). `n` is the base size; the bench runs n, 2n, 4n, 8n.
 */
const GROWTH: Record<string, { n: number; make: (n: number) => Record<string, string> }> = {
  'ARG/RUN pairs (global ARGs)': { n: 600, make: (n) => dockerfile(`${lines(n, (i) => `ARG A${i}=x`)}FROM alpine:3\n${lines(n, (i) => `ARG A${i}\nRUN echo $A${i}`)}`) },
  'ENV/RUN pairs': { n: 1000, make: (n) => dockerfile(`FROM alpine:3\n${lines(n, (i) => `ENV A${i}=x\nRUN echo $A${i}`)}`) },
  'ENV/WORKDIR pairs': { n: 1000, make: (n) => dockerfile(`FROM alpine:3\n${lines(n, (i) => `ENV A${i}=x\nWORKDIR /$A${i}`)}`) },
  'ARG/COPY pairs': { n: 1000, make: (n) => dockerfile(`FROM alpine:3\n${lines(n, (i) => `ARG A${i}=x\nCOPY $A${i} /d/`)}`) },
  'undefined vars, many defined': { n: 600, make: (n) => dockerfile(`FROM alpine:3\n${lines(n, (i) => `ENV A${i}=x`)}${lines(n, (i) => `LABEL l${i}=$U${i}`)}`) },
  'ENV with many pairs, used': { n: 1000, make: (n) => dockerfile(`FROM alpine:3\nENV ${range(n).map((i) => `A${i}=$A${i > 0 ? i - 1 : 0}x`).join(' ')}\n`) },
  'chain of stages': { n: 1000, make: (n) => dockerfile(`FROM alpine AS s0\n${lines(n, (i) => `FROM s${i} AS s${i + 1}\nRUN a`)}`) },
  'chain of stages, ENV each': { n: 600, make: (n) => dockerfile(`FROM alpine AS s0\n${lines(n, (i) => `FROM s${i} AS s${i + 1}\nENV A${i}=x\nRUN echo $A${i}`)}`) },
  'chain of stages, WORKDIR/COPY each': { n: 600, make: (n) => dockerfile(`FROM alpine AS s0\n${lines(n, (i) => `FROM s${i} AS s${i + 1}\nWORKDIR w\nCOPY f .`)}`) },
  'stages, COPY --from the previous': { n: 1000, make: (n) => dockerfile(lines(n, (i) => `FROM alpine AS s${i}\nCOPY --from=s${Math.max(0, i - 1)} /a /a`)) },
  'stages, the last COPY --from all': { n: 800, make: (n) => dockerfile(`${lines(n, (i) => `FROM alpine AS s${i}\nRUN a`)}FROM alpine\n${lines(n, (i) => `COPY --from=s${i} /a /a${i}`)}`) },
  'relative COPY/WORKDIR, one stage': { n: 1500, make: (n) => dockerfile(`FROM alpine:3\n${lines(n, (i) => (i % 2 ? `COPY f${i} d${i}/` : `WORKDIR d${i}`))}`) },
  'RUNs in one stage': { n: 2000, make: (n) => dockerfile(`FROM alpine:3\n${'RUN apk add curl\n'.repeat(n)}`) },
  'apt RUNs in one stage': { n: 600, make: (n) => dockerfile(`FROM debian:12\n${'RUN apt-get update && apt-get install -y curl\n'.repeat(n)}`) },
  'installs, Assume-Yes named once': { n: 600, make: (n) => dockerfile(`FROM debian:12\n# Assume-Yes Install-Recommends assumeyes docker-clean\n${lines(n, (i) => (i % 2 ? 'RUN apt-get install curl' : 'RUN yum install x'))}`) },
  'a long RUN line (words)': { n: 20000, make: (n) => dockerfile(`FROM alpine:3\nRUN echo ${range(n).map((i) => `w${i}`).join(' ')}\n`) },
  'a long RUN line (one word)': { n: 200_000, make: (n) => dockerfile(`FROM alpine:3\nRUN echo ${'a'.repeat(n)}\n`) },
  'deep line continuation': { n: 1500, make: (n) => dockerfile(`FROM alpine:3\nRUN apk add${' \\\n  p'.repeat(n)}\n`) },
  '# hadolint ignore pragmas': { n: 1000, make: (n) => dockerfile(`FROM alpine:3\n${'# hadolint ignore=DL3018,DL3019\nRUN apk add curl\n'.repeat(n)}`) },
  'heredoc RUNs': { n: 800, make: (n) => dockerfile(`FROM alpine:3\n${'RUN <<EOF\necho x\nEOF\n'.repeat(n)}`) },
  'heredocs in one RUN': { n: 500, make: (n) => dockerfile(`FROM alpine:3\nRUN ${range(n).map((i) => `<<E${i}`).join(' ')}\n${range(n).map((i) => `x\nE${i}\n`).join('')}`) },
  'LABEL pairs, one instruction': { n: 2000, make: (n) => dockerfile(`FROM alpine:3\nLABEL ${range(n).map((i) => `l${i}="v"`).join(' ')}\n`) },
  'LABEL instructions': { n: 2000, make: (n) => dockerfile(`FROM alpine:3\n${lines(n, (i) => `LABEL l${i}="v"`)}`) },
  'EXPOSE ports': { n: 2000, make: (n) => dockerfile(`FROM alpine:3\n${lines(n, (i) => `EXPOSE ${1000 + i}`)}`) },
  'ONBUILD triggers': { n: 2000, make: (n) => dockerfile(`FROM alpine:3\n${'ONBUILD RUN apk add curl\n'.repeat(n)}`) },
  'USER/RUN pairs': { n: 1000, make: (n) => dockerfile(`FROM alpine:3\n${lines(n, (i) => `USER u${i}\nRUN a`)}`) },
  'compose services': { n: 250, make: (n) => ({ 'compose.yaml': `services:\n${range(n).map((i) => `  s${i}:\n    image: app:1\n    ports: ["${10000 + i}:80"]\n    environment:\n      A${i}: x\n    depends_on: [s${Math.max(0, i - 1)}]\n`).join('')}` }) },
  'compose services with builds': { n: 100, make: (n) => ({ 'compose.yaml': `services:\n${range(n).map((i) => `  s${i}:\n    build: ./a${i}\n    env_file: .env\n`).join('')}`, '.env': 'A=1\n', ...Object.fromEntries(range(n).map((i) => [`a${i}/Dockerfile`, 'FROM alpine:3\nCOPY . /app\n'])) }) },
  'an env file': { n: 2500, make: (n) => ({ '.env': lines(n, (i) => `A${i}=v${i}`), Dockerfile: 'FROM alpine:3\n' }) },
  'env files': { n: 150, make: (n) => ({ ...Object.fromEntries(range(n).map((i) => [`.env.e${i}`, 'A=1\nB=2\n'])), Dockerfile: 'FROM alpine:3\n' }) },
  '.dockerignore patterns': { n: 1000, make: (n) => ({ '.dockerignore': lines(n, (i) => `**/p${i}*.log`), Dockerfile: 'FROM alpine:3\nCOPY . /app\n', ...context(200) }) },
  '.dockerignore patterns × files': { n: 300, make: (n) => ({ '.dockerignore': lines(n, (i) => `**/p${i}*.log`), Dockerfile: 'FROM alpine:3\nCOPY . /app\n', ...context(n) }) },
  'COPY sources, ignored, as many files': { n: 500, make: (n) => ({ '.dockerignore': '*\n!keep\n', Dockerfile: `FROM alpine:3\n${lines(n, (i) => `COPY src/d${Math.floor(i / 50)}/f${i}.txt /app/`)}`, ...context(n) }) },
  'COPY wildcard sources, as many files': { n: 500, make: (n) => ({ Dockerfile: `FROM alpine:3\n${lines(n, (i) => `COPY src/d${Math.floor(i / 50)}/f${i}*.txt /app/`)}`, ...context(n) }) },
  // Each context entry tested per COPY source (hostile9.md §8): the manifests a Dockerfile copies (copied-manifests.ts),
  // ADD wildcard sources (dockerfile-facts.ts), files per junk folder (context-junk), near names of missing sources.
  'COPY sources × package.json files': { n: 250, make: (n) => ({ Dockerfile: `FROM alpine:3\n${lines(n, (i) => `COPY p${i}/package.json /app/p${i}/`)}`, ...Object.fromEntries(range(n).map((i) => [`p${i}/package.json`, '{}\n'])) }) },
  'ADD wildcard sources, as many files': { n: 500, make: (n) => ({ Dockerfile: `FROM alpine:3\n${lines(n, (i) => `ADD src/d${Math.floor(i / 50)}/f${i}*.txt /app/`)}`, ...context(n) }) },
  'junk folders (a node_modules each)': { n: 250, make: (n) => ({ Dockerfile: 'FROM alpine:3\nCOPY . /app\n', ...Object.fromEntries(range(n).map((i) => [`p${i}/node_modules/x.js`, 'x\n'])), ...context(n) }) },
  'missing COPY sources, as many files': { n: 500, make: (n) => ({ Dockerfile: `FROM alpine:3\n${lines(n, (i) => `COPY src/d${Math.floor(i / 50)}/F${i}.txt /app/`)}`, ...context(n) }) },
  'context files (.dockerignore of 20)': { n: 500, make: (n) => ({ '.dockerignore': lines(20, (i) => `**/p${i}*.log`), Dockerfile: 'FROM alpine:3\nCOPY . /app\n', ...context(n) }) },
  'workflow jobs': { n: 150, make: (n) => ({ '.github/workflows/ci.yml': `on: push\njobs:\n${range(n).map((i) => `  j${i}:\n    runs-on: ubuntu-latest\n    needs: [j${Math.max(0, i - 1)}]\n    steps:\n      - uses: actions/checkout@v4\n      - run: docker build -t a${i} .\n`).join('')}`, Dockerfile: 'FROM alpine:3\n' }) },
  'workflow steps': { n: 300, make: (n) => ({ '.github/workflows/ci.yml': `on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n${range(n).map((i) => `      - run: docker build -t a${i} .\n`).join('')}`, Dockerfile: 'FROM alpine:3\n' }) },
};

function stagesWithComments(n: number, more: string): string {
  return Array.from({ length: n }, (_, i) => `FROM alpine AS s${i}\n# c${i}\n${more}`).join('');
}

function longHeredoc(nameLength: number, lines: number, quote: string): string {
  const name = 'A'.repeat(nameLength);
  return `FROM alpine:3\nRUN <<${quote}${name}${quote}\n${'x\n'.repeat(lines)}${name}\n`;
}


function fixedTable(root: string): void {
  console.log(`\n${'shape'.padEnd(42)}    bytes  exit  wall s   CPU s  peak RSS`);
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
}

function growthTable(root: string): void {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const args = [...(process.env.BENCH_SHELLCHECK ? [] : ['--ignore', 'shellcheck']), ...(process.env.BENCH_ARGS?.split(' ').filter(Boolean) ?? [])];
  const cache = join(root, 'xdg');
  const run = (dir: string) => cpuOf([CLI, 'check', dir, '--format', 'json', ...args], cache);
  // Start-up and the fixed work of a check: subtracted from every size, so the ratio is the shape's own.
  const trivial = join(root, 'trivial');
  writeProject(trivial, { Dockerfile: 'FROM alpine:3\n' });
  run(trivial);
  const startup = Math.min(run(trivial).cpu, run(trivial).cpu, run(trivial).cpu);
  const startupBare = cpuOf([BARE, join(trivial, 'Dockerfile', '..')], cache).cpu;
  console.log(`growth: CPU s of \`check -f json ${args.join(' ')}\` minus ${startup.toFixed(2)} s (a trivial project), at N, 2N, 4N, 8N; ×: ratio per doubling (2.0 linear)`);
  console.log(`${'shape'.padEnd(34)} ${'8N'.padStart(6)} ${'bytes'.padStart(8)}  ${'N'.padStart(6)} ${'2N'.padStart(6)} ${'4N'.padStart(6)} ${'8N'.padStart(6)}   × per doubling   bare parse 8N`);
  for (const [name, shape] of Object.entries(GROWTH)) {
    if (process.env.BENCH_ONLY && !name.includes(process.env.BENCH_ONLY)) continue;
    const net: number[] = [];
    let last = { bytes: 0, n: 0, exit: 0 as number | null, bare: NaN, refused: false };
    for (const k of [1, 2, 4, 8]) {
      const n = Math.round(shape.n * scale * k);
      const dir = join(root, `${name.replace(/\W+/g, '-')}-${n}`);
      const files = shape.make(n);
      writeProject(dir, files);
      const r = run(dir);
      net.push(Math.max(0.005, r.cpu - startup));
      const dockerfile = files.Dockerfile;
      const onlyDockerfile = Object.keys(files).length === 1 && typeof dockerfile === 'string';
      last = { bytes: Object.values(files).reduce((a, t) => a + t.length, 0), n, exit: r.exit, refused: r.refused, bare: k === 8 && onlyDockerfile ? cpuOf([BARE, dir], cache).cpu - startupBare : NaN };
      rmSync(dir, { recursive: true, force: true });
      if ((r.exit !== 0 && r.exit !== 1) || r.refused) break;
    }
    const ratios = net.slice(1).map((t, i) => (t / net[i]!).toFixed(1)).join(' ');
    const flag = net.length === 4 && net[3]! / net[2]! > 2.3 && net[3]! > 0.1 ? '  <-- super-linear' : '';
    console.log(`${name.padEnd(34)} ${String(last.n).padStart(6)} ${String(last.bytes).padStart(8)}  ${net.map((t) => t.toFixed(2).padStart(6)).join(' ')}   ${ratios.padEnd(14)}   ${Number.isNaN(last.bare) ? '' : last.bare.toFixed(2)}${last.exit !== 0 && last.exit !== 1 ? `  exit ${last.exit}` : ''}${last.refused ? `  (${last.n}: not checked, past a cap)` : ''}${flag}`);
  }
}

const BARE = fileURLToPath(new URL('./bare-parse.mjs', import.meta.url));

/** CPU seconds (user+sys) of one node process. */
function cpuOf(argv: string[], cache: string): { cpu: number; exit: number | null; refused: boolean } {
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...argv], { encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 30, env: { ...process.env, XDG_CACHE_HOME: cache } });
  const [user, sys] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ');
  // A file past a cap is reported, not checked: its time says nothing about the shape.
  return { cpu: Number(user) + Number(sys), exit: r.status, refused: /not checked|too (big|large)/.test(r.stdout) };
}

function writeProject(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

const root = mkdtempSync(join(tmpdir(), 'slipway-bench-hostile-'));
const table = process.env.BENCH_TABLE;
try {
  if (table !== 'fixed') growthTable(root);
  if (table !== 'growth') fixedTable(root);
} finally {
  rmSync(root, { recursive: true, force: true });
}
