// Shared by the COPY --from rules: every `--from` of COPY and `from=` of RUN --mount, resolved.
import type { Dockerfile, Flag, Instruction, Stage } from '../../../parse/dockerfile/model.js';
import { scopeBefore, substitute } from '../../../parse/dockerfile/variables.js';

export interface FromRef {
  inst: Instruction;
  /** null before the first FROM (a snippet; the missing FROM is reported on its own). */
  stage: Stage | null;
  flag: Flag;
  /** The value after variable substitution. */
  value: string;
  /** Offsets of the value as written. */
  start: number;
  end: number;
}

/** `COPY --from=x` and `RUN --mount=...,from=x` of every instruction (ONBUILD triggers excluded); unresolved values are skipped. */
export function fromRefs(df: Dockerfile): FromRef[] {
  const out: FromRef[] = [];
  for (const inst of df.instructions) {
    const stage = inst.stage;
    for (const flag of inst.flags) {
      let raw: string | null = null;
      if (flag.name === 'from' && inst.keyword === 'COPY') raw = flag.value;
      else if (flag.name === 'mount' && inst.keyword === 'RUN') raw = flag.options.get('from') ?? null;
      if (raw === null || raw.trim() === '') continue;
      let value = raw.trim();
      if (value.includes('$')) {
        const r = substitute(value, scopeBefore(df, inst));
        if (r.unresolved.length || r.value.includes('$')) continue;
        value = r.value;
      }
      const text = df.text.slice(flag.start, flag.end);
      const at = flag.name === 'from' ? text.indexOf('=') + 1 : text.toLowerCase().lastIndexOf(`from=${raw.toLowerCase()}`) + 5;
      const start = at > 0 ? flag.start + at : flag.start;
      const end = at > 0 ? Math.min(flag.end, start + raw.length) : flag.end;
      out.push({ inst, stage, flag, value, start, end });
    }
  }
  return out;
}

/** Does the value look like an image reference rather than a stage name? */
export const looksLikeImage = (v: string): boolean => /[:/@]/.test(v);

/** Quotes removed from a COPY argument as written. */
export const unquote = (s: string): string => s.replace(/^(["'])(.*)\1$/, '$2');
