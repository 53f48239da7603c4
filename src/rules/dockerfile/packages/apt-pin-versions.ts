import { aptCalls } from './apt-common.js';
import { rule, wordSpan } from './common.js';

export const aptPinVersions = rule(
  {
    id: 'apt-pin-versions',
    severity: 'style',
    aliases: ['DL3008'],
    title: 'Pin versions in `apt-get install`',
    description:
      'An unpinned `apt-get install curl` installs whatever version the mirror has on the day of the build, so two builds of one commit can differ. Pinning (`curl=7.88.1-10+deb12u5`) makes builds repeatable — that is hadolint\'s advice.\n\n' +
      'The other side: Debian and Ubuntu mirrors keep only the current version of a package in a release, so an exact pin fails the build as soon as a security update is published, and it holds back those updates until someone edits the pin. Most images are better served by pinning the base image (`debian:12.7-slim`, or a digest) and rebuilding often; pin packages where a version change would break the app.\n\n' +
      'So slipway reports it at `style`, below the default failure threshold (`info`): the advice is shown, `slipway check` does not fail on it. ' +
      'To make it fail CI, raise it in `.slipway.yaml` (`rules: { apt-pin-versions: warning }`, or `DL3008: warning`; `.hadolint.yaml` `override: { warning: [DL3008] }` works too); to hide it, `apt-pin-versions: off`.',
    bad: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n',
    fixable: false,
    differs:
      'Level `style` where hadolint says `warning`, so the default threshold does not fail on it (see Why; users call DL3008 harmful and disable it: hadolint #999, PR #1253). `pkg=version`, `pkg/release`, `.deb` files and `$VARIABLE` versions count as pinned.',
  },
  ({ df, report }) => {
    for (const { cmd, args, sub } of aptCalls(df)) {
      if (sub !== 'install') continue;
      for (const i of args.operands) {
        const w = cmd.words[i];
        if (!w) continue;
        const text = w.value ?? w.text;
        if (w.value === null && !/^[A-Za-z0-9]/.test(text)) continue; // `$PACKAGES`
        if (text.includes('=') || text.includes('/') || text.endsWith('.deb')) continue;
        report({ ...wordSpan(w), message: `Pin the version of apt package '${text}' (${text}=<version>)` });
      }
    }
  },
);
