import { rule, wordSpan } from './common.js';
import { pipCalls } from './pip-common.js';

export const pipTrustedHost = rule(
  {
    id: 'pip-trusted-host',
    severity: 'error',
    category: 'security',
    aliases: ['CKV2_DOCKER_4'],
    title: 'Do not turn off pip\'s certificate checks (`--trusted-host`)',
    description:
      '`--trusted-host` makes pip accept plain HTTP or any certificate from that host, so packages can be replaced in transit and their code runs in the build. Give pip the CA certificate instead (`--cert`, `PIP_CERT`).',
    bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir --trusted-host pypi.internal -i http://pypi.internal/simple app==1.0\n',
    good: 'FROM python:3.12-slim\nCOPY internal-ca.pem /etc/ssl/internal-ca.pem\nRUN pip install --no-cache-dir --cert /etc/ssl/internal-ca.pem -i https://pypi.internal/simple app==1.0\n',
    fixable: false,
    differs: 'Also catches `pip config set global.trusted-host …` and uv\'s `--allow-insecure-host`, for every spelling of pip (`pip3`, `python -m pip`, `uv pip`).',
  },
  ({ df, report }) => {
    for (const { cmd, sub, subName, label } of pipCalls(df)) {
      cmd.argv.forEach((a, i) => {
        const w = cmd.words[i];
        if (i === 0 || !w) return;
        if (a === '--trusted-host' || a.startsWith('--trusted-host=') || a === '--allow-insecure-host' || a.startsWith('--allow-insecure-host=')) {
          report({ ...wordSpan(w), message: `\`${label} ${a.split('=')[0]}\` turns off certificate checks for that host: use --cert with the host's CA instead` });
        } else if (subName === 'config' && i > sub && /^(global|install|download)\.trusted-host$/.test(a)) {
          report({ ...wordSpan(w), message: `\`${label} config set ${a}\` turns off certificate checks for that host: configure its CA (global.cert) instead` });
        }
      });
    }
  },
);
