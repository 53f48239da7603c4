import { healthcheckOptions } from '../../src/rules/dockerfile/instructions/healthcheck-options.js';
import { labelEmpty } from '../../src/rules/dockerfile/instructions/label-empty.js';
import { labelKeyValid } from '../../src/rules/dockerfile/instructions/label-key-valid.js';
import { labelMissing } from '../../src/rules/dockerfile/instructions/label-missing.js';
import { labelSuperfluous } from '../../src/rules/dockerfile/instructions/label-superfluous.js';
import { labelValueFormat } from '../../src/rules/dockerfile/instructions/label-value-format.js';
import { stopsignalValid } from '../../src/rules/dockerfile/instructions/stopsignal-valid.js';
import { userEmpty } from '../../src/rules/dockerfile/instructions/user-empty.js';
import { userNumeric } from '../../src/rules/dockerfile/instructions/user-numeric.js';
import { ruleTester } from './harness.js';

ruleTester(userNumeric, {
  valid: [
    'FROM debian:12-slim\nUSER 10001:10001\n',
    { name: 'only the final USER counts', code: 'FROM debian:12-slim\nUSER app\nRUN make\nUSER 10001\n' },
    { name: 'builder stages do not ship', code: 'FROM debian:12-slim AS build\nUSER builder\nFROM debian:12-slim\nUSER 10001\n' },
    { name: 'root is left to the root-user rule', code: 'FROM debian:12-slim\nUSER root\n' },
    { name: 'unknown variable', code: 'FROM debian:12-slim\nARG APP_USER\nUSER $APP_USER\n' },
  ],
  invalid: [
    { code: 'FROM debian:12-slim\nUSER app\n', errors: [{ line: 2, column: 6, endColumn: 9, message: "user name 'app'" }] },
    {
      name: 'final USER inherited from the stage the image is built FROM',
      code: 'FROM debian:12-slim AS base\nUSER app:app\nFROM base\nCMD ["x"]\n',
      errors: [{ line: 2, column: 6, message: "'app'" }],
    },
    { name: 'resolved variable', code: 'FROM debian:12-slim\nARG U=node\nUSER ${U}\n', errors: [{ line: 3, column: 6, message: "'node'" }] },
  ],
});

ruleTester(userEmpty, {
  valid: ['FROM alpine:3.20\nUSER 10001\n', 'FROM alpine:3.20\nUSER app:app\n', { name: 'unknown variable', code: 'FROM alpine:3.20\nARG U\nUSER $U\n' }],
  invalid: [
    { code: 'FROM alpine:3.20\nUSER\n', errors: [{ line: 2, column: 1, endColumn: 5, message: 'USER without a value' }] },
    { name: 'group only', code: 'FROM alpine:3.20\nUSER :app\n', errors: [{ line: 2, column: 6, message: 'empty user' }] },
    { name: 'empty variable', code: 'FROM alpine:3.20\nARG U=""\nUSER "$U"\n', errors: [{ line: 3, column: 6 }] },
  ],
});

ruleTester(labelKeyValid, {
  valid: [
    'FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://x maintainer=me\n',
    'FROM alpine:3.20\nLABEL "com.example.vendor"="ACME" version-1=2\n',
    { name: 'keys from variables are not checked', code: 'FROM alpine:3.20\nARG K\nLABEL $K=1\n' },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nLABEL Version=1.0\n', errors: [{ line: 2, column: 7, endColumn: 14, message: 'lower-case letter' }] },
    {
      name: 'reserved namespace, underscore, double dot',
      code: 'FROM alpine:3.20\nLABEL com.docker.x=1 my_label=2 \\\n  org..example=3\n',
      errors: [
        { line: 2, column: 7, message: 'reserved for Docker' },
        { line: 2, column: 22, message: 'only lower-case letters' },
        { line: 3, column: 3, message: 'consecutive' },
      ],
    },
  ],
});

const SCHEMA = {
  labelSchema: { 'org.opencontainers.image.source': 'url', 'org.opencontainers.image.version': 'semver' },
};

