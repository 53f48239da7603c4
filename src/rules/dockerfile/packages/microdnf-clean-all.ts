import { cleanRule } from './rpm-common.js';

export const microdnfCleanAll = cleanRule(
  {
    id: 'microdnf-clean-all',
    severity: 'warning',
    aliases: ['DS-0027', 'DL3040'],
    title: 'Run `microdnf clean all` in the same RUN as `microdnf install`',
    description:
      'microdnf keeps repository metadata in `/var/cache/yum`. Unless the same RUN cleans it, it stays in the layer: on a `ubi-minimal` image that can double the image size.',
    bad: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y shadow-utils\n',
    good: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y shadow-utils && microdnf clean all\n',
    fixable: false,
    differs:
      'Shares hadolint\'s DL3040 with dnf-clean-all (hadolint checks microdnf under DL3040). A clean-up before the install cleans nothing and does not count. `rm -rf /var/cache/yum` and a cache or tmpfs mount over it count too; stages whose filesystem does not ship are not flagged.',
  },
  ['microdnf'],
  ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'],
  'microdnf clean all',
);
