import { pinRule } from './rpm-common.js';

export const yumPinVersions = pinRule(
  {
    id: 'yum-pin-versions',
    severity: 'style',
    aliases: ['DL3033'],
    title: 'Pin versions in `yum install`',
    description:
      'An unpinned `yum install httpd` installs whatever version the repository has on the day of the build. Pinning (`httpd-2.4.6`) makes builds repeatable — that is hadolint\'s advice.\n\n' +
      'The other side: repositories drop superseded builds, so a pin fails the build when they do, and it holds back security updates until someone edits the pin. Most images are better served by pinning the base image (a tag with its patch version, or a digest) and rebuilding often; pin packages where a version change would break the app.\n\n' +
      'So slipway reports it at `style`, below the default failure threshold (`info`): the advice is shown, `slipway check` does not fail on it. To make it fail CI, raise it in `.slipway.yaml` (`rules: { yum-pin-versions: warning }`, or `DL3033: warning`; `.hadolint.yaml` `override: { warning: [DL3033] }` works too); to hide it, `yum-pin-versions: off`.',
    bad: 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n',
    good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    fixable: false,
    differs:
      'Level `style` where hadolint says `warning`, so the default threshold does not fail on it (see Why). A version is a `-` followed by a digit (`python3-pip` is not pinned, hadolint counts any `-`); `@group`s, `module install name:stream`, `.rpm` files, paths are not reported. A `$VARIABLE` is judged by the value ARG or ENV give it (`git-core-${version}` with `ENV version=2.51.0-2.fc42` is pinned); one whose value is not known here — an ARG without default, a shell variable, a name the stage does not set (the base image\'s ENV may: `$NGINX_VERSION` under `FROM nginx`) — counts as a pin, where hadolint reports a name set only in another stage.',
  },
  ['yum'],
  (p) => /-\d/.test(p),
  (p) => `${p}-<version>`,
);