ruleTester(labelMissing, {
  valid: [
    { name: 'no schema: off', code: 'FROM alpine:3.20\n' },
    { settings: SCHEMA, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://x org.opencontainers.image.version=1.0.0\n' },
    {
      name: 'labels set in the parent stage ship too',
      settings: SCHEMA,
      code: 'FROM alpine:3.20 AS base\nLABEL org.opencontainers.image.source=https://x org.opencontainers.image.version=1.0.0\nFROM base\n',
    },
  ],
  invalid: [
    {
      settings: SCHEMA,
      code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://x\n',
      errors: [{ line: 1, column: 1, endColumn: 17, message: "'org.opencontainers.image.version'" }],
    },
    {
      name: 'only the shipped stage: labels of a builder stage do not count',
      settings: SCHEMA,
      code: 'FROM alpine:3.20 AS build\nLABEL org.opencontainers.image.source=https://x org.opencontainers.image.version=1.0.0\nFROM alpine:3.20\n',
      errors: [{ line: 3, column: 1, message: 'source' }, { line: 3, column: 1, message: 'version' }],
    },
  ],
});

ruleTester(labelSuperfluous, {
  valid: [
    { name: 'not strict', settings: SCHEMA, code: 'FROM alpine:3.20\nLABEL team=web\n' },
    { name: 'strict but no schema: off', settings: { strictLabels: true }, code: 'FROM alpine:3.20\nLABEL team=web\n' },
    { settings: { ...SCHEMA, strictLabels: true }, code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version=1.0.0\n' },
  ],
  invalid: [
    {
      settings: { ...SCHEMA, strictLabels: true },
      code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version=1.0.0 team=web\n',
      errors: [{ line: 2, column: 46, endColumn: 50, message: "'team'" }],
    },
    {
      name: 'two extra labels',
      settings: { ...SCHEMA, strictLabels: true },
      code: 'FROM alpine:3.20\nLABEL a=1\nLABEL b=2\n',
      errors: [{ line: 2, column: 7 }, { line: 3, column: 7 }],
    },
  ],
});

ruleTester(labelEmpty, {
  valid: [
    { name: 'not in the schema', settings: SCHEMA, code: 'FROM alpine:3.20\nLABEL team=""\n' },
    { name: 'unknown build argument', settings: SCHEMA, code: 'FROM alpine:3.20\nARG VERSION\nLABEL org.opencontainers.image.version=$VERSION\n' },
  ],
  invalid: [
    {
      settings: SCHEMA,
      code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version=""\n',
      errors: [{ line: 2, column: 7, message: "'org.opencontainers.image.version' is empty" }],
    },
    {
      name: 'empty build argument default',
      settings: SCHEMA,
      code: 'FROM alpine:3.20\nARG SRC=\nLABEL org.opencontainers.image.source="${SRC}"\n',
      errors: [{ line: 3, column: 7 }],
    },
  ],
});

ruleTester(labelValueFormat, {
  valid: [
    { name: 'no schema', code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version=v1\n' },
    {
      settings: { labelSchema: { v: 'semver', u: 'url', h: 'hash', l: 'spdx', t: 'rfc3339', e: 'email', x: 'text' } },
      code: 'FROM alpine:3.20\nLABEL v=1.2.3-rc.1+build.5 u=https://github.com/acme/app h=0123abc l="Apache-2.0 OR MIT" t=2024-05-01T12:00:00Z e=ops@example.com x=anything\n',
    },
    { name: 'resolved variable', settings: SCHEMA, code: 'FROM alpine:3.20\nARG V=2.0.0\nLABEL org.opencontainers.image.version=$V\n' },
  ],
  invalid: [
    {
      settings: SCHEMA,
      code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version=v1.2\n',
      errors: [{ line: 2, column: 7, endColumn: 44, message: 'not a semantic version (1.2.3) (DL3056)' }],
    },
    {
      name: 'every type',
      settings: { labelSchema: { u: 'url', h: 'hash', l: 'spdx', t: 'rfc3339', e: 'email' } },
      code: 'FROM alpine:3.20\nLABEL u=github.com/acme h=XYZ l="Apache 2" t=2024-13-01 e=nobody\n',
      errors: [
        { line: 2, column: 7, message: 'DL3052' },
        { line: 2, column: 25, message: 'DL3055' },
        { line: 2, column: 31, message: 'DL3054' },
        { line: 2, column: 44, message: 'DL3053' },
        { line: 2, column: 57, message: 'DL3058' },
      ],
    },
  ],
});

ruleTester(healthcheckOptions, {
  valid: [
    'FROM nginx:1.27\nHEALTHCHECK --interval=30s --timeout=5s --start-period=1m30s --start-interval=500ms --retries=3 CMD curl -f http://localhost/\n',
    'FROM nginx:1.27\nHEALTHCHECK NONE\n',
    // Go's micro sign and Greek mu (written as escapes in the rule so the bundle stays ASCII)
    'FROM nginx:1.27\nHEALTHCHECK --interval=30s --timeout=5000000µs --start-period=2000000μs CMD true\n',
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27\nHEALTHCHECK --interval=30 --retries=0 CMD curl -f http://localhost/ || exit 1\n',
      errors: [
        { line: 2, column: 13, endColumn: 26, message: 'a unit is required: 30s' },
        { line: 2, column: 27, endColumn: 38, message: 'means the default (3)' },
      ],
    },
    {
      name: 'unknown option, bad retries, too short',
      code: 'FROM nginx:1.27\nHEALTHCHECK --intervall=5s --retries=two --timeout=10us CMD true\n',
      errors: [
        { line: 2, column: 13, message: 'Unknown HEALTHCHECK option --intervall' },
        { line: 2, column: 28, message: 'not a whole number' },
        { line: 2, column: 42, message: 'at least 1ms' },
      ],
    },
    { name: 'µs counted as microseconds', code: 'FROM nginx:1.27\nHEALTHCHECK --timeout=10µs CMD true\n', errors: [{ line: 2, column: 13, message: 'at least 1ms' }] },
    { name: 'neither CMD nor NONE', code: 'FROM nginx:1.27\nHEALTHCHECK curl -f http://localhost/\n', errors: [{ line: 2, column: 1, message: 'needs CMD' }] },
  ],
});

ruleTester(stopsignalValid, {
  valid: ['FROM nginx:1.27\nSTOPSIGNAL SIGQUIT\n', 'FROM nginx:1.27\nSTOPSIGNAL 9\n', 'FROM nginx:1.27\nSTOPSIGNAL term\n', 'FROM nginx:1.27\nSTOPSIGNAL SIGRTMIN+3\n'],
  invalid: [
    { code: 'FROM nginx:1.27\nSTOPSIGNAL SIGSTOPP\n', errors: [{ line: 2, column: 12, endColumn: 20, message: 'SIGSTOPP' }] },
    { name: 'zero', code: 'FROM nginx:1.27\nSTOPSIGNAL 0\n', errors: [{ line: 2, column: 12 }] },
    { name: 'missing', code: 'FROM nginx:1.27\nSTOPSIGNAL\n', errors: [{ line: 2, column: 1 }] },
  ],
});
