import { exposeInvalidFormat } from '../../src/rules/dockerfile/instructions/expose-invalid-format.js';
import { exposePortRange } from '../../src/rules/dockerfile/instructions/expose-port-range.js';
import { exposeProtoCasing } from '../../src/rules/dockerfile/instructions/expose-proto-casing.js';
import { exposeSsh } from '../../src/rules/dockerfile/instructions/expose-ssh.js';
import { multipleCmd } from '../../src/rules/dockerfile/instructions/multiple-cmd.js';
import { multipleEntrypoint } from '../../src/rules/dockerfile/instructions/multiple-entrypoint.js';
import { multipleHealthcheck } from '../../src/rules/dockerfile/instructions/multiple-healthcheck.js';
import { ruleTester } from './harness.js';

ruleTester(exposePortRange, {
  valid: [
    'FROM nginx:1.27\nEXPOSE 80 443/tcp 53/udp\n',
    'FROM nginx:1.27\nEXPOSE 8000-8010 65535\n',
    { name: 'unknown variable: skipped', code: 'FROM nginx:1.27\nARG PORT\nEXPOSE $PORT\n' },
  ],
  invalid: [
    { code: 'FROM nginx:1.27\nEXPOSE 80 80800\n', errors: [{ line: 2, column: 11, endColumn: 16, message: 'port 80800 is out of range' }] },
    { name: 'range end out of range, with protocol', code: 'FROM nginx:1.27\nEXPOSE 65000-70000/udp\n', errors: [{ line: 2, column: 8, message: 'port 70000' }] },
    { name: 'backwards range', code: 'FROM nginx:1.27\nEXPOSE 8010-8000\n', errors: [{ line: 2, column: 8, message: 'write 8000-8010' }] },
    { name: 'resolved variable', code: 'FROM nginx:1.27\nARG PORT=99999\nEXPOSE ${PORT}/tcp\n', errors: [{ line: 3, column: 8 }] },
  ],
});

ruleTester(exposeSsh, {
  valid: [
    'FROM ubuntu:24.04\nEXPOSE 8080\n',
    'FROM ubuntu:24.04\nEXPOSE 2222 220\n',
    {
      name: 'SSH is the service: a git server whose entrypoint script runs the CMD, sshd (jessfraz/gitserver)',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache git openssh\nEXPOSE 22\nCOPY start.sh /\nENTRYPOINT ["/start.sh"]\nCMD ["/usr/sbin/sshd", "-D", "-e"]\n',
    },
    { name: 'an SFTP server in shell form, with exec', code: 'FROM debian:12-slim\nEXPOSE 22\nCMD exec /usr/sbin/sshd -D\n' },
    { name: 'dropbear', code: 'FROM alpine:3.20\nEXPOSE 22\nENTRYPOINT ["dropbear", "-F", "-E"]\n' },
  ],
  invalid: [
    {
      name: 'sshd started beside the application by a process manager: a door into it',
      code: 'FROM ubuntu:24.04\nRUN apt-get install -y openssh-server supervisor\nEXPOSE 22 8080\nCMD ["/usr/bin/supervisord"]\n',
      errors: [{ line: 3, column: 8 }],
    },
    { name: 'sshd started by an earlier stage only', code: 'FROM ubuntu:24.04 AS ssh\nCMD ["/usr/sbin/sshd", "-D"]\nFROM ubuntu:24.04\nEXPOSE 22\nCMD ["app"]\n', errors: [{ line: 4, column: 8 }] },
    { code: 'FROM ubuntu:24.04\nEXPOSE 22 8080\n', errors: [{ line: 2, column: 8, endColumn: 10, message: 'SSH port 22' }] },
    { name: 'with protocol, and in a range', code: 'FROM ubuntu:24.04\nEXPOSE 22/tcp 20-25\n', errors: [{ line: 2, column: 8 }, { line: 2, column: 15 }] },
    { name: 'through a variable', code: 'FROM ubuntu:24.04\nENV SSH_PORT=22\nEXPOSE $SSH_PORT\n', errors: [{ line: 3, column: 8 }] },
  ],
});

