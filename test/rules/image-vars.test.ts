import { envSelfReference } from '../../src/rules/dockerfile/image/env-self-reference.js';
import { invalidDefaultArgInFrom } from '../../src/rules/dockerfile/image/invalid-default-arg-in-from.js';
import { legacyKeyValue } from '../../src/rules/dockerfile/image/legacy-key-value.js';
import { undefinedArgInFrom } from '../../src/rules/dockerfile/image/undefined-arg-in-from.js';
import { undefinedVar } from '../../src/rules/dockerfile/image/undefined-var.js';
import { ruleTester } from './harness.js';

ruleTester(undefinedArgInFrom, {
  valid: [
    'ARG V=3.12\nFROM python:${V}\n',
    'ARG V\nFROM python:$V\n',
    { name: 'predefined', code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM build_${TARGETARCH}\n' },
    { name: 'no variables', code: 'FROM alpine:3.20\n' },
  ],
  invalid: [
    {
      code: 'FROM python:${PYTHON_VERSION}-slim\n',
      errors: [{ line: 1, column: 13, endColumn: 30, message: "'PYTHON_VERSION' is not declared" }],
    },
    {
      name: 'typo',
      code: 'ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSOIN}\n',
      errors: [{ line: 2, column: 13, message: 'did you mean PYTHON_VERSION?' }],
    },
    {
      name: 'declared inside a stage',
      code: 'FROM alpine:3.20\nARG BASE=debian:12\nFROM $BASE\n',
      errors: [{ line: 3, column: 6, endColumn: 11, message: 'line 2 is only visible inside its stage' }],
    },
    {
      name: 'platform flag',
      code: 'FROM --platform=$BUILDPLATFROM alpine:3.20\n',
      errors: [{ line: 1, column: 17, message: 'did you mean BUILDPLATFORM?' }],
    },
  ],
});

ruleTester(invalidDefaultArgInFrom, {
  valid: [
    'ARG TAG=3.20\nFROM alpine:${TAG}\n',
    'ARG IMAGE=alpine:3.20\nFROM $IMAGE\n',
    { name: 'undeclared: other rule', code: 'FROM alpine:${TAG}\n' },
    { name: 'predefined', code: 'ARG V=1\nFROM build-${TARGETARCH}-$V\n' },
    { name: 'default names a stage', code: 'FROM a:1 AS base\nFROM b:1\nARG X\n' },
    { name: 'defaulting expansion', code: 'ARG TAG\nFROM alpine:${TAG:-3.20}\n' },
  ],
  invalid: [
    {
      code: 'ARG TAG\nFROM alpine:${TAG}\n',
      errors: [{ line: 2, column: 6, endColumn: 19, message: "becomes 'alpine:'" }],
    },
    {
      name: 'empty image',
      code: 'ARG IMAGE\nFROM ${IMAGE} AS app\n',
      errors: [{ line: 2, column: 6, message: 'empty' }],
    },
    {
      name: 'uppercase default',
      code: 'ARG IMAGE=Alpine\nFROM $IMAGE\n',
      errors: [{ line: 2, column: 6, message: 'not a valid image name' }],
    },
  ],
});

ruleTester(undefinedVar, {
  valid: [
    {
      name: 'names an image family documents: Jupyter NB_UID (also through a stage), .NET APP_UID',
      code: 'FROM quay.io/jupyter/base-notebook:2026-07-28 AS nb\nUSER root\nUSER ${NB_UID}\nFROM nb\nWORKDIR /home/${NB_USER}\nFROM mcr.microsoft.com/dotnet/aspnet:9.0\nUSER $APP_UID\n',
    },
    'FROM alpine:3.20\nARG VERSION=1\nCOPY app-$VERSION.tar /app/\n',
    { name: 'RUN is the shell', code: 'FROM alpine:3.20\nRUN echo $HOME $FOO\n' },
    { name: 'default value', code: 'FROM scratch\nCOPY app-${VERSION:-1.0}.tar /\n' },
    { name: 'alternate value', code: 'FROM scratch\nLABEL v=${VERSION:+set}\n' },
    { name: 'escaped dollar', code: 'FROM scratch\nLABEL price=\\$5\n' },
    { name: 'single quotes', code: "FROM scratch\nENV A='$NOPE'\n" },
    { name: 'predefined', code: 'FROM scratch\nLABEL arch=$TARGETARCH\n' },
    { name: 'ENV inherited from parent stage', code: 'FROM scratch AS base\nENV DIR=/x\nFROM base\nWORKDIR $DIR\n' },
    { name: 'image env (PATH, *_VERSION)', code: 'FROM python:3.12\nENV PATH=/venv/bin:$PATH\nLABEL py=$PYTHON_VERSION\n' },
    { name: 'ARG without default, global default', code: 'ARG V=1\nFROM alpine:3.20\nARG V\nWORKDIR /opt/$V\n' },
    { name: 'same ENV: env-self-reference', code: 'FROM scratch\nENV A=1 B=$A\n' },
    { name: 'ARG sees earlier pairs', code: 'FROM scratch\nARG A=1 B=$A\n' },
    { name: 'global ARG chain', code: 'ARG A=1\nARG B=$A\nFROM scratch\n' },
    {
      name: 'a base image chosen at build time brings its own ENV',
      code: 'ARG BASE_IMAGE=quay.io/org/base-notebook\nFROM $BASE_IMAGE AS nb\nUSER ${NB_UID}\nFROM nb\nCOPY --chown="${NB_UID}:${NB_GID}" x /home/${NB_USER}/\n',
    },
  ],
  invalid: [
    {
      name: 'a family name on an image outside the family is still undefined',
      code: 'FROM debian:12-slim\nUSER ${NB_UID}\n',
      errors: [{ line: 2, column: 6, message: "Usage of undefined variable '$NB_UID'" }],
    },
    {
      name: 'global ARG not redeclared',
      code: 'ARG VERSION=1.4.2\nFROM eclipse-temurin:21-jre\nCOPY build/app-$VERSION.jar /app/app.jar\n',
      errors: [{ line: 3, column: 16, endColumn: 24, message: "add 'ARG VERSION' in this stage" }],
    },
    {
      name: 'typo suggestion',
      code: 'FROM alpine:3.20\nENV APP_DIR=/opt/app\nWORKDIR $APP_DRI\n',
      errors: [{ line: 3, column: 9, endColumn: 17, message: 'did you mean $APP_DIR?' }],
    },
    {
      name: 'lowercase on any base, braces, flags',
      code: 'FROM alpine:3.20\nCOPY --chown=${user}:${group} $foo /dst\n',
      errors: [
        { line: 2, column: 14, endColumn: 21, message: "'$user'" },
        { line: 2, column: 22, message: "'$group'" },
        { line: 2, column: 31, message: "'$foo'" },
      ],
    },
    {
      name: 'scratch: every name is known',
      code: 'FROM scratch\nENV PATH=/bin:$PATH\nUSER ${APP_UID:?set it}\n',
      errors: [{ line: 2, column: 15 }, { line: 3, column: 6 }],
    },
    {
      name: 'inside default word',
      code: 'FROM alpine:3.20\nWORKDIR ${A:-$nope}\n',
      errors: [{ line: 2, column: 14, message: "'$nope'" }],
    },
  ],
});

ruleTester(envSelfReference, {
  valid: [
    'FROM alpine:3.20\nENV A=1\nENV B=$A\n',
    'FROM alpine:3.20\nENV PATH=$PATH:/x OTHER=1\n',
    'FROM alpine:3.20\nENV A=1 B=2\n',
    { name: 'escaped', code: 'FROM alpine:3.20\nENV A=1 B=\\$A\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nENV APP_DIR=/opt/app APP_BIN=$APP_DIR/bin\n',
      errors: [{ line: 2, column: 30, endColumn: 38, message: 'still undefined' }],
    },
    {
      name: 'previous value',
      code: 'FROM alpine:3.20\nENV V=1\nENV V=2 URL=https://x/${V}/a.tgz\n',
      errors: [{ line: 3, column: 23, message: 'previous value' }],
    },
  ],
});

ruleTester(legacyKeyValue, {
  valid: ['FROM alpine:3.20\nENV A=1\n', 'FROM alpine:3.20\nLABEL a=b c=d\n', 'FROM alpine:3.20\nENV A\n'],
  invalid: [
    {
      code: 'FROM alpine:3.20\nENV APP_HOME /opt/app\n',
      errors: [{ line: 2, column: 5, endColumn: 22, message: '"ENV APP_HOME=..."' }],
      output: 'FROM alpine:3.20\nENV APP_HOME=/opt/app\n',
    },
    {
      name: 'spaces are quoted',
      code: 'FROM alpine:3.20\nLABEL description This is   my app\n',
      errors: [{ line: 2, column: 7 }],
      output: 'FROM alpine:3.20\nLABEL description="This is   my app"\n',
    },
    {
      name: 'already quoted',
      code: 'FROM alpine:3.20\nENV GREETING "hello world"\n',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM alpine:3.20\nENV GREETING="hello world"\n',
    },
    {
      name: 'mixed quotes: no fix',
      code: 'FROM alpine:3.20\nENV MSG it\'s "x"\n',
      errors: [{ line: 2, column: 5 }],
    },
  ],
});
