import { pinRule } from './rpm-common.js';

export const zypperPinVersions = pinRule(
  {
    id: 'zypper-pin-versions',
    severity: 'style',
    aliases: ['DL3037'],
    title: 'Pin versions in `zypper install`',
    description:
      'An unpinned `zypper install curl` installs whatever version the repository has on the day of the build. Pinning (`curl=8.6.0`, `\'curl>=8\'`) makes builds repeatable — that is hadolint\'s advice.\n\n' +
      'The other side: repositories drop superseded builds, so an exact pin fails the build when they do, and it holds back security updates until someone edits the pin. Most images are better served by pinning the base image (a tag with its patch version, or a digest) and rebuilding often; pin packages where a version change would break the app.\n\n' +
      'So slipway reports it at `style`, below the default failure threshold (`info`): the advice is shown, `slipway check` does not fail on it. To make it fail CI, raise it in `.slipway.yaml` (`rules: { zypper-pin-versions: warning }`, or `DL3037: warning`; `.hadolint.yaml` `override: { warning: [DL3037] }` works too); to hide it, `zypper-pin-versions: off`.',
    bad: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean -a\n',
    good: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 && zypper clean -a\n',
    fixable: false,
    differs:
      'Level `style` where hadolint says `warning`, so the default threshold does not fail on it (see Why). `=`, `<`, `>` constraints, `.rpm` files, paths count as pinned. A `$VARIABLE` is judged by the value ARG or ENV give it (`git-core-${version}` with `ENV version=2.51.0-2.fc42` is pinned); one whose value is not known here — an ARG without default, a shell variable, a name the stage does not set (the base image\'s ENV may: `$NGINX_VERSION` under `FROM nginx`) — counts as a pin, where hadolint reports a name set only in another stage.',
  },
  ['zypper'],
  (p) => /[<>=]/.test(p),
  (p) => `${p}=<version>`,
);
