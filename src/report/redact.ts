// Env files hold secrets: anything slipway prints of them (a --fix-dry-run diff) shows keys, never values.

/** Each line with its value masked: `KEY=secret` → `KEY=****`; comments and blank lines stay. */
export function maskEnvValues(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*(#|$)/.test(line)) return line;
      const eq = line.indexOf('=');
      const cut = eq >= 0 ? eq + 1 : (/^\s*\S+/.exec(line)?.[0].length ?? line.length);
      const head = line.slice(0, cut);
      const rest = line.slice(cut);
      return rest.trim() ? `${head}${/^\s/.test(rest) ? ' ' : ''}****` : line;
    })
    .join('\n');
}
