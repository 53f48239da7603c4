// .env files as docker compose reads them: KEY=VALUE lines, `export KEY=VALUE`, `#` comments,
// single quotes (literal), double quotes (escapes, may span lines), unquoted values with ` #` comments.
// Values are not interpolated here (compose does interpolate them; callers rarely need it).

export interface DotenvEntry {
  name: string;
  value: string;
  /** Offsets of the whole line's key and value in the text. */
  start: number;
  end: number;
  /** The value was written quoted or unquoted. */
  quoted: boolean;
}

export function parseDotenv(text: string): DotenvEntry[] {
  const out: DotenvEntry[] = [];
  const re = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*(?:=|:[ \t])[ \t]*/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const name = m[1]!;
    let i = m.index + m[0].length;
    const q = text[i];
    let value = '';
    let quoted = false;
    if (q === '"' || q === "'") {
      quoted = true;
      let j = i + 1;
      while (j < text.length && text[j] !== q) {
        if (q === '"' && text[j] === '\\' && j + 1 < text.length) {
          const e = text[j + 1]!;
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          j += 2;
          continue;
        }
        value += text[j];
        j++;
      }
      i = Math.min(j + 1, text.length);
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol;
    } else {
      const eol = text.indexOf('\n', i);
      const end = eol < 0 ? text.length : eol;
      value = text.slice(i, end).replace(/\r$/, '');
      const hash = value.search(/(^|[ \t])#/);
      if (hash >= 0) value = value.slice(0, hash);
      value = value.trim();
      i = end;
    }
    out.push({ name, value, start: m.index, end: i, quoted });
    re.lastIndex = Math.max(i, re.lastIndex);
  }
  return out;
}

export function dotenvMap(text: string): Map<string, string> {
  return new Map(parseDotenv(text).map((e) => [e.name, e.value]));
}
