import { hasShort, rule, runs, wordSpan } from './common.js';

const SKIPPING = ['--nodigest', '--nosignature', '--noverify', '--nofiledigest'];

export const rpmSignatureCheckDisabled = rule(
  {
    id: 'rpm-signature-check-disabled',
    severity: 'error',
    category: 'security',
    aliases: ['CKV2_DOCKER_10'],
    title: 'Do not install RPMs without checking signatures and digests',
    description:
      '`rpm -i --nosignature` (or `--nodigest`, `--noverify`, `--nofiledigest`) installs a package without verifying who built it or that it is intact. Import the vendor key with `rpm --import` and let rpm check.',
    bad: 'FROM fedora:40\nRUN rpm -ivh --nosignature /tmp/tool.rpm\n',
    good: 'FROM fedora:40\nRUN rpm --import /tmp/RPM-GPG-KEY && rpm -ivh /tmp/tool.rpm\n',
    fixable: false,
    differs:
      'Only installs, upgrades and freshens (`-i`, `-U`, `-F`, `--install`, `--upgrade`, `--freshen`, `--reinstall`) are reported: `rpm -qa --nosignature` only reads the local database and is harmless (checkov flags any rpm call).',
  },
  ({ df, report }) => {
    for (const { cmd } of runs(df, ['rpm'])) {
      const installs =
        cmd.argv.some((a) => ['--install', '--upgrade', '--freshen', '--reinstall'].includes(a)) ||
        ['i', 'U', 'F'].some((l) => hasShort(cmd, l, 'D'));
      if (!installs || hasShort(cmd, 'q', '') || cmd.argv.includes('--query')) continue;
      cmd.argv.forEach((a, i) => {
        const w = cmd.words[i];
        if (i > 0 && w && SKIPPING.includes(a)) report({ ...wordSpan(w), message: `\`rpm ${a}\` installs without verifying the package: import the key with rpm --import instead` });
      });
    }
  },
);
