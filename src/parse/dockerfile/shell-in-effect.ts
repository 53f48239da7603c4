// Which shell runs an instruction's text: the SHELL in effect, inherited through FROM <stage>. The
// model asks it to leave PowerShell and cmd scripts unparsed (they are not POSIX shell); the rules
// ask it through rules/dockerfile/instructions/util.ts.

import type { Instruction } from './model.js';
import { fromChain } from './stages.js';

const NON_POSIX = ['pwsh', 'powershell', 'cmd'];

/** Instructions of the stage chain that come before `inst` (base stages first, in order). */
export function instructionsBefore(inst: Instruction): Instruction[] {
  if (!inst.stage) return [];
  const chain = fromChain(inst.stage).reverse();
  return chain.flatMap((s) => (s === inst.stage ? s.instructions.filter((i) => i.index < inst.index) : s.instructions));
}

/** The SHELL in effect for `inst` (JSON array), inherited through FROM <stage>; null for the default. */
export function shellFor(inst: Instruction): string[] | null {
  let shell: string[] | null = null;
  for (const i of instructionsBefore(inst)) if (i.keyword === 'SHELL' && i.json) shell = i.json;
  return shell;
}

/** Does the SHELL run something other than a POSIX shell (PowerShell, cmd)? */
export function isNonPosixShell(shell: string[] | null): boolean {
  if (!shell || !shell[0]) return false;
  const prog = shell[0].toLowerCase().replace(/\\/g, '/');
  const base = prog.slice(prog.lastIndexOf('/') + 1).replace(/\.exe$/, '');
  return NON_POSIX.includes(base);
}
