import { apkCalls } from './apk-common.js';
import { rule, wordSpan } from './common.js';

export const apkPinVersions = rule(
  {
    id: 'apk-pin-versions',
    severity: 'warning',
    off: true,
    aliases: ['DL3018'],
    title: 'Pin versions in `apk add` (off by default)',
    description:
      'An unpinned `apk add curl` installs whatever the Alpine mirror has on the day of the build. Pinning (`curl=8.9.1-r2`, or `curl~8.9` for a patch range) makes builds repeatable, at the cost of builds that break when the mirror drops that version.',
    bad: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl~8.9\n',
    fixable: false,
    differs:
      'Off by default (hadolint has it on as a warning), for the same reason as apt-pin-versions but stronger: an Alpine branch keeps only the latest build of each package, so an exact `=1.2.3-r0` pin fails the build as soon as a fix is published. Pin the base image (`alpine:3.20.3` or a digest) instead. When enabled, `=`, `~` (fuzzy), `<`/`>` constraints, `.apk` files and `--virtual` names count as pinned.',
  },
  ({ df, report }) => {
    for (const { cmd, args, sub } of apkCalls(df)) {
      if (sub !== 'add') continue;
      for (const i of args.operands) {
        const w = cmd.words[i];
        if (!w) continue;
        const text = w.value ?? w.text;
        if (w.value === null && !/^[A-Za-z0-9]/.test(text)) continue;
        if (/[=~<>]/.test(text) || text.endsWith('.apk') || text.includes('/')) continue;
        report({ ...wordSpan(w), message: `Pin the version of apk package '${text}' (${text}=<version> or ${text}~<major.minor>)` });
      }
    }
  },
);
