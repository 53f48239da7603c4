import { cleanRule } from './rpm-common.js';

export const zypperClean = cleanRule(
  {
    id: 'zypper-clean',
    severity: 'warning',
    aliases: ['DL3036', 'DS-0020'],
    title: 'Run `zypper clean` in the same RUN as `zypper install`',
    description:
      'zypper keeps repository metadata and packages in `/var/cache/zypp`. Unless the same RUN cleans it (`zypper clean -a`), it stays in the layer and the image.',
    bad: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl\n',
    good: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean -a\n',
    fixable: false,
    differs:
      '`zypper cc`, `rm -rf /var/cache/zypp` and a cache or tmpfs mount over /var/cache/zypp count too; removals are not flagged; stages whose filesystem does not ship are not flagged.',
  },
  ['zypper'],
  ['/var/cache/zypp'],
  'zypper clean -a',
);
