import { posix } from 'node:path';
import type { Instruction, Stage } from '../../../parse/dockerfile/model.js';
import type { ShellWord } from '../../../parse/dockerfile/shell.js';
import type { DockerfileRule } from '../../types.js';
import { commandsOf, withTriggers } from '../helpers.js';
import { fileMemo, kept } from '../file-memo.js';
import { work } from '../../../parse/dockerfile/work.js';
import { firstNotBefore } from '../../../util/first-not-before.js';

/**
 * The directory a RUN starts in, as far as the file says: the WORKDIRs before it in its stage and
 * the stages it is built FROM, from `/`; null when an image's own WORKDIR or a variable is in the way.
 * An ONBUILD trigger (not one of the stage's instructions) gets the directory at the stage's end.
 */
export function workdirBefore(inst: Instruction): string | null {
  if (!inst.stage) return null;
  const w = stageWorkdirs(inst.stage);
  // Is `inst` itself in the stage (not a trigger)? Both lists are in order of index.
  const list = inst.stage.instructions;
  if (list[firstNotBefore(list, (i) => i.index < inst.index)] !== inst) return w.end;
  // The last WORKDIR of the stage before it.
  const k = firstNotBefore(w.after, (a) => a.index < inst.index);
  return k > 0 ? w.after[k - 1]!.dir : w.start;
}

/** A stage's directory at its start and end, and after each of its WORKDIRs. */
interface Workdirs {
  start: string | null;
  end: string | null;
  after: { index: number; dir: string | null }[];
}

/**
 * Kept per stage while the file's rules run, each from its parent's end (asked per RUN with a cd, the
 * walk over every instruction before it was quadratic in a stage, and in a chain of stages).
 */
function stageWorkdirs(stage: Stage): Workdirs {
  const path: Stage[] = [];
  let s: Stage | null = stage;
  let known: Workdirs | undefined;
  for (; s; s = s.image.stage) {
    known = kept<Workdirs>(s, WORKDIRS);
    if (known) break;
    path.push(s);
  }
  // An external base image may set its own WORKDIR: only a chain rooted in scratch starts at `/` for sure.
  let dir: string | null = known ? known.end : path.at(-1)!.image.isScratch ? '/' : null;
  for (let k = path.length - 1; k >= 0; k--) {
    const w: Workdirs = { start: dir, end: dir, after: [] };
    for (const i of path[k]!.instructions) {
      work.steps++;
      if (i.keyword !== 'WORKDIR') continue;
      const value = i.args[0]?.value ?? '';
      if (value.includes('$')) dir = null;
      else if (value.startsWith('/')) dir = posix.normalize(value);
      else dir = dir === null ? null : posix.join(dir, value);
      w.after.push({ index: i.index, dir });
    }
    w.end = dir;
    fileMemo(path[k]!, WORKDIRS, () => w);
    known = w;
  }
  return known!;
}
const WORKDIRS = 'run-cd workdirs';

/** The WORKDIR to advise for `cd target`: always absolute (a relative WORKDIR depends on the one before it). */
function advice(inst: Instruction, target: string): string {
  if (target.startsWith('/')) return `WORKDIR ${target}`;
  const here = workdirBefore(inst);
  return here === null ? `WORKDIR with the absolute path of '${target}' (WORKDIR /path/to/${target.replace(/^\.\//, '')})` : `WORKDIR ${posix.join(here, target)}`;
}

export const runCd: DockerfileRule = {
  meta: {
    id: 'run-cd',
    target: 'dockerfile',
    category: 'guide',
    severity: 'warning',
    aliases: ['DL3003', 'DS-0013'],
    title: 'Use WORKDIR to switch to a directory',
    description:
      '`RUN cd /app && make` only changes the directory for that one RUN, and every following instruction has to repeat it. `WORKDIR /app` states the directory once, creates it if needed, and applies to RUN, COPY, CMD and ENTRYPOINT alike.',
    bad: 'FROM node:22-slim\nCOPY . /app\nRUN cd /app && npm ci\n',
    good: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n',
    fixable: false,
    differs:
      'hadolint reports any `cd`. slipway does not report a `cd` that WORKDIR cannot replace: inside a subshell or command substitution (`(cd sub && make)`, `$(cd dir && pwd)`), which confines the change on purpose (also when the subshell opens on an earlier line), into a directory the same RUN removes (`cd /usr/src/x; make install; cd /; rm -rf /usr/src/x`, also `cd "node-v$V"` … `rm -rf "node-v$V"`: WORKDIR would leave it behind), a RUN that goes in and comes back out (`cd build && make && cd ..`), to a directory only known at run time (`cd "$(mktemp -d)"`), `cd -` and a bare `cd`. One finding per RUN. The advice is an absolute WORKDIR: a relative `cd src` is joined to the WORKDIR in effect when the file says it.',
  },
  check({ df, report }) {
    for (const inst of withTriggers(df.instructions)) {
      if (inst.keyword !== 'RUN') continue;
      const cds = commandsOf(inst, 'cd');
      // Most RUNs have no cd: no WORKDIR to work out for them.
      if (!cds.length) continue;
      // Removed paths as written, quotes dropped, so that `cd "node-v$V"` … `rm -Rf "node-v$V"` match too.
      // Relative ones are joined to the WORKDIR in effect, as the cds are (`cd package` … `rm -rf /tmp/npm-install`).
      const here = workdirBefore(inst);
      const resolved = (p: string) => dirPath(p.startsWith('/') || here === null ? p : posix.join(here, p));
      const removed = commandsOf(inst, 'rm').flatMap((c) => c.words.slice(1).map(pathWord).filter((a) => !a.startsWith('-')).map(resolved));
      // In and back out (`cd "node-v$V" && make install && cd ..`): the script returns on purpose, WORKDIR cannot.
      const returns = cds.some((cmd, i) => i > 0 && ['..', '-', '../'].includes(cmd.words[1]?.value ?? ''));
      if (returns) continue;
      // Into a directory the same RUN removes (`cd /usr/src/x; make install; cd /; rm -rf /usr/src/x`):
      // WORKDIR would leave it behind and move every later instruction into it; the other cds of
      // that RUN (`cd /`) belong to the same sequence.
      const temporary = cds.some((cmd) => {
        const dir = cmd.words[1] && pathWord(cmd.words[1]);
        return dir != null && removed.some((r) => resolved(dir) === r || (r !== '/' && resolved(dir).startsWith(`${r}/`)));
      });
      if (temporary) continue;
      const cd = cds.find((cmd) => {
        const target = cmd.words[1];
        if (!target || target.value === null || target.value === '-' || cmd.words.length > 2 || cmd.inSubshell) return false;
        // `( cd x && ... )`, `$(cd x && ...)`, `` `cd x` ``: the change is confined to a subshell,
        // also when the subshell opens on an earlier continued line (`( \` then `cd x`).
        let i = cmd.start - 1;
        while (i >= inst.start && /[\s\\]/.test(df.text[i]!)) i--;
        return !(df.text[i] === '(' || df.text[i] === '`');
      });
      if (!cd) continue;
      report({
        start: cd.start,
        end: cd.end,
        message: `'cd ${cd.argv[1]}' only lasts for this RUN: use ${advice(inst, cd.argv[1]!)} instead`,
      });
    }
  },
};

/** A path word as compared: its value, or for `"node-v$V"` its text without quotes. */
function pathWord(w: ShellWord): string {
  return w.value ?? w.text.replace(/["']/g, '');
}

/** `/usr/src/x/` → `/usr/src/x` (a path compared as a directory). */
function dirPath(p: string): string {
  return p.replace(/\/+$/, '') || '/';
}
