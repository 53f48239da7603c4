import { baseImageLatest } from '../../src/rules/dockerfile/image/base-image-latest.js';
import { baseImageUntagged } from '../../src/rules/dockerfile/image/base-image-untagged.js';
import { fromPlatformConstant } from '../../src/rules/dockerfile/image/from-platform-constant.js';
import { redundantTargetPlatform } from '../../src/rules/dockerfile/image/redundant-target-platform.js';
import { trustedRegistry } from '../../src/rules/dockerfile/image/trusted-registry.js';
import { ruleTester } from './harness.js';

ruleTester(baseImageUntagged, {
  valid: [
    'FROM python:3.12-slim\n',
    'FROM scratch\nCOPY app /app\n',
    { name: 'digest pinned', code: 'FROM python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n' },
    { name: 'earlier stage', code: 'FROM golang:1.22 AS build\nFROM build\n' },
    { name: 'stage by different case', code: 'FROM golang:1.22 AS Build\nFROM build\n' },
    { name: 'ARG default with tag (hadolint #219)', code: 'ARG BASE=python:3.12\nFROM ${BASE}\n' },
    { name: 'ARG without default: value unknown', code: 'ARG BASE\nFROM $BASE\n' },
    { name: 'tag from an ARG', code: 'ARG TAG=3.12\nFROM python:${TAG}\n' },
    { name: 'tag from an unknown ARG', code: 'ARG TAG\nFROM python:${TAG}\n' },
    { name: 'registry with port', code: 'FROM localhost:5000/app:1.0\n' },
    { name: 'predefined arg', code: 'FROM build_${TARGETARCH}\n' },
    { name: 'a template placeholder, not an image name (devcontainers build/assets)', code: 'ARG VARIANT=""\nFROM REPLACE-ME\n\n# ** [Optional] Uncomment this section to install additional packages. **\n' },
    { name: 'a placeholder from an ARG default', code: 'ARG BASE_IMAGE=<your-base-image>\nFROM ${BASE_IMAGE}\n' },
  ],
  invalid: [
    {
      code: 'FROM python\n',
      errors: [{ line: 1, column: 6, endColumn: 12, message: "'python' has no tag" }],
    },
    {
      name: 'registry with port, no tag',
      code: 'FROM localhost:5000/app\n',
      errors: [{ line: 1, column: 6, message: '(localhost:5000/app:<version>)' }],
    },
    {
      name: 'the registry stays in the advice (field report: r.j3ss.co/wine)',
      code: 'FROM r.j3ss.co/wine\n',
      errors: [{ line: 1, column: 6, message: 'pin a version (r.j3ss.co/wine:<version>)' }],
    },
    {
      name: 'ARG default without tag (RULES.md §5.5)',
      code: 'ARG BASE=python\nFROM ${BASE} AS app\n',
      errors: [{ line: 2, column: 6, endColumn: 13, message: 'from the default of ARG BASE' }],
    },
    {
      name: 'with --platform and a later stage',
      code: 'FROM --platform=$BUILDPLATFORM golang AS build\nFROM build\n',
      errors: [{ line: 1, column: 32 }],
    },
  ],
});

ruleTester(baseImageLatest, {
  valid: [
    'FROM node:22-slim\n',
    'FROM node\n',
    { name: 'digest pins latest', code: 'FROM node:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n' },
    { name: 'stage named latest is no tag', code: 'FROM node:22 AS latest\nFROM latest\n' },
  ],
  invalid: [
    {
      code: 'FROM node:latest\n',
      errors: [{ line: 1, column: 6, endColumn: 17, message: "':latest'" }],
    },
    {
      name: 'latest via ARG default (hadolint #412)',
      code: 'ARG TAG=latest\nFROM node:${TAG}\n',
      errors: [{ line: 2, column: 6, message: 'ARG TAG' }],
    },
    {
      name: 'registry and latest',
      code: 'FROM ghcr.io/org/tool:latest AS tool\nFROM alpine:3.20\n',
      errors: [{ line: 1, column: 6 }],
    },
  ],
});

ruleTester(trustedRegistry, {
  valid: [
    { name: 'empty list: silent', code: 'FROM quay.io/org/app:1\n' },
    { code: 'FROM registry.example.com/app:1\n', settings: { trustedRegistries: ['registry.example.com'] } },
    { name: 'bare name is docker.io', code: 'FROM python:3.12\n', settings: { trustedRegistries: ['docker.io'] } },
    { name: 'hub alias', code: 'FROM docker.io/library/python:3.12\n', settings: { trustedRegistries: ['hub.docker.com'] } },
    { name: 'scratch', code: 'FROM scratch\n', settings: { trustedRegistries: ['registry.example.com'] } },
    { name: 'wildcard', code: 'FROM eu.gcr.io/p/app:1\n', settings: { trustedRegistries: ['*.gcr.io'] } },
    {
      name: 'stage and unknown registry ARG',
      code: 'ARG REG\nFROM ${REG}/app:1 AS a\nFROM a\n',
      settings: { trustedRegistries: ['registry.example.com'] },
    },
  ],
  invalid: [
    {
      code: 'FROM python:3.12\n',
      settings: { trustedRegistries: ['registry.example.com'] },
      errors: [{ line: 1, column: 6, endColumn: 17, message: 'docker.io' }],
    },
    {
      code: 'ARG REG=quay.io\nFROM ${REG}/org/app:1\n',
      settings: { trustedRegistries: ['registry.example.com', 'docker.io'] },
      errors: [{ line: 2, column: 6, message: 'quay.io' }],
    },
  ],
});

ruleTester(fromPlatformConstant, {
  valid: [
    'FROM alpine:3.20\n',
    'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n',
    'FROM --platform=${TARGETPLATFORM} alpine:3.20\n',
    { name: 'per-platform stage name', code: 'FROM --platform=linux/arm64 alpine:3.20 AS build_arm64\n' },
    { name: 'per-os stage name', code: 'FROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022 AS windows\n' },
  ],
  invalid: [
    {
      code: 'FROM --platform=linux/amd64 alpine:3.20\n',
      errors: [{ line: 1, column: 6, endColumn: 28, message: "'linux/amd64'" }],
    },
    {
      name: 'stage name without the platform',
      code: 'FROM --platform=linux/arm64 node:22 AS deps\n',
      errors: [{ line: 1, column: 6 }],
    },
  ],
});

ruleTester(redundantTargetPlatform, {
  valid: ['FROM alpine:3.20\n', 'FROM --platform=$BUILDPLATFORM alpine:3.20\n'],
  invalid: [
    {
      code: 'FROM --platform=$TARGETPLATFORM alpine:3.20\n',
      errors: [{ line: 1, column: 6, endColumn: 32, message: '$TARGETPLATFORM' }],
      output: 'FROM alpine:3.20\n',
    },
    {
      code: 'FROM --platform=${TARGETPLATFORM} alpine:3.20 AS app\n',
      errors: [{ line: 1, column: 6 }],
      output: 'FROM alpine:3.20 AS app\n',
    },
  ],
});
