import { cleanRule } from './rpm-common.js';

export const dnfCleanAll = cleanRule(
  {
    id: 'dnf-clean-all',
    severity: 'warning',
    aliases: ['DL3040', 'DS-0019'],
    title: 'Run `dnf clean all` in the same RUN as `dnf install`',
    description:
      'dnf keeps repository metadata (often 100+ MB) in `/var/cache/dnf` (`/var/cache/libdnf5` for dnf5). Unless the same RUN cleans it, it stays in the layer and the image.',
    bad: 'FROM fedora:40\nRUN dnf install -y httpd\n',
    good: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n',
    fixable: false,
    differs:
      'Also covers `dnf5` and `tdnf`. `rm -rf /var/cache/dnf` and a cache or tmpfs mount over the cache directory count too; stages whose filesystem does not ship are not flagged.',
  },
  ['dnf', 'dnf5', 'tdnf'],
  ['/var/cache/dnf', '/var/cache/libdnf5', '/var/cache/tdnf', '/var/cache/yum'],
  'dnf clean all',
);
