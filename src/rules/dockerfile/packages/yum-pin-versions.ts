import { pinRule } from './rpm-common.js';

export const yumPinVersions = pinRule(
  {
    id: 'yum-pin-versions',
    severity: 'warning',
    off: true,
    aliases: ['DL3033'],
    title: 'Pin versions in `yum install` (off by default)',
    description:
      'An unpinned `yum install httpd` installs whatever version the repository has on the day of the build. Pinning (`httpd-2.4.6`) makes builds repeatable, at the cost of maintaining the pins and missing security updates.',
    bad: 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n',
    good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    fixable: false,
    differs:
      'Off by default, like the other OS-package pinning rules (see apt-pin-versions): pins block security updates and break when repositories drop old builds; pin the base image instead. When enabled, a version is a `-` followed by a digit (`python3-pip` is not pinned, hadolint counts any `-`); `@group`s, `module install name:stream`, `.rpm` files, paths and `$VARIABLES` are not reported.',
  },
  ['yum'],
  (p) => /-\d/.test(p),
  (p) => `${p}-<version>`,
);
