import { envRule } from './common.js';

export const nodeTlsRejectUnauthorized = envRule(
  {
    id: 'node-tls-reject-unauthorized',
    severity: 'error',
    category: 'security',
    aliases: ['CKV2_DOCKER_6'],
    title: 'Do not set `NODE_TLS_REJECT_UNAUTHORIZED=0`',
    description:
      '`NODE_TLS_REJECT_UNAUTHORIZED=0` makes Node.js accept any certificate on every HTTPS connection (npm installs during the build, and the application at run time), so traffic can be read and changed. Add the CA with `NODE_EXTRA_CA_CERTS` instead.',
    bad: 'FROM node:22-slim\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\n',
    good: 'FROM node:22-slim\nCOPY internal-ca.pem /etc/ssl/internal-ca.pem\nENV NODE_EXTRA_CA_CERTS=/etc/ssl/internal-ca.pem\n',
    fixable: false,
    differs: 'Also found in ARG defaults, `NODE_TLS_REJECT_UNAUTHORIZED=0 cmd` prefixes and `env` in RUN.',
  },
  (name) => name === 'NODE_TLS_REJECT_UNAUTHORIZED',
  (value) => value !== null && value.trim() === '0',
  () => 'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks in Node.js: use NODE_EXTRA_CA_CERTS with the CA instead',
);
