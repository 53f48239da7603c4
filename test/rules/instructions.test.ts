import { cmdExecForm } from '../../src/rules/dockerfile/instructions/cmd-exec-form.js';
import { heredocUnterminated } from '../../src/rules/dockerfile/instructions/heredoc-unterminated.js';
import { inlineIgnore } from '../../src/rules/dockerfile/instructions/inline-ignore.js';
import { instructionCasing } from '../../src/rules/dockerfile/instructions/instruction-casing.js';
import { maintainerDeprecated } from '../../src/rules/dockerfile/instructions/maintainer-deprecated.js';
import { ruleTester } from './harness.js';

ruleTester(cmdExecForm, {
  valid: [
    'FROM alpine:3.20\nCMD ["python", "app.py"]\n',
    'FROM alpine:3.20\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["--help"]\n',
    'FROM alpine:3.20\nRUN echo hi\n',
    {
      name: 'a one-shot job of file utilities never waits for a signal (temporal tls: copies a certificate out)',
      code: 'FROM golang:1.23\nVOLUME ["/pki-out"]\nENTRYPOINT cp /pki/ca.pem /pki-out/ca.pem && chmod 644 /pki-out/ca.pem\n',
    },
  ],
  invalid: [
    {
      name: 'a file utility followed by the server: the server runs under sh',
      code: 'FROM alpine:3.20\nCMD cp /etc/app.default /etc/app.conf && app --serve\n',
      errors: [{ line: 2, column: 1 }],
    },
    {
      code: 'FROM alpine:3.20\nCMD python app.py\n',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 18, message: 'CMD in shell form' }],
      output: 'FROM alpine:3.20\nCMD ["python", "app.py"]\n',
    },
    {
      name: 'quoted words and continuation',
      code: 'FROM alpine:3.20\nENTRYPOINT uvicorn "app:app" \\\n  --host 0.0.0.0\n',
      errors: [{ line: 2, column: 1, message: 'ENTRYPOINT' }],
      output: 'FROM alpine:3.20\nENTRYPOINT ["uvicorn", "app:app", "--host", "0.0.0.0"]\n',
    },
    {
      name: 'shell operators: reported, not fixed',
      code: 'FROM alpine:3.20\nCMD ./migrate && exec ./serve\n',
      errors: [{ line: 2, column: 1 }],
    },
    {
      name: 'variables need the shell: not fixed',
      code: 'FROM alpine:3.20\nCMD serve --port $PORT\n',
      errors: [{ line: 2, column: 1 }],
    },
    {
      name: 'a leading exec is the shell replacing itself: dropped',
      code: 'FROM eclipse-temurin:21-jre\nCMD exec java -jar /app.jar\n',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM eclipse-temurin:21-jre\nCMD ["java", "-jar", "/app.jar"]\n',
    },
    { name: 'exec with its own options: not fixed', code: 'FROM alpine:3.20\nCMD exec -a app /bin/serve\n', errors: [{ line: 2, column: 1 }] },
    ...['cd /app', 'export A=1', 'set -e', 'source /env', 'ulimit -n 1024', 'exec'].map((c) => ({
      name: `a shell builtin (${c}): not fixed`,
      code: `FROM alpine:3.20\nCMD ${c}\n`,
      errors: [{ line: 2, column: 1 }],
    })),
    {
      name: 'shell-form ENTRYPOINT next to a CMD: not fixed, the CMD would become its arguments',
      code: 'FROM alpine:3.20\nCOPY entry.sh /entry.sh\nCMD ["--verbose"]\nENTRYPOINT /entry.sh\n',
      errors: [{ line: 4, column: 1, message: 'CMD on line 3 would start being passed to it' }],
    },
    {
      name: 'shell-form ENTRYPOINT with a CMD in a later stage: not fixed',
      code: 'FROM alpine:3.20 AS base\nENTRYPOINT /entry.sh\nFROM base\nCMD ["x"]\n',
      errors: [{ line: 2, column: 1, message: 'not fixed automatically' }],
    },
    {
      name: 'shell-form CMD under an ENTRYPOINT: not fixed, the ENTRYPOINT would get other arguments',
      code: 'FROM alpine:3.20\nENTRYPOINT ["/entry.sh"]\nCMD serve --port 80\n',
      errors: [{ line: 3, column: 1, message: 'ENTRYPOINT on line 2' }],
    },
    {
      name: 'a PowerShell SHELL: not fixed',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nCMD Write-Host hi\n',
      errors: [{ line: 3, column: 1 }],
    },
  ],
});

ruleTester(maintainerDeprecated, {
  valid: ['FROM alpine:3.20\nLABEL org.opencontainers.image.authors="me"\n'],
  invalid: [
    {
      code: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n',
      errors: [{ line: 2, column: 1, endColumn: 39 }],
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
    },
  ],
});

ruleTester(instructionCasing, {
  valid: ['FROM alpine:3.20\nRUN echo hi\n', 'from alpine:3.20\nrun echo hi\n'],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN a\nrun b\n',
      errors: [{ line: 3, column: 1, endColumn: 4, message: "'run' should be written 'RUN'" }],
      output: 'FROM alpine:3.20\nRUN a\nRUN b\n',
    },
    {
      name: 'suppressed lines are neither reported nor fixed',
      code: 'FROM alpine:3.20\nRUN a\n# slipway ignore=instruction-casing -- generated\nrun b\nrun c\n',
      errors: [{ line: 5, column: 1 }],
      output: 'FROM alpine:3.20\nRUN a\n# slipway ignore=instruction-casing -- generated\nrun b\nRUN c\n',
    },
  ],
});

ruleTester(inlineIgnore, {
  valid: ['FROM alpine:3.20\n# a plain comment\nRUN true\n'],
  invalid: [
    {
      code: 'FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add curl\n',
      errors: [{ line: 2, column: 1, endColumn: 25, message: 'hadolint ignore=DL3018' }],
    },
    {
      code: 'FROM alpine:3.20\n# slipway global ignore=healthcheck-missing -- compose has it\n',
      errors: [{ line: 2, column: 1 }],
    },
  ],
});

ruleTester(heredocUnterminated, {
  valid: ['FROM alpine:3.20\nRUN <<EOF\necho hi\nEOF\n', 'FROM alpine:3.20\nCOPY <<-END /etc/motd\n\thello\n\tEND\n'],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN <<EOF\necho hi\n',
      errors: [{ line: 2, column: 7, endColumn: 10, message: "'EOF' is never closed" }],
    },
    {
      name: 'the instructions after it are swallowed',
      code: 'FROM alpine:3.20\nRUN cat <<"END" > /x\nhello\nUSER 1001\n',
      errors: [{ line: 2, column: 12, message: "'END'" }],
    },
  ],
});
