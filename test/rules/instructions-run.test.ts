import { noChpasswd } from '../../src/rules/dockerfile/instructions/no-chpasswd.js';
import { runCd } from '../../src/rules/dockerfile/instructions/run-cd.js';
import { runConsecutive } from '../../src/rules/dockerfile/instructions/run-consecutive.js';
import { runPipefail } from '../../src/rules/dockerfile/instructions/run-pipefail.js';
import { runPointlessCommand } from '../../src/rules/dockerfile/instructions/run-pointless-command.js';
import { runSudo } from '../../src/rules/dockerfile/instructions/run-sudo.js';
import { shellSyntax } from '../../src/rules/dockerfile/instructions/shell-syntax.js';
import { useShellInstruction } from '../../src/rules/dockerfile/instructions/use-shell-instruction.js';
import { useraddNoLogInit } from '../../src/rules/dockerfile/instructions/useradd-no-log-init.js';
import { ruleTester } from './harness.js';

ruleTester(runPointlessCommand, {
  valid: [
    { name: 'installing vim is fine', code: 'FROM debian:12-slim\nRUN apt-get install -y vim procps\n' },
    { name: 'ssh with an ssh agent mount', code: 'FROM debian:12-slim\nRUN --mount=type=ssh ssh -T git@github.com || true\n' },
    'FROM debian:12-slim\nCMD ["top"]\n',
  ],
  invalid: [
    { code: 'FROM debian:12-slim\nRUN service nginx start\n', errors: [{ line: 2, column: 5, endColumn: 12, message: "'service'" }] },
    {
      name: 'several, through sh -c',
      code: 'FROM debian:12-slim\nRUN ps aux && sh -c "kill 1"\n',
      errors: [{ line: 2, column: 5, message: "'ps'" }, { line: 2, column: 22, message: "'kill'" }],
    },
  ],
});

