import { apkCalls } from './apk-common.js';
import { rule, wordSpan } from './common.js';

export const apkPinVersions = rule(
  {
    id: 'apk-pin-versions',
    severity: 'style',
    aliases: ['DL3018'],
    title: 'Pin versions in `apk add`',
    description:
      'An unpinned `apk add curl` installs whatever the Alpine mirror has on the day of the build. Pinning (`curl=8.9.1-r2`, or `curl~8.9` for a patch range) makes builds repeatable — that is hadolint\'s advice.\n\n' +
      'The other side: an Alpine branch keeps only the latest build of each package, so an exact `=1.2.3-r0` pin fails the build as soon as a fix is published, and it holds back security updates until someone edits the pin. Most images are better served by pinning the base image (a tag with its patch version, or a digest) and rebuilding often; pin packages where a version change would break the app.\n\n' +
      'So slipway reports it at `style`, below the default failure threshold (`info`): the advice is shown, `slipway check` does not fail on it. To make it fail CI, raise it in `.slipway.yaml` (`rules: { apk-pin-versions: warning }`, or `DL3018: warning`; `.hadolint.yaml` `override: { warning: [DL3018] }` works too); to hide it, `apk-pin-versions: off`.',
    bad: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl~8.9\n',
    fixable: false,
    differs:
      'Level `style` where hadolint says `warning`, so the default threshold does not fail on it (see Why). `=`, `~` (fuzzy), `<`/`>` constraints, `.apk` files and `--virtual` names count as pinned.',
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
