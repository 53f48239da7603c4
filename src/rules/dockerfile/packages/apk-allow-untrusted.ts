import { optionRule } from './common.js';

export const apkAllowUntrusted = optionRule(
  {
    id: 'apk-allow-untrusted',
    severity: 'error',
    category: 'security',
    aliases: ['CKV2_DOCKER_7'],
    title: 'Do not install unsigned apk packages (`--allow-untrusted`)',
    description:
      '`apk --allow-untrusted` installs packages whose signature is missing or unknown, so a tampered package runs its install scripts as root. Add the signing key to `/etc/apk/keys` instead, or sign locally built packages with `abuild-sign`.',
    bad: 'FROM alpine:3.20\nRUN apk add --no-cache --allow-untrusted /tmp/tool.apk\n',
    good: 'FROM alpine:3.20\nCOPY keys/packager.rsa.pub /etc/apk/keys/\nRUN apk add --no-cache /tmp/tool.apk\n',
    fixable: false,
  },
  ['apk'],
  ['--allow-untrusted'],
  () => '`apk --allow-untrusted` skips signature checks: add the signing key to /etc/apk/keys instead',
);
