import { optionValues, rule, runs, wordSpan } from './common.js';

export const wgetNoCheckCertificate = rule(
  {
    id: 'wget-no-check-certificate',
    severity: 'error',
    category: 'security',
    aliases: ['CKV2_DOCKER_3'],
    title: 'Do not turn off wget\'s certificate checks (`--no-check-certificate`)',
    description:
      '`wget --no-check-certificate` accepts any certificate, so whatever it downloads can be replaced in transit. Install the CA certificate, or pass it with `--ca-certificate`.',
    bad: 'FROM debian:12-slim\nRUN wget -q --no-check-certificate https://example.com/tool.tar.gz\n',
    good: 'FROM debian:12-slim\nRUN wget -q https://example.com/tool.tar.gz\n',
    fixable: false,
    differs: 'Also catches `-e check_certificate=off` (`--execute`).',
  },
  ({ df, report }) => {
    for (const { cmd } of runs(df, ['wget'])) {
      cmd.argv.forEach((a, i) => {
        const w = cmd.words[i];
        if (i > 0 && w && a === '--no-check-certificate') {
          report({ ...wordSpan(w), message: '`wget --no-check-certificate` accepts any certificate: install the CA certificate or use --ca-certificate instead' });
        }
      });
      const off = optionValues(cmd, '-e', '--execute').some((v) => /^check_?certificate\s*=\s*(off|0|no|false)$/i.test(v.trim()));
      if (off) {
        const i = cmd.argv.findIndex((a) => /check_?certificate/i.test(a));
        const w = cmd.words[i] ?? cmd.words[0];
        if (w) report({ ...wordSpan(w), message: '`check_certificate=off` makes wget accept any certificate: install the CA certificate instead' });
      }
    }
  },
);
