import type { DockerfileRule } from '../../types.js';
import type { TextEdit } from '../../../types.js';
import { stageNameToken } from './util.js';

export const stageNameCasing: DockerfileRule = {
  meta: {
    id: 'stage-name-casing',
    target: 'dockerfile',
    category: 'style',
    severity: 'style',
    aliases: ['StageNameCasing'],
    title: 'Write stage names in lower case',
    description:
      'Docker lower-cases stage names, so `AS Builder` is really `builder`: `--target Builder` and `COPY --from=BUILDER` work but read as different names. Lower-case names say what Docker sees.',
    bad: 'FROM golang:1.22 AS Builder\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=Builder /app /app\n',
    good: 'FROM golang:1.22 AS builder\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=builder /app /app\n',
    fixable: true,
    differs:
      'The fix renames the stage and every reference to it (FROM, COPY --from, RUN --mount from=) in one edit; when a reference cannot be rewritten (it comes through a variable), the finding has no fix.',
  },
  check({ df, report }) {
    const names = new Map<string, number>();
    for (const s of df.stages) if (s.name) names.set(s.name.toLowerCase(), (names.get(s.name.toLowerCase()) ?? 0) + 1);
    for (const stage of df.stages) {
      const token = stageNameToken(stage);
      const name = stage.name;
      if (!token || !name || name === name.toLowerCase()) continue;
      const lower = name.toLowerCase();
      const fix: TextEdit[] = [{ start: token.start, end: token.end, text: lower }];
      let fixable = (names.get(lower) ?? 0) === 1;
      for (const later of df.stages) {
        if (later.index <= stage.index) continue;
        const base = later.from.args[0];
        if (later.image.stage === stage && base) {
          if (base.value.toLowerCase() === lower) fix.push({ start: base.start, end: base.end, text: lower });
          else fixable = false; // through a variable
        }
        for (const inst of later.instructions) {
          for (const flag of inst.flags) {
            const text = df.text.slice(flag.start, flag.end);
            if (flag.name === 'from' && flag.value !== null) {
              if (flag.value.toLowerCase() === lower) {
                const at = text.indexOf('=') + 1;
                if (at > 0 && text.slice(at) === flag.value) fix.push({ start: flag.start + at, end: flag.end, text: lower });
                else fixable = false;
              } else if (flag.value.includes('$')) fixable = false;
            } else if (flag.name === 'mount') {
              const from = flag.options.get('from');
              if (from === undefined) continue;
              if (from.toLowerCase() !== lower) {
                if (from.includes('$')) fixable = false;
                continue;
              }
              const m = new RegExp(`(^|[=,])from=(${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})(?=,|$)`, 'i').exec(text);
              if (m) {
                const at = m.index + m[1]!.length + 'from='.length;
                fix.push({ start: flag.start + at, end: flag.start + at + from.length, text: lower });
              } else fixable = false;
            }
          }
        }
      }
      report({
        start: token.start,
        end: token.end,
        message: `Stage name '${name}' should be lowercase: '${lower}'`,
        ...(fixable ? { fix } : {}),
      });
    }
  },
};
