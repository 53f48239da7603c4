import { pinRule } from './rpm-common.js';

export const zypperPinVersions = pinRule(
  {
    id: 'zypper-pin-versions',
    severity: 'warning',
    off: true,
    aliases: ['DL3037'],
    title: 'Pin versions in `zypper install` (off by default)',
    description:
      'An unpinned `zypper install curl` installs whatever version the repository has on the day of the build. Pinning (`curl=8.6.0`, `\'curl>=8\'`) makes builds repeatable, at the cost of maintaining the pins and missing security updates.',
    bad: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean -a\n',
    good: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 && zypper clean -a\n',
    fixable: false,
    differs:
      'Off by default, like the other OS-package pinning rules (see apt-pin-versions). When enabled, `=`, `<`, `>` constraints, `.rpm` files, paths and `$VARIABLES` count as pinned.',
  },
  ['zypper'],
  (p) => /[<>=]/.test(p),
  (p) => `${p}=<version>`,
);
