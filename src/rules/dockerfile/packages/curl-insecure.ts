import { rule, runs, wordSpan } from './common.js';

/** curl's short options that take a value: a `k` after one of them is part of the value. */
const CURL_VALUE_LETTERS = 'AbcCdDeEFHKmoPQrTuUwxXyYzt';

export const curlInsecure = rule(
  {
    id: 'curl-insecure',
    severity: 'error',
    category: 'security',
    aliases: ['CKV2_DOCKER_2'],
    title: 'Do not turn off curl\'s certificate checks (`-k`, `--insecure`)',
    description:
      '`curl -k` accepts any certificate, so whatever it downloads (often a script piped to a shell, or a binary) can be replaced in transit. Install the CA certificate, or pass it with `--cacert`.',
    bad: 'FROM debian:12-slim\nRUN curl -fsSLk https://example.com/install.sh -o /tmp/install.sh\n',
    good: 'FROM debian:12-slim\nRUN curl -fsSL https://example.com/install.sh -o /tmp/install.sh\n',
    fixable: false,
    differs: 'Reads grouped short options properly (`-fsSLk` has `-k`; `-ukey` is a user name, not `-k`), and also reports `--proxy-insecure`.',
  },
  ({ df, report }) => {
    for (const { cmd } of runs(df, ['curl'])) {
      for (let i = 1; i < cmd.argv.length; i++) {
        const a = cmd.argv[i]!;
        const w = cmd.words[i];
        if (a === '--') break;
        if (!w || !a.startsWith('-')) continue;
        let bad = a === '--insecure' || a === '--proxy-insecure';
        if (!a.startsWith('--')) {
          const letters = a.slice(1);
          for (let j = 0; j < letters.length; j++) {
            const c = letters[j]!;
            if (c === 'k') bad = true;
            if (CURL_VALUE_LETTERS.includes(c)) {
              if (j === letters.length - 1) i++; // `-o file`: the next word is the value
              break;
            }
          }
        } else if (['--header', '--output', '--user', '--data', '--form', '--url', '--cacert', '--cert', '--config', '--write-out', '--request', '--proxy'].includes(a)) i++;
        if (bad) report({ ...wordSpan(w), message: `\`curl ${a}\` accepts any certificate: install the CA certificate or use --cacert instead` });
      }
    }
  },
);
