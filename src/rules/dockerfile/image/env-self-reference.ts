import type { DockerfileRule } from '../../types.js';
import { scopeBefore, type ScopeView } from '../../../parse/dockerfile/variables.js';
import { varRefs } from './util.js';

export const envSelfReference: DockerfileRule = {
  meta: {
    id: 'env-self-reference',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'error',
    aliases: ['DL3044'],
    title: 'Do not use a variable in the same ENV that sets it',
    description:
      'All pairs of one ENV are expanded before any is set: in `ENV DIR=/opt/app BIN=$DIR/bin`, `$DIR` is still its previous value (usually empty), so BIN becomes `/bin`. Split it into two ENV instructions.',
    bad: 'FROM alpine:3.20\nENV APP_DIR=/opt/app APP_BIN=$APP_DIR/bin\n',
    good: 'FROM alpine:3.20\nENV APP_DIR=/opt/app\nENV APP_BIN=$APP_DIR/bin\n',
    fixable: false,
    differs:
      'Reported at the reference. Also when the variable had an earlier value (hadolint stays silent then), since the reference still reads the old value; `ENV PATH=$PATH:/x` (a pair reading its own previous value) is fine.',
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword !== 'ENV' || inst.properties.length < 2) continue;
      // Each name's first pair: asked per reference, a scan of the pairs made an ENV of 8,000 pairs quadratic.
      const first = new Map<string, number>();
      inst.properties.forEach((p, j) => {
        if (!first.has(p.name)) first.set(p.name, j);
      });
      let before: ScopeView | null = null;
      inst.properties.forEach((p, i) => {
        if (p.value === null || p.legacy) return;
        const raw = df.text.slice(p.start, p.end);
        const at = raw.indexOf('=') + 1;
        if (at <= 0) return;
        for (const ref of varRefs(raw.slice(at), p.start + at, df.escapeChar)) {
          // `PATH=/a:$PATH` reads its own previous value (fine), unless an earlier pair of this ENV set PATH too.
          // Another pair sets it (any pair, for another name; an earlier one, for this pair's own name).
          const j = first.get(ref.name);
          if (j === undefined || (ref.name === p.name && j >= i)) continue;
          before ??= scopeBefore(df, inst);
          const had = before.has(ref.name);
          report({
            start: ref.start,
            end: ref.end,
            message: `'$${ref.name}' is set in this same ENV, so here it is still ${had ? 'its previous value' : 'undefined'}: set ${ref.name} in an ENV of its own before this one`,
          });
        }
      });
    }
  },
};
