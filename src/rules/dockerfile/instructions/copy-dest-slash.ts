import type { DockerfileRule } from '../../types.js';
import { firstLine } from '../helpers.js';
import { copyArgs, resolve, unquote } from './util.js';

export const copyDestSlash: DockerfileRule = {
  meta: {
    id: 'copy-dest-slash',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'error',
    aliases: ['DL3021', 'DS-0011'],
    title: 'COPY with more than one source needs a destination ending in /',
    description:
      'With several sources the destination must be a directory, and Docker only accepts it when it ends with `/`: `COPY a.txt b.txt /app` fails the build.',
    bad: 'FROM alpine:3.20\nCOPY package.json package-lock.json /app\n',
    good: 'FROM alpine:3.20\nCOPY package.json package-lock.json /app/\n',
    fixable: true,
    differs: 'Also checks ADD (Docker has the same requirement) and heredoc sources; a destination given by an unresolvable variable is not reported. The fix appends the `/`.',
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword !== 'COPY' && inst.keyword !== 'ADD') continue;
      const parts = copyArgs(inst);
      if (!parts || parts.sources.length < 2) continue;
      // Docker splits COPY words on white space, so `"/my dir"` arrives as `"/my` and `dir"`.
      const dest = resolve(df, inst, unquote(parts.dest).replace(/^["']|["']$/g, ''));
      if (dest === null || dest.endsWith('/') || dest.endsWith('\\')) continue;
      const token = parts.destToken;
      const quoted = token !== null && /["']$/.test(token.value);
      const at = token ? token.end - (quoted ? 1 : 0) : -1;
      report({
        ...(token ? { start: token.start, end: token.end } : firstLine(df, inst)),
        message: `${inst.keyword} of ${parts.sources.length} sources into '${parts.dest}': the destination must be a directory ending with '/'`,
        ...(token ? { fix: [{ start: at, end: at, text: '/' }] } : {}),
      });
    }
  },
};
