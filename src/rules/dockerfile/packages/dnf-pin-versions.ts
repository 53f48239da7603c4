import { pinRule } from './rpm-common.js';

export const dnfPinVersions = pinRule(
  {
    id: 'dnf-pin-versions',
    severity: 'style',
    aliases: ['DL3041'],
    title: 'Pin versions in `dnf install`',
    description:
      'An unpinned `dnf install httpd` installs whatever version the repository has on the day of the build. Pinning (`httpd-2.4.62`) makes builds repeatable — that is hadolint\'s advice.\n\n' +
      'The other side: Fedora repositories keep only the newest build of a package, so a pin fails the build as soon as an update is published, and it holds back security updates until someone edits the pin. Most images are better served by pinning the base image (a tag with its patch version, or a digest) and rebuilding often; pin packages where a version change would break the app.\n\n' +
      'So slipway reports it at `style`, below the default failure threshold (`info`): the advice is shown, `slipway check` does not fail on it. To make it fail CI, raise it in `.slipway.yaml` (`rules: { dnf-pin-versions: warning }`, or `DL3041: warning`; `.hadolint.yaml` `override: { warning: [DL3041] }` works too); to hide it, `dnf-pin-versions: off`.',
    bad: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n',
    good: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
    fixable: false,
    differs:
      'Level `style` where hadolint says `warning`, so the default threshold does not fail on it (see Why). A version is a `-` followed by a digit or a `>=`/`<`/`=` constraint; `@group`s, `module install name:stream`, `.rpm` files, paths are not reported. A `$VARIABLE` is judged by the value ARG or ENV give it (`git-core-${version}` with `ENV version=2.51.0-2.fc42` is pinned); one whose value is not known here — an ARG without default, a shell variable, a name the stage does not set (the base image\'s ENV may: `$NGINX_VERSION` under `FROM nginx`) — counts as a pin, where hadolint reports a name set only in another stage. Also covers dnf5, tdnf and microdnf.',
  },
  ['dnf', 'dnf5', 'tdnf', 'microdnf'],
  (p) => /-\d|[<>=]/.test(p),
  (p) => `${p}-<version>`,
);
