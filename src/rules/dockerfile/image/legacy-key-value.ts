import type { DockerfileRule } from '../../types.js';

export const legacyKeyValue: DockerfileRule = {
  meta: {
    id: 'legacy-key-value',
    target: 'dockerfile',
    category: 'style',
    severity: 'warning',
    aliases: ['LegacyKeyValueFormat'],
    title: "Write 'ENV key=value' and 'LABEL key=value', not the legacy 'key value' form",
    description:
      '`ENV NAME value with spaces` sets one variable to the whole rest of the line, which surprises readers (`ENV A 1 B 2` sets A to `1 B 2`). The `key=value` form is unambiguous and allows several pairs; Docker plans to drop the legacy form.',
    bad: 'FROM alpine:3.20\nENV APP_HOME /opt/app\n',
    good: 'FROM alpine:3.20\nENV APP_HOME=/opt/app\n',
    fixable: true,
    differs: 'The fix quotes a value that contains spaces; a value with quotes, escapes or line continuations is reported without a fix.',
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword !== 'ENV' && inst.keyword !== 'LABEL') continue;
      for (const p of inst.properties) {
        if (!p.legacy || p.name.startsWith('-')) continue;
        const raw = df.text.slice(p.start, p.end);
        if (!raw.startsWith(p.name)) continue;
        const rest = raw.slice(p.name.length);
        const value = rest.trim();
        const lineEnd = raw.indexOf('\n');
        const where = { start: p.start, end: lineEnd < 0 ? p.end : p.start + lineEnd };
        let text: string | null = null;
        if (value && !/[\r\n]/.test(rest) && !rest.includes(df.escapeChar)) {
          if (!/\s/.test(value)) text = `${p.name}=${value}`;
          else if (!/["'`]/.test(value)) text = `${p.name}="${value}"`;
          else if (/^"[^"]*"$/.test(value)) text = `${p.name}=${value}`;
        }
        report({
          ...where,
          message: `"${inst.keyword} ${p.name}=..." should be used instead of the legacy "${inst.keyword} ${p.name} ..." form`,
          ...(text ? { fix: [{ start: p.start, end: p.start + p.name.length + rest.trimEnd().length, text }] } : {}),
        });
      }
    }
  },
};
