import { aptCalls } from './apt-common.js';
import { cacheCovered, commandSpan, removes, rule, shipsLayers } from './common.js';

export const aptListsCleanup = rule(
  {
    id: 'apt-lists-cleanup',
    severity: 'info',
    aliases: ['DL3009', 'DKL-DI-0005'],
    title: 'Delete /var/lib/apt/lists in the same RUN as `apt-get update`',
    description:
      '`apt-get update` downloads package lists (tens of MB) into `/var/lib/apt/lists`. Unless the same RUN deletes them (`&& rm -rf /var/lib/apt/lists/*`), they stay in the layer and in the image; deleting them in a later RUN does not shrink the image.',
    bad: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    fixable: false,
    differs:
      'Like hadolint, a cache or tmpfs mount over /var/lib/apt/lists (or /var/lib/apt) silences the rule. Stages whose filesystem does not ship (builder stages only copied from) are not flagged: their lists never reach the image. Reported on the `apt-get update` itself.',
  },
  ({ df, report }) => {
    for (const { inst, cmd, args, sub } of aptCalls(df)) {
      if (sub !== 'update') continue;
      if (!shipsLayers(df, inst)) continue;
      if (cacheCovered(inst, ['/var/lib/apt/lists'])) continue;
      if (removes(inst, '/var/lib/apt/lists', '/var/lib/apt')) continue;
      report({
        ...commandSpan(cmd, args.sub),
        message: 'The package lists of `apt-get update` stay in the image: add `&& rm -rf /var/lib/apt/lists/*` to this RUN',
      });
    }
  },
);
