// Compose's variable interpolation: $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?err},
// ${VAR?err}, ${VAR:+alt}, ${VAR+alt}, and $$ for a literal $. Defaults may nest further ${...}.
// Never throws: an unterminated ${ is kept as text and reported in `errors`.

export type VarForm = '' | ':-' | '-' | ':?' | '?' | ':+' | '+';

export interface VarUse {
  name: string;
  /** Offsets into the scanned string: the whole `${...}` or `$VAR`. */
  start: number;
  end: number;
  form: VarForm;
  /** Inside the default, error text or alternative of another variable. */
  nested: boolean;
}

export interface Interpolated {
  value: string;
  uses: VarUse[];
  /** `${VAR:?msg}` of an unset variable, unterminated `${`, bad names. */
  errors: string[];
}

/** Returns the variable's value, or undefined when unset. */
export type Lookup = (name: string) => string | undefined;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function hasInterpolation(s: string): boolean {
  return s.includes('$');
}

export function interpolate(s: string, lookup: Lookup): Interpolated {
  const out: Interpolated = { value: '', uses: [], errors: [] };
  if (!s.includes('$')) {
    out.value = s;
    return out;
  }
  out.value = scan(s, 0, s.length, lookup, out, false);
  return out;
}

/** Finds the `}` closing a `${` whose body starts at `from`, or -1. */
function closingBrace(s: string, from: number, to: number): number {
  let depth = 1;
  for (let i = from; i < to; i++) {
    const c = s[i];
    if (c === '$' && s[i + 1] === '$') {
      i++;
      continue;
    }
    if (c === '$' && s[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function scan(s: string, from: number, to: number, lookup: Lookup, out: Interpolated, nested: boolean): string {
  let value = '';
  let i = from;
  while (i < to) {
    const c = s[i]!;
    if (c !== '$') {
      value += c;
      i++;
      continue;
    }
    const next = s[i + 1];
    if (next === '$') {
      value += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const close = closingBrace(s, i + 2, to);
      if (close < 0) {
        out.errors.push(`unterminated variable '${s.slice(i, to)}'`);
        value += s.slice(i, to);
        break;
      }
      const body = s.slice(i + 2, close);
      const m = NAME.exec(body);
      if (!m) {
        out.errors.push(`invalid variable '${s.slice(i, close + 1)}'`);
        value += s.slice(i, close + 1);
        i = close + 1;
        continue;
      }
      const name = m[0];
      const rest = body.slice(name.length);
      const op = /^(:-|-|:\?|\?|:\+|\+)?/.exec(rest)![0] as VarForm;
      if (rest.length > 0 && !op) {
        out.errors.push(`invalid variable '${s.slice(i, close + 1)}'`);
        value += s.slice(i, close + 1);
        i = close + 1;
        continue;
      }
      out.uses.push({ name, start: i, end: close + 1, form: op, nested });
      const argStart = i + 2 + name.length + op.length;
      const current = lookup(name);
      const arg = () => scan(s, argStart, close, lookup, out, true);
      switch (op) {
        case '':
          value += current ?? '';
          break;
        case ':-':
          value += current ? current : arg();
          break;
        case '-':
          value += current !== undefined ? current : arg();
          break;
        case ':?':
        case '?': {
          const missing = op === ':?' ? !current : current === undefined;
          if (missing) {
            const msg = arg();
            out.errors.push(`required variable ${name} is missing a value${msg ? `: ${msg}` : ''}`);
          } else value += current;
          break;
        }
        case ':+':
          value += current ? arg() : '';
          break;
        case '+':
          value += current !== undefined ? arg() : '';
          break;
      }
      // Record nested uses even when the branch was not taken.
      if (op && !out.uses.some((u) => u.start >= argStart && u.end <= close)) {
        scan(s, argStart, close, () => undefined, { value: '', uses: out.uses, errors: [] }, true);
      }
      i = close + 1;
      continue;
    }
    const m = NAME.exec(s.slice(i + 1, Math.min(to, i + 257)));
    if (m) {
      const name = m[0];
      out.uses.push({ name, start: i, end: i + 1 + name.length, form: '', nested });
      value += lookup(name) ?? '';
      i += 1 + name.length;
      continue;
    }
    value += '$';
    i++;
  }
  return value;
}