ruleTester(runCd, {
  valid: [
    'FROM node:22-slim\nWORKDIR /app\nRUN npm ci\n',
    { name: 'subshell', code: 'FROM debian:12-slim\nRUN (cd /src && make) && make -C /other\n' },
    { name: 'command substitution', code: 'FROM debian:12-slim\nRUN ln -s "$(cd /opt/app && pwd)" /app\n' },
    { name: 'dynamic target', code: 'FROM debian:12-slim\nRUN cd "$(mktemp -d)" && curl -fsSLO https://example.com/x\n' },
    { name: 'cd - and bare cd', code: 'FROM debian:12-slim\nRUN cd && cd -\n' },
    { name: 'subshell opened on the line before', code: 'FROM debian:12-slim\nRUN git clone --depth 1 https://example.com/x.git /usr/src/x \\\n\t&& ( \\\n\t\tcd /usr/src/x \\\n\t\t&& make \\\n\t)\n' },
    {
      name: 'a source directory the same RUN removes',
      code: 'FROM debian:12-slim\nRUN set -eux; \\\n\tmkdir -p /usr/src/lang; \\\n\tcd /usr/src/lang/build; \\\n\t./configure && make install; \\\n\tcd /; \\\n\trm -rf /usr/src/lang\n',
    },
    {
      name: 'a build directory with a dynamic name, left with cd .. and removed (docker-node alpine)',
      code: 'FROM alpine:3.20\nRUN tar -xf "node-v$NODE_VERSION.tar.xz" \\\n    && cd "node-v$NODE_VERSION" \\\n    && ./configure && make install \\\n    && cd .. \\\n    && rm -Rf "node-v$NODE_VERSION"\n',
    },
    {
      name: 'a relative cd into a folder of the WORKDIR the same RUN removes (hoppscotch npm from a verified tarball)',
      code: 'FROM node:22-alpine\nWORKDIR /tmp/npm-install\nRUN tar -xzf npm.tgz && \\\n  cd package && \\\n  node bin/npm-cli.js install -g /tmp/npm-install/npm.tgz && \\\n  cd / && \\\n  rm -rf /tmp/npm-install\n',
    },
    { name: 'in and back out: cd build && make && cd ..', code: 'FROM debian:12-slim\nWORKDIR /src\nRUN mkdir build && cd build && cmake .. && make && cd .. && cp build/app /usr/local/bin/\n' },
    {
      name: 'a subshell opened lines before, with comment lines inside (golang tip)',
      code: 'FROM debian:12-slim\nRUN set -eux; \\\n\t( \\\n\t\texport GOCACHE=/tmp/gocache \\\n# keep the host arch\n\t\t\tGOHOSTARCH="$GOARCH" \\\n\t\t; \\\n\t\tcd /usr/local/go/src; \\\n\t\t./make.bash; \\\n\t)\n',
    },
  ],
  invalid: [
    { code: 'FROM node:22-slim\nCOPY . /app\nRUN cd /app && npm ci\n', errors: [{ line: 3, column: 5, endColumn: 12, message: 'WORKDIR /app' }] },
    {
      name: 'one finding per RUN, the first cd',
      code: 'FROM debian:12-slim\nRUN mkdir -p /build && cd /build && cmake .. && cd /\n',
      errors: [{ line: 2, column: 24, message: "'cd /build'" }],
    },
    { name: 'heredoc RUN', code: 'FROM debian:12-slim\nRUN <<EOF\ncd /app\nmake\nEOF\n', errors: [{ line: 3, column: 1 }] },
    {
      name: 'a relative cd whose folder is not the one removed',
      code: 'FROM node:22-alpine\nWORKDIR /tmp/npm-install\nRUN cd package && make && rm -rf /tmp/npm-install-cache\n',
      errors: [{ line: 3, column: 5, message: 'WORKDIR /tmp/npm-install/package' }],
    },
    { name: 'another directory is removed', code: 'FROM debian:12-slim\nRUN cd /app && make && rm -rf /app-build /tmp/*\n', errors: [{ line: 2, column: 5, message: 'WORKDIR /app' }] },
    {
      name: 'a relative cd: the advice is absolute, joined to the WORKDIR in effect',
      code: 'FROM golang:1.22\nWORKDIR /go/src\nRUN cd app && go build\n',
      errors: [{ line: 3, column: 5, message: 'use WORKDIR /go/src/app instead' }],
    },
    {
      name: 'a relative cd where the WORKDIR is not known: no relative WORKDIR advised',
      code: 'FROM golang:1.22\nRUN cd src && go build\n',
      errors: [{ line: 2, column: 5, message: 'use WORKDIR with the absolute path of \'src\' (WORKDIR /path/to/src) instead' }],
    },
  ],
});

ruleTester(runSudo, {
  valid: ['FROM ubuntu:24.04\nRUN apt-get update\n', 'FROM ubuntu:24.04\nRUN apt-get install -y sudo\n'],
  invalid: [
    { code: 'FROM ubuntu:24.04\nUSER app\nRUN sudo apt-get update\n', errors: [{ line: 3, column: 5, endColumn: 9, message: 'USER root' }] },
    {
      name: 'twice, one via sh -c',
      code: "FROM ubuntu:24.04\nRUN sudo -E make install && sh -c 'sudo rm -rf /tmp/x'\n",
      errors: [{ line: 2, column: 5 }, { line: 2, column: 36 }],
    },
  ],
});

ruleTester(useShellInstruction, {
  valid: [
    'FROM debian:12-slim\nSHELL ["/bin/bash", "-c"]\n',
    { name: '/bin/sh as the link target', code: 'FROM debian:12-slim\nRUN ln -s /bin/sh /usr/local/bin/shell\n' },
  ],
  invalid: [
    { code: 'FROM debian:12-slim\nRUN ln -sf /bin/bash /bin/sh\n', errors: [{ line: 2, column: 5, endColumn: 29, message: 'SHELL ["/bin/bash", "-c"]' }] },
    {
      name: 'within a chain',
      code: 'FROM debian:12-slim\nRUN apt-get update && ln -snf /usr/bin/zsh /usr/bin/sh\n',
      errors: [{ line: 2, column: 23, message: '/usr/bin/zsh' }],
    },
  ],
});

