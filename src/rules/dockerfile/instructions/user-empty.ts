import type { DockerfileRule } from '../../types.js';
import { firstLine } from '../helpers.js';
import { resolve, unquote } from './util.js';

export const userEmpty: DockerfileRule = {
  meta: {
    id: 'user-empty',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'error',
    aliases: [],
    title: 'USER needs a user name or UID',
    description: '`USER` without a value (or with an empty user, `USER :group`) fails the build or runs as an unexpected user. Give the user, optionally with a group: `USER 10001:10001`.',
    bad: 'FROM alpine:3.20\nUSER\n',
    good: 'FROM alpine:3.20\nUSER 10001\n',
    fixable: false,
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword !== 'USER') continue;
      const arg = inst.args[0];
      if (!arg) {
        report({ ...firstLine(df, inst), message: 'USER without a value: give a user name or UID (e.g. USER 10001)' });
        continue;
      }
      const resolved = resolve(df, inst, unquote(arg.value));
      if (resolved === null) continue;
      // An ARG default of `""` reaches us with its quotes.
      const value = unquote(resolved);
      if (value === '' || value.startsWith(':')) {
        report({ start: arg.start, end: arg.end, message: `USER ${arg.value} has an empty user: give a user name or UID (e.g. USER 10001)` });
      }
    }
  },
};
