import { envRule } from './common.js';

export const pipTrustedHostEnv = envRule(
  {
    id: 'pip-trusted-host-env',
    severity: 'error',
    category: 'security',
    aliases: ['CKV2_DOCKER_16'],
    title: 'Do not set `PIP_TRUSTED_HOST`',
    description:
      '`PIP_TRUSTED_HOST` makes every pip call accept plain HTTP or any certificate from that host, so packages can be replaced in transit. Set `PIP_CERT` to the host\'s CA certificate instead.',
    bad: 'FROM python:3.12-slim\nENV PIP_TRUSTED_HOST=pypi.internal\n',
    good: 'FROM python:3.12-slim\nENV PIP_CERT=/etc/ssl/internal-ca.pem\n',
    fixable: false,
    differs: 'Also found in ARG defaults (visible to RUN as environment variables), `PIP_TRUSTED_HOST=… pip install` prefixes and `export`.',
  },
  (name) => name === 'PIP_TRUSTED_HOST',
  (value) => value === null || value.trim() !== '',
  (name) => `${name} turns off pip's certificate checks for that host: set PIP_CERT to its CA certificate instead`,
);
