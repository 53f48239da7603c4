// Project files hold secrets: anything slipway prints of them (a --fix-dry-run diff) shows names, never
// values. Env files, Dockerfile ENV/ARG and compose environment/args values are masked whole (lines of
// multi-line values too), and anything shaped like a well-known token is masked wherever it stands.

const MASK = '****';

/** Tokens recognisable by their shape (GitHub, GitLab, AWS, Slack, npm, private keys' base64 bodies). */
const TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{16,}|AKIA[0-9A-Z]{16}|xox[abposr]-[A-Za-z0-9-]{10,}|npm_[A-Za-z0-9]{30,}|MII[A-Za-z0-9+/=]{20,})/g;

export function maskTokens(text: string): string {
  return text.replace(TOKEN, MASK);
}

/** Env file: `KEY=secret` → `KEY=****`; every line of a multi-line quoted value → `****`; comments stay. */
export function maskEnvValues(text: string): string {
  let open: '"' | "'" | null = null; // inside a quoted value that started on an earlier line
  return text
    .split('\n')
    .map((line) => {
      if (open) {
        if (closes(line, 0, open) >= 0) open = null;
        return MASK;
      }
      if (/^\s*(#|$)/.test(line)) return line;
      const eq = line.indexOf('=');
      if (eq < 0) return MASK; // not KEY=value: nothing in it is known to be harmless
      const head = line.slice(0, eq + 1);
      const rest = line.slice(eq + 1);
      const q = rest.trimStart()[0];
      if ((q === '"' || q === "'") && closes(rest, rest.indexOf(q) + 1, q) < 0) open = q;
      return rest.trim() ? `${head}${/^\s/.test(rest) ? ' ' : ''}${MASK}` : line;
    })
    .join('\n');
}

/** Where the quote `q` closes in `s` from `from` (a double-quoted value has backslash escapes), or -1. */
function closes(s: string, from: number, q: string): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\' && q === '"') i++;
    else if (s[i] === q) return i;
  }
  return -1;
}

/** Dockerfile: the values of ENV and ARG (`ENV A=x B="y z"`, `ENV A x`, continuation lines too). */
export function maskDockerfileValues(text: string): string {
  let inside = false; // a continuation line of an ENV/ARG
  return text
    .split('\n')
    .map((line) => {
      const start = /^\s*(ENV|ARG)\s+/i.exec(line);
      const continued = /\\\r?$/.test(line);
      if (!start && !inside) return line;
      const wasInside = inside;
      inside = continued;
      const head = start ? start[0] : /^\s*/.exec(line)![0];
      let body = line.slice(head.length);
      const tail = continued ? body.slice(body.lastIndexOf('\\')) : '';
      if (continued) body = body.slice(0, body.lastIndexOf('\\'));
      if (!body.includes('=') && start) {
        // Legacy `ENV NAME value`: the first word is the name, the rest the value.
        const m = /^(\S+)(\s+)(.*)$/.exec(body);
        return m && m[3]!.trim() ? `${head}${m[1]}${m[2]}${MASK}${tail}` : line;
      }
      if (!body.includes('=') && wasInside) return `${head}${body.trim() ? MASK : ''}${tail}`;
      const masked = body.replace(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"?|'[^']*'?|(?:[^\s\\]|\\.)+)/g, `$1=${MASK}`);
      return `${head}${masked}${tail}`;
    })
    .join('\n');
}

/** Compose: values under `environment:`, `args:` and `secrets`-like blocks, in block or flow style. */
export function maskComposeValues(text: string): string {
  let blockIndent = -1; // indent of the `environment:` key whose block we are in, or -1
  return text
    .split('\n')
    .map((line) => {
      const indent = /^\s*/.exec(line)![0].length;
      if (blockIndent >= 0 && line.trim() && indent <= blockIndent) blockIndent = -1;
      if (blockIndent >= 0) {
        if (!line.trim() || /^\s*#/.test(line)) return line;
        const m = /^(\s*-?\s*["']?[A-Za-z_][\w.-]*["']?\s*(?::(?=\s|$)|=))(\s*)(.*)$/.exec(line);
        if (m) return m[3]!.trim() ? `${m[1]}${m[2] || (m[1]!.endsWith(':') ? ' ' : '')}${MASK}` : line;
        return `${' '.repeat(indent)}${MASK}`; // a line of a multi-line value
      }
      const key = /^(\s*-?\s*)(environment|args):(\s*)(.*)$/.exec(line);
      if (!key) return line;
      if (!key[4]!.trim() || /^#/.test(key[4]!.trim())) {
        blockIndent = indent + (key[1]!.includes('-') ? key[1]!.length : 0);
        return line;
      }
      return `${key[1]}${key[2]}:${key[3]}${MASK}`; // flow style: `environment: {A: x}` or `[A=x]`
    })
    .join('\n');
}

/** What a --fix-dry-run diff may show of a file of this kind. */
export function maskForDisplay(kind: string, text: string): string {
  const masked = kind === 'env' ? maskEnvValues(text) : kind === 'dockerfile' ? maskDockerfileValues(text) : kind === 'compose' ? maskComposeValues(text) : text;
  return maskTokens(masked);
}
