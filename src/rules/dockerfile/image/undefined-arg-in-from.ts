import type { DockerfileRule } from '../../types.js';
import { PREDEFINED_ARGS } from '../../../parse/dockerfile/variables.js';
import { didYouMean, suggest, varRefs } from './util.js';

export const undefinedArgInFrom: DockerfileRule = {
  meta: {
    id: 'undefined-arg-in-from',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'warning',
    aliases: ['UndefinedArgInFrom'],
    title: 'FROM must use ARGs declared before the first FROM',
    description:
      'FROM only sees ARGs declared before the first FROM (and the predefined platform ARGs). An undeclared variable expands to an empty string, and `--build-arg` cannot set it.',
    bad: 'FROM python:${PYTHON_VERSION}-slim\n',
    good: 'ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION}-slim\n',
    fixable: false,
    differs:
      "Also checks `--platform`. When the ARG is declared later (inside a stage), the message says to move it before the first FROM; `${X:-default}` is reported too, since without a global ARG the default always wins.",
  },
  check({ df, report }) {
    const globals = new Set(df.globalArgs.flatMap((i) => i.properties.map((p) => p.name)));
    const declaredLater = new Map<string, number>();
    for (const s of df.stages) for (const i of s.instructions) if (i.keyword === 'ARG') for (const p of i.properties) if (!declaredLater.has(p.name)) declaredLater.set(p.name, i.line);
    for (const stage of df.stages) {
      const from = stage.from;
      const texts: { text: string; start: number }[] = [];
      const image = from.args[0];
      if (image) texts.push({ text: df.text.slice(image.start, image.end), start: image.start });
      for (const f of from.flags) {
        if (f.name !== 'platform' || f.value === null) continue;
        const t = df.text.slice(f.start, f.end);
        const eq = t.indexOf('=');
        if (eq >= 0) texts.push({ text: t.slice(eq + 1), start: f.start + eq + 1 });
      }
      for (const { text, start } of texts) {
        for (const ref of varRefs(text, start, df.escapeChar)) {
          if (globals.has(ref.name) || PREDEFINED_ARGS.has(ref.name)) continue;
          const later = declaredLater.get(ref.name);
          const hint = suggest(ref.name, [...globals, ...PREDEFINED_ARGS]);
          report({
            start: ref.start,
            end: ref.end,
            message:
              later !== undefined && later > 0
                ? `FROM argument '${ref.name}' is not declared before the first FROM (ARG ${ref.name} on line ${later} is only visible inside its stage): declare it at the top`
                : `FROM argument '${ref.name}' is not declared${didYouMean(hint)}: add 'ARG ${ref.name}=<default>' before the first FROM`,
          });
        }
      }
    }
  },
};
