import { aptCalls } from './apt-common.js';
import { rule, wordSpan } from './common.js';

export const aptPinVersions = rule(
  {
    id: 'apt-pin-versions',
    severity: 'warning',
    off: true,
    aliases: ['DL3008'],
    title: 'Pin versions in `apt-get install` (off by default)',
    description:
      'An unpinned `apt-get install curl` installs whatever version the mirror has on the day of the build. Pinning (`curl=7.88.1-10+deb12u5`) makes builds repeatable, at the cost of builds that break when the mirror drops that version.',
    bad: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n',
    fixable: false,
    differs:
      'Off by default (hadolint has it on as a warning). Debian and Ubuntu mirrors keep only the current version of a package in a release, so an exact pin fails the build as soon as a security update is published, and it blocks those updates; users call DL3008 harmful and disable it (hadolint #999, PR #1253). Pin the base image by digest for repeatability instead. When enabled, `pkg=version`, `pkg/release`, `.deb` files and `$VARIABLE` versions count as pinned.',
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
