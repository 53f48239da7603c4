// Suppressions in files with `#` comments (compose and workflow YAML, .dockerignore, .env):
//   key: value   # slipway ignore=rule-a -- reason     (this line)
//   # slipway ignore=rule-a,rule-b -- reason          (the next non-comment line)
//   # slipway global ignore=rule-a                     (the whole file)
// dclint's `# dclint disable-line rule` / `# dclint disable-next-line` / `# dclint disable-file` are honoured too.

import type { LineIndex } from '../parse/text.js';
import type { Suppression } from './suppressions.js';

const SLIPWAY = /#\s*slipway\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+?)(?:\s+--.*|\s+#.*)?\s*$/;
const DCLINT = /#\s*dclint\s+(disable-line|disable-next-line|disable-file|disable)(?:\s+([A-Za-z0-9_,\s-]+?))?\s*$/;

export function findLineSuppressions(lines: LineIndex): Suppression[] {
  const out: Suppression[] = [];
  const last = lines.lineCount;
  for (let i = 0; i < last; i++) {
    const text = lines.lineText(i);
    if (!text.includes('#')) continue;
    const line = i + 1;
    const ownLine = /^\s*#/.test(text);
    const s = SLIPWAY.exec(text);
    const d = s ? null : DCLINT.exec(text);
    if (!s && !d) continue;
    const list = (s ? s[2] : d![2]) ?? 'all';
    const rules = new Set(list.split(',').map((r) => r.trim().toLowerCase()).filter(Boolean));
    const whole = s ? Boolean(s[1]) : d![1] === 'disable-file' || (d![1] === 'disable' && ownLine && line === 1);
    if (whole) {
      out.push({ rules, fromLine: 1, toLine: last });
    } else if (ownLine || d?.[1] === 'disable-next-line') {
      let next = i + 1;
      while (next < last && /^\s*(#.*)?$/.test(lines.lineText(next))) next++;
      out.push({ rules, fromLine: next + 1, toLine: next + 1 });
    } else {
      out.push({ rules, fromLine: line, toLine: line });
    }
  }
  return out;
}
