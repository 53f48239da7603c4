import type { DockerfileRule } from '../../types.js';

export const noEmptyContinuation: DockerfileRule = {
  meta: {
    id: 'no-empty-continuation',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'warning',
    aliases: ['NoEmptyContinuation'],
    title: 'No empty lines inside a continued instruction',
    description:
      'Docker skips an empty line after a `\\` continuation, so the next line still belongs to the instruction; it is easy to misread (the instruction seems to end), and Docker plans to make it an error. Remove the empty line, or end the instruction before it.',
    bad: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n\n    curl\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl\n',
    fixable: true,
    differs: 'Reported on each empty line (BuildKit reports the instruction); the fix deletes the line, which is what Docker does today. Heredoc bodies are not affected.',
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      const first = df.lines.positionAt(inst.start).line;
      const stopAt = inst.heredocs.length ? Math.min(...inst.heredocs.map((h) => h.contentStart)) : inst.end;
      const last = df.lines.positionAt(Math.min(stopAt, inst.end)).line;
      for (let line = first + 1; line < last; line++) {
        const text = df.lines.lineText(line - 1);
        if (text.trim() !== '') continue;
        const start = df.lines.starts[line - 1]!;
        const next = df.lines.starts[line] ?? df.text.length;
        report({
          start,
          end: start + text.length,
          message: `Empty line inside the ${inst.keyword} that starts on line ${first}: the instruction continues on line ${line + 1}`,
          fix: [{ start, end: next, text: '' }],
        });
      }
    }
  },
};
