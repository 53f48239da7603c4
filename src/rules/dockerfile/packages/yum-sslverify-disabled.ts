import { commandsOf, withTriggers } from '../helpers.js';
import { rule, wordSpan } from './common.js';

const OFF = /^(['"]?)(?:[^=\s]+\.)?sslverify\1\s*=\s*(['"]?)(0|false|no|off)\2$/i;
const PROGRAMS = ['yum', 'dnf', 'dnf5', 'tdnf', 'microdnf', 'yum-config-manager'];

export const yumSslverifyDisabled = rule(
  {
    id: 'yum-sslverify-disabled',
    severity: 'error',
    category: 'security',
    aliases: ['CKV2_DOCKER_15'],
    title: 'Do not turn off TLS certificate checks of yum/dnf repositories (`sslverify=0`)',
    description:
      '`sslverify=0` makes yum/dnf accept any certificate from the repository server, so metadata and packages can be replaced in transit. Install the CA certificate (`/etc/pki/ca-trust/source/anchors` + `update-ca-trust`) instead.',
    bad: 'FROM rockylinux:9\nRUN dnf config-manager --save --setopt=internal.sslverify=0 && dnf install -y tool && dnf clean all\n',
    good: 'FROM rockylinux:9\nCOPY internal-ca.pem /etc/pki/ca-trust/source/anchors/\nRUN update-ca-trust && dnf install -y tool && dnf clean all\n',
    fixable: false,
    differs:
      'Besides `yum-config-manager`/`dnf config-manager --setopt=…sslverify=0` (checkov), also `--setopt=sslverify=0` on any yum/dnf/microdnf command, dnf5\'s `config-manager setopt repo.sslverify=0`, and `sslverify=0` written by echo/printf into a .repo or .conf file.',
  },
  ({ df, report }) => {
    for (const inst of withTriggers(df.instructions)) {
      if (inst.keyword !== 'RUN') continue;
      for (const cmd of commandsOf(inst)) {
        const pm = PROGRAMS.includes(cmd.program);
        const writer = ['echo', 'printf', 'tee'].includes(cmd.program);
        if (!pm && !writer) continue;
        for (let i = 1; i < cmd.argv.length; i++) {
          const a = cmd.argv[i]!;
          const w = cmd.words[i];
          if (!w) continue;
          const value = a.startsWith('--setopt=') ? a.slice(9) : a === '--setopt' ? (cmd.argv[i + 1] ?? '') : a;
          const bad = pm
            ? (a.startsWith('--setopt') || (cmd.argv.includes('config-manager') && !a.startsWith('-'))) && OFF.test(value)
            : a.split(/\r?\n/).some((line) => OFF.test(line.trim()));
          if (bad) report({ ...wordSpan(w), message: '`sslverify=0` accepts any certificate from the repository: install its CA certificate instead' });
          if (a === '--setopt') i++;
        }
      }
    }
  },
);
