// Small queries shared by the instruction rules (kept in this family's folder).

import type { Dockerfile, Instruction, Stage, Token } from '../../../parse/dockerfile/model.js';
import { scopeBefore, substitute } from '../../../parse/dockerfile/variables.js';
import { fromChain } from '../../../parse/dockerfile/stages.js';

/** Removes one pair of surrounding quotes. */
export function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s.at(-1) === s[0]) return s.slice(1, -1);
  return s;
}

/** `text` with the ARG/ENV values visible to `inst` substituted; null when a variable is unknown. */
export function resolve(df: Dockerfile, inst: Instruction, text: string): string | null {
  if (!text.includes('$')) return text;
  const { value, unresolved } = substitute(text, scopeBefore(df, inst));
  return unresolved.length || value.includes('$') ? null : value;
}

/** `/x`, `\x`, and Windows drive paths (`C:\x`, `C:/x`; `C:x` too, since the escape character may eat the backslash). */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:/.test(p);
}

/** The stage and the earlier stages it is built FROM, nearest first. */
export function stageChain(stage: Stage): Stage[] {
  return fromChain(stage);
}

/** Arguments that are words of the instruction line, not heredoc bodies. */
export function lineArgs(inst: Instruction): Token[] {
  const body = inst.heredocs.length ? Math.min(...inst.heredocs.map((h) => h.contentStart)) : Infinity;
  return inst.args.filter((a) => a.start < body);
}

/**
 * COPY/ADD sources and destination, from the JSON form or the words (heredoc bodies excluded).
 * `token` is null for the JSON form (no per-word offsets).
 */
export function copyArgs(inst: Instruction): { sources: string[]; dest: string; destToken: Token | null } | null {
  if (inst.json) {
    if (inst.json.length < 2) return null;
    return { sources: inst.json.slice(0, -1), dest: inst.json.at(-1)!, destToken: null };
  }
  const args = lineArgs(inst);
  if (args.length < 2) return null;
  return { sources: args.slice(0, -1).map((a) => a.value), dest: args.at(-1)!.value, destToken: args.at(-1)! };
}

// The SHELL in effect lives with the model, which leaves PowerShell/cmd scripts unparsed.
export { instructionsBefore, isNonPosixShell, shellFor } from '../../../parse/dockerfile/shell-in-effect.js';

/** A `# hadolint shell=powershell` pragma anywhere in the file. */
export function pragmaNonPosix(df: Dockerfile): boolean {
  return df.comments.some((c) => /^\s*#?\s*hadolint\s+shell\s*=\s*(pwsh|powershell|cmd)\b/i.test(c.text));
}
