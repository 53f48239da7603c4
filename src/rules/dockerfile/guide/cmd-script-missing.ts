import { posix } from 'node:path';
import type { BuildContext } from '../../../parse/context/context.js';
import type { Dockerfile, Instruction } from '../../../parse/dockerfile/model.js';
import { DockerfileEntry } from '../../../project/dockerfile-entry.js';
import type { ContextRule } from '../../types.js';
import { commandsOf, firstLine } from '../helpers.js';
import { shippedChain } from './util.js';

/** RUN programs that install or set up, never make the app's files: with only these, the context is the source. */
const SETUP = new Set([
  'apt-get', 'apt', 'apk', 'pip', 'pip3', 'python', 'python3', 'npm', 'yarn', 'pnpm', 'corepack', 'useradd', 'groupadd',
  'adduser', 'addgroup', 'mkdir', 'chown', 'chmod', 'rm', 'ln', 'echo', 'true', 'test',
]);
const INSTALLS = /^(ci|install|i|add|cache|config|enable|-m)$/;

/** The script a `python X.py` / `node X.js` command runs, if it names one literally. */
function scriptOf(argv: readonly string[]): string | undefined {
  const program = argv[0]?.split('/').pop() ?? '';
  if (!/^(python(3(\.\d+)?)?|node)$/.test(program)) return undefined;
  for (const a of argv.slice(1)) {
    if (a === '-m' || a === '-c' || a === '-e' || a === '-p') return undefined;
    if (a.startsWith('-')) continue;
    return /^[\w./@+-]+\.(py|js|mjs|cjs)$/.test(a) ? a : undefined;
  }
  return undefined;
}

export const cmdScriptMissing: ContextRule = {
  meta: {
    id: 'cmd-script-missing',
    target: 'context',
    category: 'correctness',
    severity: 'error',
    aliases: [],
    title: 'CMD runs a script that is not in the image',
    description:
      'A `CMD ["python", "app.py"]` or `CMD ["node", "index.js"]` whose script is not in the build context (or is excluded by .dockerignore) builds fine and exits at once when the container starts. It is the mistake a generated or copied Dockerfile makes when it guesses the entry file.',
    bad: '# Dockerfile, in a folder with server.py and no app.py\nFROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n',
    good: '# Dockerfile, in a folder with server.py\nFROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "server.py"]\n',
    fixable: false,
    differs:
      'No anchor checks this. Judged only when the shipped stage gets its files from `COPY . <WORKDIR>` of the context and nothing else (no COPY --from, ADD, or RUN that could build files: only installs and user/folder setup), and the CMD or ENTRYPOINT names the script literally.',
  },
  start(ctx) {
    return (c) => {
      if (!c.dockerfile || c.truncated) return;
      const named = namedScriptsOf(c);
      if (!named) return;
      const found = [];
      for (const s of named.scripts) {
        const excluded = c.ignores(s.rel);
        const missing = !excluded && !c.entry(s.rel);
        if (!missing && !excluded) continue;
        found.push({
          file: c.dockerfile,
          start: s.start,
          end: s.end,
          message: `${s.keyword} runs ${s.program} ${s.script}, but ${s.rel} ${missing ? 'is not in' : 'is excluded from'} the build context '${c.path}' (COPY . puts it in ${named.workdir}): the container exits at once`,
        });
      }
      if (found.length && named.setupOnly) for (const r of found) ctx.report(r);
    };
  },
};

/** What the rule needs of a Dockerfile: the scripts its shipped CMD/ENTRYPOINT name, where `COPY .` puts the context. */
export interface NamedScripts {
  workdir: string;
  /** The scripts named (relative to the WORKDIR), with the instruction's first line. */
  scripts: { keyword: string; program: string; script: string; rel: string; start: number; end: number }[];
  /** Every RUN of the shipped chain only installs or sets up (so the context is the source). */
  setupOnly: boolean;
}

/** The context's Dockerfile as the rule needs it: kept by a check that dropped the model, else read from it. */
function namedScriptsOf(c: BuildContext): NamedScripts | null {
  if (c.source instanceof DockerfileEntry && c.source.kept) return c.source.kept.namedScripts;
  return c.df ? namedScripts(c.df) : null;
}

/** Null when the rule cannot judge the Dockerfile (its files do not come from `COPY . <WORKDIR>` alone, or no script is named). */
export function namedScripts(df: Dockerfile): NamedScripts | null {
  const chain = shippedChain(df).flatMap((s) => s.instructions);
  let workdir = '/';
  let sourceAt: string | undefined;
  let judged = true;
  for (const inst of chain) {
    if (inst.keyword === 'WORKDIR') {
      const v = inst.args[0]?.value ?? '';
      if (v.includes('$')) judged = false;
      workdir = resolveIn(workdir, v);
    } else if (inst.keyword === 'ADD' || (inst.keyword === 'COPY' && inst.flags.some((f) => f.name === 'from'))) judged = false;
    else if (inst.keyword === 'COPY') {
      const values = inst.args.map((a) => a.value.replace(/^["']|["']$/g, ''));
      if (values.length === 2 && (values[0] === '.' || values[0] === './')) sourceAt = resolveIn(workdir, values[1]!);
    }
  }
  if (!judged || sourceAt === undefined || sourceAt !== workdir) return null;
  const last = (kw: string): Instruction | undefined => chain.filter((i) => i.keyword === kw).at(-1);
  const scripts: NamedScripts['scripts'] = [];
  for (const inst of [last('ENTRYPOINT'), last('CMD')]) {
    const cmd = inst && commandsOf(inst)[0];
    const script = cmd ? scriptOf(cmd.argv) : undefined;
    if (!inst || !script) continue;
    const rel = posix.normalize(script.startsWith('/') ? posix.relative(workdir, script) : script);
    if (rel.startsWith('..')) continue;
    scripts.push({ keyword: inst.keyword, program: cmd!.program, script, rel, ...firstLine(df, inst) });
  }
  if (!scripts.length) return null;
  // The RUN shells last, only when a script is named: a check has dropped them by now (engine), so they are parsed again here.
  const setupOnly = (inst: Instruction) =>
    commandsOf(inst).every((cmd) => SETUP.has(cmd.program) && (!['npm', 'yarn', 'pnpm', 'python', 'python3'].includes(cmd.program) || INSTALLS.test(cmd.argv[1] ?? '')));
  return { workdir, scripts, setupOnly: chain.every((inst) => inst.keyword !== 'RUN' || setupOnly(inst)) };
}

/**
 * `posix.resolve(dir, path)` for an absolute, normalized `dir`. A plain relative path (no empty, `.` or
 * `..` part, no slash at either end) is appended as it is: posix.resolve normalizes the whole directory
 * again each time, and 6,000 relative WORKDIRs make that directory 6,000 parts long (quadratic).
 */
export function resolveIn(dir: string, path: string): string {
  if (!isPlainRelative(path)) return posix.resolve(dir, path);
  return dir === '/' ? `/${path}` : `${dir}/${path}`;
}

function isPlainRelative(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.endsWith('/')) return false;
  for (const part of path.split('/')) if (part === '' || part === '.' || part === '..') return false;
  return true;
}