ruleTester(exposeProtoCasing, {
  valid: ['FROM nginx:1.27\nEXPOSE 80/tcp 53/udp\n', 'FROM nginx:1.27\nEXPOSE 80\n'],
  invalid: [
    {
      code: 'FROM nginx:1.27\nEXPOSE 80/TCP\n',
      errors: [{ line: 2, column: 11, endColumn: 14, message: "'tcp'" }],
      output: 'FROM nginx:1.27\nEXPOSE 80/tcp\n',
    },
    {
      name: 'several words',
      code: 'FROM nginx:1.27\nEXPOSE 80/tcp 53/Udp 9000-9001/SCTP\n',
      errors: [{ line: 2, column: 18 }, { line: 2, column: 32 }],
      output: 'FROM nginx:1.27\nEXPOSE 80/tcp 53/udp 9000-9001/sctp\n',
    },
    {
      name: 'protocol from a variable: reported, not fixed',
      code: 'FROM nginx:1.27\nARG P=TCP\nEXPOSE 80/$P\n',
      errors: [{ line: 3, column: 8 }],
    },
  ],
});

ruleTester(exposeInvalidFormat, {
  valid: ['FROM nginx:1.27\nEXPOSE 80\n', 'FROM nginx:1.27\nEXPOSE 8000-8010/tcp\n'],
  invalid: [
    {
      code: 'FROM nginx:1.27\nEXPOSE 8080:80\n',
      errors: [{ line: 2, column: 8, endColumn: 15, message: "remove '8080:'" }],
      output: 'FROM nginx:1.27\nEXPOSE 80\n',
    },
    {
      name: 'IP and host port, with protocol',
      code: 'FROM nginx:1.27\nEXPOSE 443 127.0.0.1:8443:443/tcp\n',
      errors: [{ line: 2, column: 12, message: "'127.0.0.1:8443:'" }],
      output: 'FROM nginx:1.27\nEXPOSE 443 443/tcp\n',
    },
    {
      name: 'from a variable: reported, not fixed',
      code: 'FROM nginx:1.27\nARG MAP=8080:80\nEXPOSE $MAP\n',
      errors: [{ line: 3, column: 8 }],
    },
  ],
});

ruleTester(multipleCmd, {
  valid: [
    'FROM python:3.12-slim\nCMD ["python", "app.py"]\n',
    { name: 'one CMD per stage', code: 'FROM python:3.12-slim AS base\nCMD ["python"]\nFROM base\nCMD ["python", "app.py"]\n' },
    { name: 'ONBUILD CMD is not a CMD of this stage', code: 'FROM python:3.12-slim\nONBUILD CMD ["x"]\nCMD ["python", "app.py"]\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nCMD ["python", "manage.py", "migrate"]\nCMD ["gunicorn", "app:app"]\n',
      errors: [{ line: 2, column: 1, endColumn: 39, message: 'overridden by the CMD on line 3' }],
    },
    {
      name: 'three CMDs: the first two are reported',
      code: 'FROM alpine:3.20\nCMD a\nRUN x\nCMD b\nCMD ["c"]\n',
      errors: [{ line: 2, column: 1, message: 'line 5' }, { line: 4, column: 1, message: 'line 5' }],
    },
  ],
});

ruleTester(multipleEntrypoint, {
  valid: ['FROM alpine:3.20\nENTRYPOINT ["/app"]\n', 'FROM alpine:3.20 AS a\nENTRYPOINT ["/a"]\nFROM a\nENTRYPOINT ["/b"]\n'],
  invalid: [
    {
      code: 'FROM alpine:3.20\nENTRYPOINT ["/docker-entrypoint.sh"]\nENTRYPOINT ["/usr/bin/app"]\n',
      errors: [{ line: 2, column: 1, message: 'overridden by the ENTRYPOINT on line 3' }],
    },
    {
      name: 'in a builder stage too',
      code: 'FROM alpine:3.20 AS build\nENTRYPOINT a\nENTRYPOINT b\nFROM alpine:3.20\n',
      errors: [{ line: 2, column: 1 }],
    },
  ],
});

ruleTester(multipleHealthcheck, {
  valid: ['FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/\n', 'FROM nginx:1.27 AS a\nHEALTHCHECK NONE\nFROM a\nHEALTHCHECK CMD true\n'],
  invalid: [
    {
      code: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK NONE\n',
      errors: [{ line: 2, column: 1, message: 'overridden by the HEALTHCHECK on line 3' }],
    },
    {
      name: 'continued instruction: the first line is underlined',
      code: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s \\\n  CMD curl -f http://localhost/\nHEALTHCHECK CMD true\n',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 29 }],
    },
  ],
});
