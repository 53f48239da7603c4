import { definitionDescription } from '../../src/rules/dockerfile/image/definition-description.js';
import { firstInstruction } from '../../src/rules/dockerfile/image/first-instruction.js';
import { noEmptyContinuation } from '../../src/rules/dockerfile/image/no-empty-continuation.js';
import { onbuildTrigger } from '../../src/rules/dockerfile/image/onbuild-trigger.js';
import { unknownFlag } from '../../src/rules/dockerfile/image/unknown-flag.js';
import { unknownInstruction } from '../../src/rules/dockerfile/image/unknown-instruction.js';
import { ruleTester } from './harness.js';

ruleTester(firstInstruction, {
  valid: [
    'FROM alpine:3.20\nRUN true\n',
    '# syntax=docker/dockerfile:1\n# comment\nARG V=1\nFROM alpine:$V\n',
    { name: 'unknown instruction is another rule', code: 'FROBNICATE x\nFROM alpine:3.20\n' },
    { name: 'empty file: no finding, but the file error of an empty Dockerfile', code: '', fileErrors: [/the Dockerfile has no instructions/] },
  ],
  invalid: [
    { code: 'WORKDIR /app\nFROM alpine:3.20\n', errors: [{ line: 1, column: 1, endColumn: 13, message: 'before the first FROM' }] },
    { name: 'after an ARG', code: 'ARG A=1\nENV B=2\nRUN x\nFROM alpine:3.20\n', errors: [{ line: 2, column: 1 }] },
    { name: 'no FROM at all', code: 'RUN echo hi\n', errors: [{ line: 1, column: 1, message: 'no FROM' }] },
  ],
});

ruleTester(unknownInstruction, {
  valid: ['FROM alpine:3.20\nRUN true\n', 'from alpine:3.20\nhealthcheck NONE\n'],
  invalid: [
    {
      code: 'FROM alpine:3.20\nCOPPY . /app\n',
      errors: [{ line: 2, column: 1, endColumn: 6, message: 'did you mean COPY?' }],
    },
    {
      name: 'lost continuation',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n    git\n',
      errors: [{ line: 3, column: 5, endColumn: 8, message: "missing at the end of line 2 (RUN)" }],
    },
    {
      name: 'no suggestion',
      code: 'FROM alpine:3.20\nFROBNICATE x\n',
      errors: [{ line: 2, column: 1, message: "Unknown instruction 'FROBNICATE'" }],
    },
    {
      name: 'in ONBUILD',
      code: 'FROM alpine:3.20\nONBUILD RUNN make\n',
      errors: [{ line: 2, column: 9, message: 'did you mean RUN?' }],
    },
  ],
});

ruleTester(unknownFlag, {
  valid: [
    'FROM --platform=$BUILDPLATFORM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache --network=none --security=sandbox true\n',
    'FROM alpine:3.20\nCOPY --from=x --chown=1:1 --chmod=755 --link --parents --exclude=*.md . /app\n',
    'FROM alpine:3.20\nADD --chown=1 --chmod=644 --link --keep-git-dir=true --checksum=sha256:abc --unpack=false --exclude=x https://x/a.tgz /a\n',
    'FROM alpine:3.20\nHEALTHCHECK --interval=5s --timeout=2s --start-period=10s --start-interval=1s --retries=3 CMD true\n',
    { name: 'RUN --device', code: 'FROM alpine:3.20\nRUN --device=name=gpu true\n' },
    { name: 'exec form CMD with --flag', code: 'FROM alpine:3.20\nCMD ["--help"]\n' },
    { name: 'flags in the command', code: 'FROM alpine:3.20\nRUN apk --no-cache add curl\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nCOPY --chmod=755 --own=app entrypoint.sh /\n',
      errors: [{ line: 2, column: 18, endColumn: 27, message: 'Unknown flag --own for COPY' }],
    },
    {
      name: 'flag of another instruction',
      code: 'FROM alpine:3.20\nCOPY --checksum=sha256:abc a /a\nADD --from=build /a /a\n',
      errors: [
        { line: 2, column: 6, message: '--checksum is a flag of ADD, not COPY' },
        { line: 3, column: 5, message: '--from is a flag of COPY, not ADD' },
      ],
    },
    {
      name: 'typo',
      code: 'FROM alpine:3.20\nRUN --mnt=type=cache,target=/x true\nHEALTHCHECK --intervl=3s CMD true\n',
      errors: [
        { line: 2, column: 5, message: 'did you mean --mount?' },
        { line: 3, column: 13, message: 'did you mean --interval?' },
      ],
    },
    {
      name: 'instruction without flags',
      code: 'FROM alpine:3.20\nWORKDIR --parents /app\n',
      errors: [{ line: 2, column: 9, endColumn: 18, message: "WORKDIR takes no flags" }],
    },
    {
      name: 'FROM and ONBUILD trigger',
      code: 'FROM --platfrom=linux/amd64 alpine:3.20\nONBUILD COPY --form=x a b\n',
      errors: [{ line: 1, column: 6, message: '--platform' }, { line: 2, column: 14, message: '--from' }],
    },
  ],
});

ruleTester(noEmptyContinuation, {
  valid: [
    'FROM alpine:3.20\nRUN a \\\n    b\n\nRUN c\n',
    { name: 'comment line inside', code: 'FROM alpine:3.20\nRUN a \\\n# note\n    b\n' },
    { name: 'heredoc body', code: 'FROM alpine:3.20\nRUN <<EOF\necho a\n\necho b\nEOF\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n\n    curl\n',
      errors: [{ line: 3, column: 1, message: 'line 2' }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl\n',
    },
    {
      name: 'two empty lines, whitespace',
      code: 'FROM alpine:3.20\nRUN a \\\n  \n    b \\\n\n    c\n',
      errors: [{ line: 3, column: 1, endColumn: 3 }, { line: 5, column: 1 }],
      output: 'FROM alpine:3.20\nRUN a \\\n    b \\\n    c\n',
    },
  ],
});

ruleTester(onbuildTrigger, {
  valid: ['FROM node:22\nONBUILD COPY . /app\n', 'FROM node:22\nONBUILD RUN npm ci\n'],
  invalid: [
    { code: 'FROM node:22\nONBUILD FROM node:22-slim\n', errors: [{ line: 2, column: 9, endColumn: 13 }] },
    { code: 'FROM node:22\nonbuild onbuild run x\n', errors: [{ line: 2, column: 9, message: 'ONBUILD ONBUILD' }] },
    { code: 'FROM node:22\nONBUILD MAINTAINER me\n', errors: [{ line: 2, column: 9 }] },
  ],
});

ruleTester(definitionDescription, {
  valid: [
    '# build compiles the server\nFROM golang:1.22 AS build\n# VERSION the release\nARG VERSION=1\n',
    '# a general comment\n\nFROM golang:1.22 AS build\n',
    { name: 'pragma above', code: 'FROM golang:1.22 AS build\n# hadolint ignore=DL3008\nARG X=1\n' },
    { name: 'no stage name', code: '# base image\nFROM golang:1.22\n' },
  ],
  invalid: [
    { code: '# the compiler\nFROM golang:1.22 AS build\n', errors: [{ line: 1, column: 1, endColumn: 15, message: "'# build <description>'" }] },
    {
      name: 'ARG with several keys',
      code: 'FROM alpine:3.20\n# versions\nARG A=1 B=2\n',
      errors: [{ line: 2, column: 1, message: '<arg_key>' }],
    },
  ],
});
