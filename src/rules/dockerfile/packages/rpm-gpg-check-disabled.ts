import { rule, runs, wordSpan } from './common.js';

const OFF = /^(['"]?)(?:[^=\s]+\.)?(gpgcheck|repo_gpgcheck|localpkg_gpgcheck)\1=(['"]?)(0|false|no|off)\3$/i;

export const rpmGpgCheckDisabled = rule(
  {
    id: 'rpm-gpg-check-disabled',
    severity: 'error',
    category: 'security',
    aliases: ['CKV2_DOCKER_9'],
    title: 'Do not disable GPG signature checks of yum/dnf/zypper (`--nogpgcheck`)',
    description:
      '`--nogpgcheck` (zypper: `--no-gpg-checks`, or `--setopt=gpgcheck=0`) installs packages whose signature is missing or wrong, so anyone between the build and the mirror can substitute them. Import the repository key (`rpm --import`) instead.',
    bad: 'FROM fedora:40\nRUN dnf install -y --nogpgcheck https://example.com/tool.rpm && dnf clean all\n',
    good: 'FROM fedora:40\nRUN rpm --import https://example.com/RPM-GPG-KEY && dnf install -y https://example.com/tool.rpm && dnf clean all\n',
    fixable: false,
    differs:
      'Also covers microdnf, `zypper --no-gpg-checks`, and `--setopt=gpgcheck=0` (or `repo.gpgcheck=false`) given to yum, dnf or `yum-config-manager`/`dnf config-manager`.',
  },
  ({ df, report }) => {
    const programs = ['yum', 'dnf', 'dnf5', 'tdnf', 'microdnf', 'zypper', 'yum-config-manager', 'dnf-3', 'yum-config-manager'];
    for (const { cmd } of runs(df, programs)) {
      for (let i = 1; i < cmd.argv.length; i++) {
        const a = cmd.argv[i]!;
        const w = cmd.words[i];
        if (!w) continue;
        if (a === '--nogpgcheck' || a === '--no-gpgcheck' || a === '--no-gpg-checks') {
          report({ ...wordSpan(w), message: `\`${a}\` installs packages without checking their signature: import the repository key instead` });
        } else if (a.startsWith('--setopt=') ? OFF.test(a.slice(9)) : a === '--setopt' && OFF.test(cmd.argv[i + 1] ?? '')) {
          report({ ...wordSpan(w), message: 'Turning gpgcheck off installs packages without checking their signature: import the repository key instead' });
        }
      }
    }
  },
);
