import type { DockerfileRule } from '../../types.js';
import { exposeWords } from './expose.js';

export const exposeProtoCasing: DockerfileRule = {
  meta: {
    id: 'expose-proto-casing',
    target: 'dockerfile',
    category: 'style',
    severity: 'warning',
    aliases: ['ExposeProtoCasing'],
    title: 'Write the EXPOSE protocol in lower case (tcp, udp, sctp)',
    description: 'Docker lower-cases the protocol itself, but `80/TCP` reads as if it meant something different from `80/tcp`; the documented spelling is lower case.',
    bad: 'FROM nginx:1.27\nEXPOSE 80/TCP\n',
    good: 'FROM nginx:1.27\nEXPOSE 80/tcp\n',
    fixable: true,
    differs: 'Severity warning as in BuildKit. The fix lower-cases the protocol only (not when it comes from a variable).',
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword !== 'EXPOSE') continue;
      for (const w of exposeWords(df, inst)) {
        if (w.proto === null || w.proto === w.proto.toLowerCase()) continue;
        const lower = w.proto.toLowerCase();
        const at = w.protoStart;
        report({
          ...(at !== null ? { start: at, end: at + w.proto.length } : { start: w.token.start, end: w.token.end }),
          message: `Protocol '${w.proto}' in EXPOSE ${w.value} should be lower case: '${lower}'`,
          ...(at !== null ? { fix: [{ start: at, end: at + w.proto.length, text: lower }] } : {}),
        });
      }
    }
  },
};
