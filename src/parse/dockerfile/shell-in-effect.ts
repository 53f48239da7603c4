// Which shell runs an instruction's text: the SHELL in effect, inherited through FROM <stage>. The
// model asks it to leave PowerShell and cmd scripts unparsed (they are not POSIX shell); the rules
// ask it through rules/dockerfile/instructions/util.ts.

import type { Instruction, Stage } from './model.js';
import { fromChain } from './stages.js';
import { work } from './work.js';
import { firstNotBefore } from '../../util/first-not-before.js';

const NON_POSIX = ['pwsh', 'powershell', 'cmd'];

/** Instructions of the stage chain that come before `inst` (base stages first, in order). */
export function instructionsBefore(inst: Instruction): Instruction[] {
  if (!inst.stage) return [];
  const chain = fromChain(inst.stage).reverse();
  const before = chain.flatMap((s) => (s === inst.stage ? s.instructions.filter((i) => i.index < inst.index) : s.instructions));
  work.steps += before.length;
  return before;
}

/**
 * The SHELL in effect for `inst` (JSON array), inherited through FROM <stage>; null for the default:
 * the last SHELL of the instructions before it (instructionsBefore). Asked for every RUN, that walk was
 * quadratic (19,000 RUNs: 20 s); each stage's SHELLs and the SHELL it starts with are kept instead.
 */
export function shellFor(inst: Instruction): string[] | null {
  if (!inst.stage) return null;
  const own = shellsOf(inst.stage);
  // The last of the stage's SHELLs before `inst` (they are in order of index).
  const k = firstNotBefore(own, (s) => s.index < inst.index);
  return k > 0 ? own[k - 1]!.json : startShell(inst.stage);
}

const stageShells = new WeakMap<Stage, Instruction[]>();

/** The stage's SHELL instructions in exec form, in order. */
function shellsOf(stage: Stage): Instruction[] {
  let shells = stageShells.get(stage);
  if (!shells) stageShells.set(stage, (shells = stage.instructions.filter((i) => i.keyword === 'SHELL' && i.json)));
  return shells;
}

const startShells = new WeakMap<Stage, string[] | null>();

/** The SHELL a stage starts with: the last SHELL of the nearest stage up its FROM chain that has one. */
function startShell(stage: Stage): string[] | null {
  const known = startShells.get(stage);
  if (known !== undefined) return known;
  const path = [stage];
  const seen = new Set(path);
  let answer: string[] | null = null;
  for (let s = stage.image.stage; s; s = s.image.stage) {
    // A cycle (cut as fromChain cuts it): the answer depends on where the walk started; not kept.
    if (seen.has(s)) return answer;
    const own = shellsOf(s);
    if (own.length) {
      answer = own.at(-1)!.json;
      break;
    }
    // Kept only for chains without a cycle, so none of `path` is up this one.
    const memo = startShells.get(s);
    if (memo !== undefined) {
      answer = memo;
      break;
    }
    seen.add(s);
    path.push(s);
  }
  // Every stage walked past has no SHELL of its own: each starts with the same one.
  for (const p of path) startShells.set(p, answer);
  return answer;
}

/** Does the SHELL run something other than a POSIX shell (PowerShell, cmd)? */
export function isNonPosixShell(shell: string[] | null): boolean {
  if (!shell || !shell[0]) return false;
  const prog = shell[0].toLowerCase().replace(/\\/g, '/');
  const base = prog.slice(prog.lastIndexOf('/') + 1).replace(/\.exe$/, '');
  return NON_POSIX.includes(base);
}
