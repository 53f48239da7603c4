import { parseArgv } from '../argv.js';
import { envSettings, rule, runs, wordSpan } from './common.js';

const OFF = /^(false|0|no|off)$/i;

export const gitSslNoVerify = rule(
  {
    id: 'git-ssl-no-verify',
    severity: 'error',
    category: 'security',
    aliases: ['CKV2_DOCKER_14'],
    title: 'Do not turn off git\'s certificate checks (`GIT_SSL_NO_VERIFY`, `http.sslVerify false`)',
    description:
      'Git treats `GIT_SSL_NO_VERIFY` set to *any* value, and `http.sslVerify=false`, as "accept any certificate", so cloned code can be replaced in transit. Add the server\'s CA (`http.sslCAInfo`, or the system trust store) instead.',
    bad: 'FROM alpine/git:2.45.2\nENV GIT_SSL_NO_VERIFY=true\n',
    good: 'FROM alpine/git:2.45.2\nCOPY internal-ca.pem /usr/local/share/ca-certificates/internal-ca.crt\nRUN update-ca-certificates\n',
    fixable: false,
    differs: 'Also catches `git config http.sslVerify false` and `git -c http.sslVerify=false …`, which have the same effect.',
  },
  ({ df, report }) => {
    for (const e of envSettings(df)) {
      if (e.name !== 'GIT_SSL_NO_VERIFY') continue;
      report({ start: e.start, end: e.end, message: 'GIT_SSL_NO_VERIFY (set to any value) turns off git\'s certificate checks: add the server\'s CA instead' });
    }
    for (const { cmd } of runs(df, ['git'])) {
      // `git -c http.sslVerify=false …` (also `-chttp.sslVerify=false`), and `git config http.sslVerify false`.
      const argv = parseArgv(cmd, 1, ['-c']);
      const settings = argv.options.filter((o) => o.name === '-c' && o.value !== null).map((o) => ({ index: o.index, setting: o.value! }));
      for (const i of argv.operands) {
        if (cmd.argv[i]!.toLowerCase() === 'http.sslverify') settings.push({ index: i, setting: `${cmd.argv[i]}=${cmd.argv[i + 1] ?? ''}` });
      }
      for (const { index, setting } of settings.sort((a, b) => a.index - b.index)) {
        const w = cmd.words[index];
        const [key, value = ''] = setting.split('=');
        if (!w || !/^http\.(.*\.)?sslverify$/i.test(key ?? '') || !OFF.test(value)) continue;
        report({ ...wordSpan(w), message: '`http.sslVerify=false` turns off git\'s certificate checks: add the server\'s CA (http.sslCAInfo) instead' });
      }
    }
  },
);