ruleTester(runPipefail, {
  valid: [
    'FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://x | tar -xz\n',
    { name: 'set -euo pipefail in the script', code: 'FROM debian:12-slim\nRUN set -euo pipefail; curl -fsSL https://x | tar -xz\n' },
    { name: 'SHELL inherited from the parent stage', code: 'FROM debian:12-slim AS base\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nFROM base\nRUN a | b\n' },
    { name: 'exec form', code: 'FROM debian:12-slim\nRUN ["sh", "-c", "a | b"]\n' },
    { name: 'PowerShell', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem | Select-Object Name\n' },
    { name: 'no pipe, only ||', code: 'FROM debian:12-slim\nRUN a || b\n' },
    { name: 'echo cannot fail: the checksum idiom of the official images', code: 'FROM debian:12-slim\nRUN set -eux; \\\n  curl -fsSLo python.tar.xz "$URL"; \\\n  echo "$PYTHON_SHA256 *python.tar.xz" | sha256sum -c -\n' },
    { name: 'printf and echo feeding pipes', code: 'FROM debian:12-slim\nRUN printf "%s\\n" "$LIST" | sort -u > /etc/list && echo "$src" | tr -d x > /y\n' },
    { name: 'yes | x: pipefail would make SIGPIPE fail the build', code: 'FROM debian:12-slim\nRUN yes | sdkmanager --licenses\n' },
    {
      name: "command substitutions in the piped echo's words feed the word, not the pipe (Docker's apt repository line, kamal)",
      code: 'FROM debian:12-slim\nRUN echo \\\n  "deb [arch="$(dpkg --print-architecture)" signed-by=/etc/apt/keyrings/docker.gpg] https://download.docker.com/linux/debian \\\n  "$(. /etc/os-release && echo "$VERSION_CODENAME")" stable" | \\\n  tee /etc/apt/sources.list.d/docker.list > /dev/null\n',
    },
  ],
  invalid: [
    {
      name: 'Alpine has ash, not bash: the advice names ash',
      code: 'FROM alpine:3.20\nRUN wget -qO- https://example.com/x.tgz | tar -xz -C /opt\n',
      errors: [{ line: 2, column: 1, message: 'SHELL ["/bin/ash", "-o", "pipefail", "-c"]' }],
    },
    {
      name: 'a multi-line RUN: the finding spans every line of it',
      code: 'FROM debian:12-slim\nRUN set -eux; \\\n    curl -fsSL https://example.com/x.tgz \\\n    | tar -xz -C /opt\n',
      errors: [{ line: 2, column: 1, endLine: 4, endColumn: 22 }],
    },
    {
      name: 'an -alpine tag, through a stage',
      code: 'FROM python:3.12-alpine AS base\nFROM base\nRUN wget -qO- https://example.com/x | sh\n',
      errors: [{ line: 3, column: 1, message: '/bin/ash' }],
    },
    {
      name: 'one pipe fed by a command that can fail is enough, even next to an echo pipe',
      code: 'FROM debian:12-slim\nRUN echo "$SHA *x.tgz" | sha256sum -c - && find /usr/local -name "*.so" | xargs strip\n',
      errors: [{ line: 2, column: 1, message: '/bin/bash' }],
    },
    {
      name: 'a pipe inside the substitution of a piped echo: pipefail sees that one',
      code: 'FROM debian:12-slim\nRUN echo "$(curl -fsSL https://x/sum | cut -d" " -f1)  x.tgz" | sha256sum -c -\n',
      errors: [{ line: 2, column: 1 }],
    },
    {
      name: 'a failing command in a subshell feeding the pipe',
      code: 'FROM debian:12-slim\nRUN (cd /src && tar -c .) | tar -x -C /dst\n',
      errors: [{ line: 2, column: 1 }],
    },
    {
      name: 'the middle of a pipeline can fail too',
      code: 'FROM debian:12-slim\nRUN echo "$KEY" | gpg --dearmor | tee /k.gpg\n',
      errors: [{ line: 2, column: 1 }],
    },
    {
      name: 'Debian gets bash',
      code: 'FROM debian:12-slim\nRUN curl -fsSL https://example.com/x | sh\n',
      errors: [{ line: 2, column: 1, message: '/bin/bash' }],
    },
    {
      code: 'FROM debian:12-slim\nRUN curl -fsSL https://x | tar -xz -C /opt\n',
      errors: [{ line: 2, column: 1, endColumn: 43, message: 'pipefail' }],
    },
    {
      name: 'SHELL without pipefail; the setting does not cross into an unrelated stage',
      code: 'FROM debian:12-slim AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM debian:12-slim\nSHELL ["/bin/bash", "-c"]\nRUN a | b\n',
      errors: [{ line: 5, column: 1 }],
    },
  ],
});

ruleTester(runConsecutive, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\n',
    { name: 'separated by another instruction', code: 'FROM debian:12-slim\nRUN a\nENV X=1\nRUN b\n' },
    { name: 'different mounts', code: 'FROM debian:12-slim\nRUN --mount=type=cache,target=/root/.cache pip install x\nRUN python -m compileall /app\n' },
    { name: 'a long chain is a deliberate split', code: 'FROM debian:12-slim\nRUN a && b && c\nRUN d\n' },
    { name: 'across stages', code: 'FROM debian:12-slim\nRUN a\nFROM debian:12-slim\nRUN b\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y curl\n',
      errors: [{ line: 3, column: 1, endColumn: 28, message: 'line 2' }],
    },
    {
      name: 'comments between, three in a row',
      code: 'FROM debian:12-slim\nRUN a\n# then\nRUN b\nRUN c\n',
      errors: [{ line: 4, column: 1, message: 'line 2' }, { line: 5, column: 1, message: 'line 4' }],
    },
  ],
});

