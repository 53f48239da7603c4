import { commandSpan, rule } from './common.js';
import { pmCalls } from './rpm-common.js';

export const zypperDistUpgrade = rule(
  {
    id: 'zypper-dist-upgrade',
    severity: 'warning',
    aliases: ['DL3035'],
    title: 'Do not run `zypper dist-upgrade` in a Dockerfile',
    description:
      '`zypper dist-upgrade` (`dup`) may switch vendors, downgrade, remove and replace packages of the base image, so the image no longer is what its base tag says. To get a newer distribution, use a newer base image.',
    bad: 'FROM opensuse/tumbleweed\nRUN zypper -n dist-upgrade && zypper clean -a\n',
    good: 'FROM opensuse/tumbleweed\nRUN zypper -n update && zypper clean -a\n',
    fixable: false,
  },
  ({ df, report }) => {
    for (const { cmd, args, sub } of pmCalls(df, ['zypper'])) {
      if (sub !== 'dist-upgrade' && sub !== 'dup') continue;
      report({ ...commandSpan(cmd, args.sub), message: `\`zypper ${sub}\` can replace packages of the base image: use a newer base image, or \`zypper update\`` });
    }
  },
);
