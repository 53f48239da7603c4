import type { DockerfileRule } from '../../types.js';
import { exposeWords } from './expose.js';

export const exposeInvalidFormat: DockerfileRule = {
  meta: {
    id: 'expose-invalid-format',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'warning',
    aliases: ['ExposeInvalidFormat'],
    title: 'EXPOSE takes container ports only, not IP addresses or host:container mappings',
    description:
      'EXPOSE documents which ports the container listens on; the host side is chosen at run time (`docker run -p 8080:80`, Compose `ports:`). Docker ignores an IP or host port written in EXPOSE, and BuildKit says it will become an error.',
    bad: 'FROM nginx:1.27\nEXPOSE 8080:80\n',
    good: 'FROM nginx:1.27\nEXPOSE 80\n',
    fixable: true,
    differs: 'The fix keeps the container port (what Docker exposes today) and removes the IP/host part; words built from variables are reported without a fix.',
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword !== 'EXPOSE') continue;
      for (const w of exposeWords(df, inst)) {
        if (!w.mapping) continue;
        const literal = w.portStart !== null && w.port !== '';
        report({
          start: w.token.start,
          end: w.token.end,
          message: `EXPOSE ${w.value}: remove '${w.mapping}' and publish the host side at run time (docker run -p, Compose ports:)`,
          ...(literal ? { fix: [{ start: w.token.start, end: w.portStart!, text: '' }] } : {}),
        });
      }
    }
  },
};