ruleTester(noChpasswd, {
  valid: ['FROM ubuntu:24.04\nRUN useradd app\n', 'FROM ubuntu:24.04\nRUN apt-get install -y passwd\n'],
  invalid: [
    { code: 'FROM ubuntu:24.04\nRUN echo "app:secret" | chpasswd\n', errors: [{ line: 2, column: 25, endColumn: 33, message: 'chpasswd' }] },
    { name: 'full path, with -e', code: "FROM ubuntu:24.04\nRUN echo 'root:$6$x' | /usr/sbin/chpasswd -e\n", errors: [{ line: 2, column: 24 }] },
  ],
});

ruleTester(useraddNoLogInit, {
  valid: [
    'FROM debian:12-slim\nRUN useradd -u 10001 app\n',
    'FROM debian:12-slim\nRUN useradd -l -u 1000000 app\n',
    { name: 'grouped -lu', code: 'FROM debian:12-slim\nRUN useradd -mlu 1000000 app\n' },
    { name: 'UID from a variable', code: 'FROM debian:12-slim\nRUN useradd -u "$UID" app\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN useradd -u 1000000 app\n',
      errors: [{ line: 2, column: 5, endColumn: 27, message: 'UID 1000000' }],
      output: 'FROM debian:12-slim\nRUN useradd --no-log-init -u 1000000 app\n',
    },
    {
      name: '--uid=',
      code: 'FROM debian:12-slim\nRUN groupadd -g 1000000 app && /usr/sbin/useradd --uid=1000000 -g app app\n',
      errors: [{ line: 2, column: 32 }],
      output: 'FROM debian:12-slim\nRUN groupadd -g 1000000 app && /usr/sbin/useradd --no-log-init --uid=1000000 -g app app\n',
    },
  ],
});

ruleTester(shellSyntax, {
  valid: [
    'FROM alpine:3.20\nRUN if [ -f /x ]; then echo y; fi\n',
    'FROM alpine:3.20\nCMD ["echo", "unclosed \'quote"]\n',
    { name: 'PowerShell SHELL', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN if ($true) { Write-Host (( 1 + 2 )) }\n' },
    { name: 'Windows base image (cmd)', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN if exist C:\\x ( echo y )\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN if [ -f /etc/os-release ]; then cat /etc/os-release\n',
      errors: [{ line: 2, column: 5, message: 'Shell syntax error in RUN' }],
    },
    {
      name: 'unclosed quote in shell-form CMD',
      code: 'FROM alpine:3.20\nCMD echo "hello\n',
      errors: [{ line: 2, column: 10, endColumn: 16, message: 'quote' }],
    },
  ],
});
