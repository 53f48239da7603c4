import { envRule } from './common.js';

export const npmStrictSslEnv = envRule(
  {
    id: 'npm-strict-ssl-env',
    severity: 'error',
    category: 'security',
    aliases: ['CKV2_DOCKER_12'],
    title: 'Do not set `NPM_CONFIG_STRICT_SSL=false`',
    description:
      '`NPM_CONFIG_STRICT_SSL=false` makes npm accept any certificate from the registry, so packages (and their install scripts) can be replaced in transit. Set `NPM_CONFIG_CAFILE` to the registry\'s CA instead.',
    bad: 'FROM node:22-slim\nENV NPM_CONFIG_STRICT_SSL=false\n',
    good: 'FROM node:22-slim\nENV NPM_CONFIG_CAFILE=/etc/ssl/internal-ca.pem\n',
    fixable: false,
    differs: 'npm reads its `npm_config_*` variables case-insensitively, so every casing is matched; `0` counts as false too.',
  },
  (name) => name.toLowerCase() === 'npm_config_strict_ssl',
  (value) => value !== null && /^(false|0)$/i.test(value.trim()),
  (name) => `${name}=false turns off npm's certificate checks: set NPM_CONFIG_CAFILE to the registry's CA instead`,
);
