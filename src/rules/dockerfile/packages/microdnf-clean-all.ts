import { cleanRule } from './rpm-common.js';

export const microdnfCleanAll = cleanRule(
  {
    id: 'microdnf-clean-all',
    severity: 'warning',
    aliases: ['DS-0027'],
    title: 'Run `microdnf clean all` in the same RUN as `microdnf install`',
    description:
      'microdnf keeps repository metadata in `/var/cache/yum`. Unless the same RUN cleans it, it stays in the layer: on a `ubi-minimal` image that can double the image size.',
    bad: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y shadow-utils\n',
    good: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y shadow-utils && microdnf clean all\n',
    fixable: false,
    differs:
      '`rm -rf /var/cache/yum` and a cache or tmpfs mount over it count too; stages whose filesystem does not ship are not flagged.',
  },
  ['microdnf'],
  ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'],
  'microdnf clean all',
);
