import { apkCalls } from './apk-common.js';
import { cacheCovered, commandSpan, editable, optionIndex, removes, rule, shipsLayers } from './common.js';

export const apkNoCache = rule(
  {
    id: 'apk-no-cache',
    severity: 'info',
    aliases: ['DL3019', 'DS-0025', 'DKL-DI-0004'],
    title: 'Use `apk add --no-cache`',
    description:
      '`apk add --no-cache` fetches a fresh index and keeps nothing in `/var/cache/apk`, so there is no need for `apk update` or `--update` before it, nor for `rm -rf /var/cache/apk/*` after it.',
    bad: 'FROM alpine:3.20\nRUN apk add --update curl\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    fixable: true,
    differs:
      'A cache or tmpfs mount over /var/cache/apk, or an `rm -rf /var/cache/apk/*` in the same RUN, leave nothing behind and silence the rule; stages whose filesystem does not ship are not flagged.',
  },
  ({ df, report }) => {
    for (const { inst, cmd, args, sub } of apkCalls(df)) {
      if (sub !== 'add') continue;
      if (optionIndex(cmd, ['--no-cache']) >= 0) continue;
      if (!shipsLayers(df, inst)) continue;
      if (cacheCovered(inst, ['/var/cache/apk', '/etc/apk/cache'])) continue;
      if (removes(inst, '/var/cache/apk')) continue;
      const w = cmd.words[args.sub];
      report({
        ...commandSpan(cmd, args.sub),
        message: '`apk add` leaves its index in /var/cache/apk: use `apk add --no-cache`',
        ...(editable(df, w) ? { fix: [{ start: w.end, end: w.end, text: ' --no-cache' }] } : {}),
      });
    }
  },
);
