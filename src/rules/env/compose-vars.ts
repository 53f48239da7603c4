// The variables a compose file interpolates, found by a small scanner over its text (comments
// skipped, `$$` escapes honoured), so env rules need not wait for the compose model.

export interface VarUse {
  name: string;
  /** Offsets of `${NAME...}` / `$NAME`. */
  start: number;
  end: number;
  /** Has a default (`${X:-d}`, `${X-d}`) or is only used as `${X:+..}` — not required to be set. */
  optional: boolean;
}

export function composeVariables(text: string): VarUse[] {
  const out: VarUse[] = [];
  let inComment = false;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      inComment = false;
      quote = null;
      continue;
    }
    if (inComment) continue;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      // a quote opens a scalar only at its start; inside a plain scalar it is a character
      const before = text.slice(text.lastIndexOf('\n', i - 1) + 1, i);
      if (/(^|[:\-[{,])\s*$/.test(before)) quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      inComment = true;
      continue;
    }
    if (ch !== '$') continue;
    if (text[i + 1] === '$') {
      i++;
      continue;
    }
    const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?=])[^}]*)?\}/.exec(text.slice(i, i + 300));
    if (braced) {
      const op = braced[2];
      out.push({ name: braced[1]!, start: i, end: i + braced[0].length, optional: op !== undefined && !op.endsWith('?') });
      i += braced[0].length - 1;
      continue;
    }
    const bare = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i, i + 200));
    if (bare) {
      out.push({ name: bare[1]!, start: i, end: i + bare[0].length, optional: false });
      i += bare[0].length - 1;
    }
  }
  return out;
}
