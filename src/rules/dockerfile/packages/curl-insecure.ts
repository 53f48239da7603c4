import { parseArgv } from '../argv.js';
import { rule, runs, wordSpan } from './common.js';

/** curl's options that take a value: a `k` after one of them is part of the value (`-ukey` is a user name). */
const CURL_VALUED = [
  ...[...'AbcCdDeEFHKmoPQrTuUwxXyYzt'].map((c) => `-${c}`),
  '--header', '--output', '--user', '--data', '--form', '--url', '--cacert', '--cert', '--config', '--write-out', '--request', '--proxy',
];
const INSECURE = new Set(['-k', '--insecure', '--proxy-insecure']);

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
      // One report per word (`-kk` once); the word as written names the option (`-fsSLk`).
      const words = new Set(parseArgv(cmd, 1, CURL_VALUED).options.filter((o) => INSECURE.has(o.name) && o.value === null).map((o) => o.index));
      for (const i of words) {
        const w = cmd.words[i];
        if (w) report({ ...wordSpan(w), message: `\`curl ${cmd.argv[i]}\` accepts any certificate: install the CA certificate or use --cacert instead` });
      }
    }
  },
);
