import { aptCalls } from './apt-common.js';
import { commandSpan, rule } from './common.js';

export const aptDistUpgrade = rule(
  {
    id: 'apt-dist-upgrade',
    severity: 'warning',
    aliases: ['DS-0024', 'DKL-DI-0003'],
    title: 'Do not run `apt-get dist-upgrade` in a Dockerfile',
    description:
      '`dist-upgrade` (`full-upgrade`) may remove packages and pull in new ones to resolve changed dependencies, so the image drifts away from the base image it claims to be. To get a newer distribution, use a newer base image tag.',
    bad: 'FROM debian:12-slim\nRUN apt-get update && apt-get dist-upgrade -y && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12-slim\nRUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*\n',
    fixable: false,
    differs:
      'Plain `apt-get upgrade` is not flagged: applying security updates at build time is sound advice (Docker\'s own guide dropped its warning against it), and it never removes packages. `apt full-upgrade` and `aptitude full-upgrade` are the same operation and are flagged too.',
  },
  ({ df, report }) => {
    for (const { cmd, args, sub } of aptCalls(df)) {
      if (sub !== 'dist-upgrade' && sub !== 'full-upgrade') continue;
      report({
        ...commandSpan(cmd, args.sub),
        message: `\`${cmd.program} ${sub}\` can remove and replace packages of the base image: use a newer base image, or \`${cmd.program} upgrade\``,
      });
    }
  },
);
