import { apkAllowUntrusted } from '../../src/rules/dockerfile/packages/apk-allow-untrusted.js';
import { apkNoCache } from '../../src/rules/dockerfile/packages/apk-no-cache.js';
import { apkPinVersions } from '../../src/rules/dockerfile/packages/apk-pin-versions.js';
import { ruleTester } from './harness.js';

const F = 'FROM alpine:3.20\n';

ruleTester(apkNoCache, {
  valid: [
    F + 'RUN apk add --no-cache curl\n',
    F + 'RUN --mount=type=cache,target=/var/cache/apk apk add curl\n',
    F + 'RUN apk update && apk add curl && rm -rf /var/cache/apk/*\n',
    { name: 'builder stage does not ship', code: F.replace('\n', ' AS build\n') + 'RUN apk add gcc\nFROM alpine:3.20\nCOPY --from=build /out /out\n' },
    F + 'RUN apk del curl\n',
  ],
  invalid: [
    {
      code: F + 'RUN apk add curl\n',
      errors: [{ line: 2, column: 5, endColumn: 12, message: 'apk add --no-cache' }],
      output: F + 'RUN apk add --no-cache curl\n',
    },
    {
      name: '--update does not help',
      code: F + 'RUN apk --update add --virtual .deps gcc \\\n  && apk del .deps\n',
      errors: [{ line: 2, column: 5, endColumn: 21 }],
      output: F + 'RUN apk --update add --no-cache --virtual .deps gcc \\\n  && apk del .deps\n',
    },
    {
      name: 'cache mount elsewhere does not help',
      code: F + 'RUN --mount=type=cache,target=/root/.cache apk add curl\n',
      errors: [{ line: 2, column: 44 }],
      output: F + 'RUN --mount=type=cache,target=/root/.cache apk add --no-cache curl\n',
    },
  ],
});

ruleTester(apkPinVersions, {
  valid: [
    F + 'RUN apk add --no-cache curl=8.9.1-r2 git~2.45\n',
    F + 'RUN apk add --no-cache --virtual .build-deps $DEPS\n',
    F + 'RUN apk add --no-cache /tmp/pkg.apk\n',
  ],
  invalid: [
    {
      code: F + 'RUN apk add --no-cache curl\n',
      errors: [{ line: 2, column: 24, endColumn: 28, message: "'curl'" }],
    },
    {
      name: 'the --virtual name is not a package',
      code: F + 'RUN apk add --no-cache --virtual .deps gcc musl-dev=1.2.5-r0\n',
      errors: [{ line: 2, column: 40, endColumn: 43 }],
    },
  ],
});

ruleTester(apkAllowUntrusted, {
  valid: [
    F + 'RUN apk add --no-cache curl\n',
    F + 'RUN echo --allow-untrusted\n',
    {
      name: 'packages built by an earlier stage, mounted',
      code: 'FROM alpine:3.20 AS builder\nRUN abuild -r\nFROM alpine:3.20\nRUN --mount=type=bind,target=/pkgs,source=/out,from=builder apk add --no-cache --allow-untrusted /pkgs/tool-*.apk\n',
    },
    {
      name: 'packages built by an earlier stage, copied',
      code: 'FROM alpine:3.20 AS builder\nRUN abuild -r\nFROM alpine:3.20\nCOPY --from=builder /out/ /tmp/pkgs/\nRUN apk add --allow-untrusted /tmp/pkgs/tool.apk\n',
    },
  ],
  invalid: [
    { code: F + 'RUN apk add --no-cache --allow-untrusted /tmp/x.apk\n', errors: [{ line: 2, column: 24, endColumn: 41 }] },
    { code: F + 'RUN apk --allow-untrusted add x\n', errors: [{ line: 2, column: 9 }] },
    {
      name: 'a local .apk of unknown origin (not from a stage)',
      code: F + 'COPY vendor/tool.apk /tmp/\nRUN apk add --allow-untrusted /tmp/tool.apk\n',
      errors: [{ line: 3, column: 13 }],
    },
  ],
});
