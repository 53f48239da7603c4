import { cleanRule } from './rpm-common.js';

export const yumCleanAll = cleanRule(
  {
    id: 'yum-clean-all',
    severity: 'warning',
    aliases: ['DL3032', 'DS-0015'],
    title: 'Run `yum clean all` in the same RUN as `yum install`',
    description:
      'yum keeps repository metadata (often 100+ MB) and downloaded packages in `/var/cache/yum`. Unless the same RUN cleans it, it stays in the layer and the image.',
    bad: 'FROM centos:7\nRUN yum install -y httpd\n',
    good: 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n',
    fixable: false,
    differs:
      '`rm -rf /var/cache/yum` and a cache or tmpfs mount over /var/cache/yum count too; removals do not fill the cache and are not flagged; stages whose filesystem does not ship are not flagged. Reported on the install command.',
  },
  ['yum'],
  ['/var/cache/yum', '/var/cache/dnf'],
  'yum clean all',
);
