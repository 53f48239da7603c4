import { curlAndWget } from '../../src/rules/dockerfile/packages/curl-and-wget.js';
import { curlInsecure } from '../../src/rules/dockerfile/packages/curl-insecure.js';
import { wgetNoCheckCertificate } from '../../src/rules/dockerfile/packages/wget-no-check-certificate.js';
import { wgetProgress } from '../../src/rules/dockerfile/packages/wget-progress.js';
import { ruleTester } from './harness.js';

const F = 'FROM debian:12-slim\n';

ruleTester(curlInsecure, {
  valid: [
    F + 'RUN curl -fsSL https://x -o /tmp/x\n',
    { name: '-u takes a value: k is part of it', code: F + 'RUN curl -ukey:secret https://x\n' },
    { name: '-o value', code: F + 'RUN curl -o -k https://x\n' },
    F + 'RUN curl --cacert /ca.pem https://x\n',
  ],
  invalid: [
    { code: F + 'RUN curl -fsSLk https://x | sh\n', errors: [{ line: 2, column: 10, endColumn: 16 }] },
    { code: F + 'RUN curl --insecure -O https://x\n', errors: [{ line: 2, column: 10, endColumn: 20 }] },
    { code: F + 'RUN set -e; curl -k https://x > /tmp/x\n', errors: [{ line: 2, column: 18 }] },
  ],
});

ruleTester(wgetNoCheckCertificate, {
  valid: [F + 'RUN wget -q https://x\n', F + 'RUN wget -q --ca-certificate=/ca.pem https://x\n'],
  invalid: [
    { code: F + 'RUN wget -q --no-check-certificate https://x\n', errors: [{ line: 2, column: 13, endColumn: 35 }] },
    { code: F + 'RUN wget -e check_certificate=off -q https://x\n', errors: [{ line: 2, column: 13 }] },
  ],
});

ruleTester(wgetProgress, {
  valid: [
    F + 'RUN wget --progress=dot:giga https://x\n',
    F + 'RUN wget -q https://x\n',
    F + 'RUN wget -qO- https://x | tar xz\n',
    F + 'RUN wget -nv https://x\n',
    F + 'RUN wget --no-verbose https://x\n',
  ],
  invalid: [
    { code: F + 'RUN wget https://x\n', errors: [{ line: 2, column: 5, endColumn: 9 }] },
    { name: '-O takes a value: the q is the file name', code: F + 'RUN wget -Oq https://x\n', errors: [{ line: 2, column: 5 }] },
  ],
});

ruleTester(curlAndWget, {
  valid: [
    F + 'RUN curl -fsSL https://x -o a && curl -fsSLO https://y\n',
    { name: 'different stages', code: 'FROM debian:12 AS a\nRUN curl -fsSLO https://x\nFROM debian:12-slim\nRUN wget -q https://y\n' },
  ],
  invalid: [
    { code: F + 'RUN curl -fsSLO https://x\nRUN wget -q https://y\n', errors: [{ line: 3, column: 5, endColumn: 9, message: 'curl (line 2)' }] },
    { name: 'same RUN, reported once', code: F + 'RUN wget -q https://x && curl -O https://y && curl -O https://z\n', errors: [{ line: 2, column: 26, message: 'wget (line 2) and curl' }] },
  ],
});
