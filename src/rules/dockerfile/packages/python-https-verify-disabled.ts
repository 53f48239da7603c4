import { envRule } from './common.js';

export const pythonHttpsVerifyDisabled = envRule(
  {
    id: 'python-https-verify-disabled',
    severity: 'error',
    category: 'security',
    aliases: ['CKV2_DOCKER_5'],
    title: 'Do not set `PYTHONHTTPSVERIFY=0`',
    description:
      '`PYTHONHTTPSVERIFY=0` makes Python\'s standard library skip certificate checks for every HTTPS connection the application makes, so any network attacker can read and change the traffic. Install the CA certificate the service needs instead.',
    bad: 'FROM python:3.12-slim\nENV PYTHONHTTPSVERIFY=0\n',
    good: 'FROM python:3.12-slim\nCOPY internal-ca.pem /usr/local/share/ca-certificates/internal-ca.crt\nRUN update-ca-certificates\n',
    fixable: false,
    differs: 'Also found in ARG defaults, `PYTHONHTTPSVERIFY=0 cmd` prefixes and `export` in RUN.',
  },
  (name) => name === 'PYTHONHTTPSVERIFY',
  (value) => value !== null && value.trim() === '0',
  () => 'PYTHONHTTPSVERIFY=0 turns off certificate checks for all HTTPS in Python: install the CA certificate instead',
);
