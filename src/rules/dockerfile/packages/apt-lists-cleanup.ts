import type { Dockerfile, Instruction } from '../../../parse/dockerfile/model.js';
import { commandsOf, mounts } from '../helpers.js';
import { aptCalls } from './apt-common.js';
import { cacheCovered, commandSpan, earlierRunSays, removes, rule, shipsLayers } from './common.js';

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
      'Like hadolint, a cache or tmpfs mount over /var/lib/apt/lists silences the rule, and so does one over /var/lib/apt unless docker-clean was removed and /var/cache/apt is not mounted (then the .deb files stay). Stages whose filesystem does not ship (builder stages only copied from) are not flagged: their lists never reach the image. Reported on the `apt-get update` itself.',
  },
  ({ df, report }) => {
    for (const { inst, cmd, args, sub } of aptCalls(df)) {
      if (sub !== 'update') continue;
      if (!shipsLayers(df, inst)) continue;
      if (removes(inst, '/var/lib/apt/lists', '/var/lib/apt')) continue;
      if (cacheCovered(inst, ['/var/lib/apt/lists'])) {
        // A mount over all of /var/lib/apt with Docker's docker-clean hook removed (the BuildKit cache
        // recipe) keeps the downloaded .deb files in /var/cache/apt, in the layer, unless that is mounted too.
        const wholeApt = mounted(inst, '/var/lib/apt') && !mounted(inst, '/var/lib/apt/lists');
        if (!wholeApt || mounted(inst, '/var/cache/apt') || !dockerCleanRemoved(df, inst)) continue;
        report({
          ...commandSpan(cmd, args.sub),
          message: 'With docker-clean removed, the .deb files stay in /var/cache/apt in the image: mount a cache on /var/cache/apt too',
        });
        continue;
      }
      report({
        ...commandSpan(cmd, args.sub),
        message: 'The package lists of `apt-get update` stay in the image: add `&& rm -rf /var/lib/apt/lists/*` to this RUN',
      });
    }
  },
);

/** Is a cache or tmpfs mount's target exactly `dir`? */
function mounted(inst: Instruction, dir: string): boolean {
  return [...mounts(inst, 'cache'), ...mounts(inst, 'tmpfs')].some(
    (o) => (o.get('target') ?? o.get('dst') ?? o.get('destination') ?? '').replace(/\/+$/, '') === dir,
  );
}

/** Was /etc/apt/apt.conf.d/docker-clean removed, in this RUN or an earlier one of the stage? */
function dockerCleanRemoved(df: Dockerfile, inst: Instruction): boolean {
  const here = commandsOf(inst, 'rm').some((c) => c.argv.includes('/etc/apt/apt.conf.d/docker-clean'));
  return here || earlierRunSays(df, inst, 'docker-clean removed', /docker-clean/, (t) => t === '/etc/apt/apt.conf.d/docker-clean');
}
