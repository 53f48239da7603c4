import { pinRule } from './rpm-common.js';

export const dnfPinVersions = pinRule(
  {
    id: 'dnf-pin-versions',
    severity: 'warning',
    off: true,
    aliases: ['DL3041'],
    title: 'Pin versions in `dnf install` (off by default)',
    description:
      'An unpinned `dnf install httpd` installs whatever version the repository has on the day of the build. Pinning (`httpd-2.4.62`) makes builds repeatable, at the cost of maintaining the pins and missing security updates.',
    bad: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n',
    good: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
    fixable: false,
    differs:
      'Off by default, like the other OS-package pinning rules (see apt-pin-versions): Fedora repositories keep only the newest build, so pins break builds. When enabled, a version is a `-` followed by a digit or a `>=`/`<`/`=` constraint; `@group`s, `module install name:stream`, `.rpm` files, paths and `$VARIABLES` are not reported. Also covers dnf5, tdnf and microdnf.',
  },
  ['dnf', 'dnf5', 'tdnf', 'microdnf'],
  (p) => /-\d|[<>=]/.test(p),
  (p) => `${p}-<version>`,
);
