import { baseImageSlim } from '../../src/rules/dockerfile/guide/base-image-slim.js';
import { buildToolsInFinalStage } from '../../src/rules/dockerfile/guide/build-tools-in-final-stage.js';
import { dependenciesBeforeSource } from '../../src/rules/dockerfile/guide/dependencies-before-source.js';
import { pythonAlpineCExtensions } from '../../src/rules/dockerfile/guide/python-alpine-c-extensions.js';
import { ruleTester } from './harness.js';

ruleTester(baseImageSlim, {
  valid: [
    'FROM python:3.12-slim\n',
    'FROM python:3.12-alpine\n',
    'FROM node:20-bookworm-slim\n',
    { name: 'full image in a builder stage only', code: 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n' },
    { name: 'not an official image', code: 'FROM myorg/python:3.11\n' },
    { name: 'unresolved ARG', code: 'ARG BASE\nFROM ${BASE}\n' },
    { name: 'digest only: variant unknown', code: 'FROM python@sha256:0000000000000000000000000000000000000000000000000000000000000000\n' },
    { name: 'Windows image', code: 'FROM python:3.12-windowsservercore\n' },
    'FROM scratch\n',
  ],
  invalid: [
    {
      name: 'a base image with no command of its own needs the full image: info, with the reason',
      code: 'FROM node:24-bullseye\nRUN apt-get update && apt-get install -y build-essential\n',
      errors: [{ line: 1, column: 6, severity: 'info', message: 'no CMD or ENTRYPOINT of its own: a base image; info' }],
    },
    {
      code: 'FROM python:3.11\nCMD ["python"]\n',
      errors: [{ line: 1, column: 6, endColumn: 17, message: "use 'python:3.11-slim'" }],
    },
    {
      name: 'OS suffix: python puts slim before it',
      code: 'FROM python:3.11-bookworm\n',
      errors: [{ line: 1, column: 6, message: "'python:3.11-slim-bookworm'" }],
    },
    {
      name: 'OS suffix: node puts slim after it',
      code: 'FROM node:20-bookworm\n',
      errors: [{ line: 1, column: 6, message: "'node:20-bookworm-slim'" }],
    },
    { name: 'no tag', code: 'FROM node\n', errors: [{ line: 1, column: 6, endColumn: 10, message: "'node:slim'" }] },
    {
      name: 'shipped through FROM <stage>: reported at the stage naming the image',
      code: 'FROM ruby:3.3 AS base\nRUN bundle install\nFROM base\nCMD ["ruby", "app.rb"]\n',
      errors: [{ line: 1, column: 6, message: "'ruby:3.3-slim'" }],
    },
    { name: 'ARG resolved', code: 'ARG V=3.12\nFROM python:${V}\n', errors: [{ line: 2, column: 6, message: "'python:3.12-slim'" }] },
    { name: 'registry prefix kept', code: 'FROM docker.io/library/ruby:3.3\n', errors: [{ line: 1, column: 6, message: "'docker.io/library/ruby:3.3-slim'" }] },
    { name: 'golang has no slim: ship the binary', code: 'FROM golang:1.22\nRUN go build\n', errors: [{ line: 1, column: 6, message: 'distroless' }] },
  ],
});

const NUMPY = { pythonDependencies: ['numpy', 'flask'], pythonDependencySources: ['requirements.txt'] };

ruleTester(pythonAlpineCExtensions, {
  valid: [
    { name: 'slim image', code: 'FROM python:3.12-slim\nRUN pip install -r requirements.txt\n', project: NUMPY },
    { name: 'pure-Python dependencies', code: 'FROM python:3.12-alpine\nRUN pip install -r requirements.txt\n', project: { pythonDependencies: ['flask'], pythonDependencySources: ['requirements.txt'] } },
    { name: 'no pip install in the alpine stage', code: 'FROM python:3.12-alpine\nCOPY app.py .\n', project: NUMPY },
    { name: 'not a python image', code: 'FROM alpine:3.20\nRUN pip install numpy\n' },
    'FROM python:3.12-alpine\nRUN pip install flask\n',
  ],
  invalid: [
    {
      code: 'FROM python:3.12-alpine\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n',
      project: NUMPY,
      errors: [{ line: 1, column: 1, endColumn: 24, message: 'numpy, from requirements.txt' }],
    },
    {
      name: 'package named on the pip line, pinned',
      code: 'FROM python:3.12-alpine\nRUN pip install --no-cache-dir psycopg2-binary==2.9 flask\n',
      errors: [{ line: 1, column: 1, message: 'psycopg2-binary (line 2)' }],
    },
    {
      name: 'alpine inherited through FROM <stage>, python -m pip, PEP 503 name',
      code: 'FROM python:3.12-alpine3.20 AS base\nRUN echo\nFROM base\nRUN python -m pip install Pandas\n',
      errors: [{ line: 3, column: 1, message: 'use python:3.12-slim' }],
    },
    {
      name: 'poetry install reads pyproject.toml',
      code: 'FROM python:3.12-alpine\nRUN poetry install --no-root\n',
      project: { pythonDependencies: ['lxml'], pythonDependencySources: ['pyproject.toml'] },
      errors: [{ line: 1, column: 1, message: 'lxml, from pyproject.toml' }],
    },
  ],
});

ruleTester(buildToolsInFinalStage, {
  valid: [
    {
      name: 'tools in a builder stage only',
      code: 'FROM python:3.12-slim AS build\nRUN apt-get install -y build-essential\nFROM python:3.12-slim\nCOPY --from=build /opt/venv /opt/venv\n',
    },
    { name: 'purged in the same RUN', code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc && pip install x && apt-get purge -y gcc\n' },
    {
      name: 'apk virtual package deleted in the same RUN',
      code: 'FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install x && apk del .build-deps\n',
    },
    { name: 'runtime libraries only', code: 'FROM python:3.12-slim\nRUN apt-get install -y --no-install-recommends libpq5 curl\n' },
    {
      name: "the docker-library idiom: apt-mark auto '.*' then purge --auto-remove removes what this RUN installed",
      code:
        'FROM debian:bookworm-slim\nRUN set -eux; \\\n\tsavedAptMark="$(apt-mark showmanual)"; \\\n\tapt-get update; \\\n\tapt-get install -y --no-install-recommends dpkg-dev gcc libssl-dev make; \\\n\t./configure && make -j "$(nproc)" && make install; \\\n' +
        "\tapt-mark auto '.*' > /dev/null; \\\n\t[ -z \"$savedAptMark\" ] || apt-mark manual $savedAptMark; \\\n\tfind /usr/local -type f -executable -exec ldd '{}' ';' | awk '/=>/ { print $(NF-1) }' | xargs -r dpkg-query --search | cut -d: -f1 | sort -u | xargs -r apt-mark manual; \\\n" +
        '\tapt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \\\n\trm -rf /var/lib/apt/lists/*\nCMD ["python3"]\n',
    },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc libpq-dev curl\n',
      errors: [{ line: 2, column: 42, endColumn: 55, message: 'gcc, libpq-dev installed in the shipped stage' }],
    },
    {
      name: 'virtual package never deleted',
      code: 'FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev\n',
      errors: [{ line: 2, column: 46, endColumn: 58, message: 'apk del .build-deps' }],
    },
    {
      name: 'stage the shipped stage is built FROM, pinned version',
      code: 'FROM python:3.12-slim AS base\nRUN apt-get install -y build-essential=12.9\nFROM base\nCMD ["python"]\n',
      errors: [{ line: 2, column: 24, endColumn: 44, message: "stage 'base', which the shipped stage is built FROM" }],
    },
    {
      name: 'dnf and -devel',
      code: 'FROM fedora:40\nRUN dnf install -y gcc-c++ openssl-devel\n',
      errors: [{ line: 2, column: 20, message: 'dnf remove' }],
    },
    {
      name: 'removed only in a later RUN: still in the lower layer',
      code: 'FROM debian:bookworm-slim\nRUN apt-get install -y make\nRUN apt-get purge -y make\n',
      errors: [{ line: 2, column: 24, endColumn: 28 }],
    },
    {
      name: 'a service ships them: full severity, with the reason',
      code: 'FROM python:3.12-slim\nRUN apt-get install -y gcc\nEXPOSE 8000\nCMD ["gunicorn", "app:app"]\n',
      errors: [{ line: 2, column: 24, severity: 'warning', message: '(EXPOSE 8000 and CMD gunicorn: a service)' }],
    },
    {
      name: "a language image (the docker-library python shape) keeps -dev libraries on purpose: info",
      code: 'FROM buildpack-deps:bookworm\nRUN apt-get install -y libssl-dev\nCMD ["python3"]\n',
      errors: [{ line: 2, column: 24, severity: 'info', message: 'an interpreter or shell prompt' }],
    },
    {
      name: "the idiom keeps what a later apt-mark manual names literally",
      code: "FROM debian:bookworm-slim\nRUN apt-get install -y gcc make; apt-mark auto '.*'; apt-mark manual make; apt-get purge -y --auto-remove\nEXPOSE 80\nCMD [\"./server\"]\n",
      errors: [{ line: 2, column: 28, endColumn: 32, severity: 'warning', message: /^make installed/ }],
    },
    {
      name: 'apt-mark auto without the purge removes nothing',
      code: "FROM debian:bookworm-slim\nRUN apt-get install -y gcc; apt-mark auto '.*'\nEXPOSE 80\nCMD [\"./server\"]\n",
      errors: [{ line: 2, column: 24, severity: 'warning' }],
    },
    {
      name: 'a Jupyter notebook image installs build-essential for its users: info (workbench)',
      code: 'ARG BASE_IMAGE=quay.io/jupyter/minimal-notebook\nFROM $BASE_IMAGE\nUSER root\nRUN apt-get update --yes && apt-get install --yes --no-install-recommends build-essential && apt-get clean\nUSER ${NB_UID}\n',
      errors: [{ line: 4, column: 75, severity: 'info', message: 'a notebook or IDE server: a workbench (its users build software inside it) that serves; info' }],
    },
    {
      name: 'a wireguard kernel-module installer compiles when it runs: info (workbench)',
      code: 'FROM debian:sid-slim\nRUN apt update && apt -y install build-essential kmod libelf-dev --no-install-recommends\nENTRYPOINT ["/usr/local/bin/entrypoint.sh"]\nCMD ["wg", "--help"]\n',
      errors: [{ line: 2, column: 34, severity: 'info', message: "builds kernel modules for the host's kernel when it runs: a workbench; info" }],
    },
    {
      name: 'a CI runner: info (workbench)',
      code: 'FROM ghcr.io/actions/actions-runner:2.317.0\nUSER root\nRUN apt-get update && apt-get install -y gcc make\n',
      errors: [{ line: 3, column: 42, severity: 'info', message: 'FROM ghcr.io/actions/actions-runner:2.317.0, a CI runner' }],
    },
    {
      name: 'a desktop app ships a -dev package beside its runtime library: an application, full severity',
      code: 'FROM debian:bullseye-slim\nENV DISPLAY=:0\nRUN apt-get install -y libx11-xcb-dev libx11-xcb1\nUSER user\nENTRYPOINT ["/bin/bash"]\nCMD ["/usr/local/bin/Browser/start-tor-browser"]\n',
      errors: [{ line: 3, column: 24, severity: 'warning', message: 'headers, and nothing in the image compiles: remove it — libx11-xcb1, installed beside libx11-xcb-dev, is what the program loads' }],
    },
    {
      name: 'a lone -dev library beside a prebuilt .deb (jessfraz zoom-us): advise the runtime library, not a builder stage',
      code: '# docker run -e DISPLAY=unix$DISPLAY jess/zoom-us\nFROM debian:sid-slim\nRUN apt-get update && apt-get install -y libasound2-dev libgstreamer1.0-dev --no-install-recommends\nRUN curl -sSL https://zoom.us/client/latest/zoom_amd64.deb -o /tmp/zoom.deb && dpkg -i /tmp/zoom.deb\nENTRYPOINT ["zoom"]\n',
      errors: [{ line: 3, column: 42, severity: 'warning', message: 'install the runtime libraries instead (the library each -dev package depends on: apt-cache depends libasound2-dev)' }],
    },
    {
      name: 'the same -dev headers with a compile step (pip install): a builder stage is the advice',
      code: 'FROM python:3.12-slim\nEXPOSE 8000\nRUN apt-get install -y libpq-dev\nRUN pip install psycopg2\nCMD ["gunicorn", "app:app"]\n',
      errors: [{ line: 3, column: 24, severity: 'warning', message: 'compile in a builder stage' }],
    },
    {
      name: 'sudo apt-get install in a CI runner image is seen (and is info there: a workbench)',
      code: 'FROM ghcr.io/actions/actions-runner:2.317.0\nRUN sudo apt-get update && sudo apt-get install -y --no-install-recommends build-essential\n',
      errors: [{ line: 2, column: 76, severity: 'info', message: 'build-essential installed' }],
    },
    {
      name: 'sudo -E apt-get install in a service image: full severity',
      code: 'FROM ubuntu:24.04\nUSER app\nRUN sudo -E apt-get install -y gcc make && make\nEXPOSE 80\nCMD ["./server"]\n',
      errors: [{ line: 3, column: 32, severity: 'warning', message: 'gcc, make installed' }],
    },
    {
      name: 'a toolchain base image with no command: info',
      code: 'FROM debian:bookworm\nRUN apt-get install -y gcc make\n',
      errors: [{ line: 2, column: 24, severity: 'info', message: 'a base image; info' }],
    },
  ],
});

ruleTester(dependenciesBeforeSource, {
  valid: [
    'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nRUN pip install -e .\n',
    'FROM node:20-slim\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm install -g pm2 && npm run build\n',
    'FROM golang:1.22\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app\n',
    { name: 'COPY --from another stage', code: 'FROM python:3.12-slim\nCOPY --from=builder /app /app\nRUN pip install -r /app/requirements.txt\n' },
    { name: 'named packages do not read the manifests', code: 'FROM python:3.12-slim\nCOPY . .\nRUN pip install gunicorn\n' },
    { name: 'install in another stage', code: 'FROM node:20 AS deps\nCOPY package.json .\nRUN npm ci\nFROM node:20-slim\nCOPY . .\nCMD ["node", "."]\n' },
    {
      name: 'the module cache copied from a stage that downloaded it (go-clean-template)',
      code: 'FROM golang:1.26-alpine AS modules\nCOPY go.mod go.sum /modules/\nWORKDIR /modules\nRUN go mod download\nFROM golang:1.26-alpine AS builder\nCOPY --from=modules /go/pkg /go/pkg\nCOPY . /app\nWORKDIR /app\nRUN CGO_ENABLED=0 go build -o /bin/app ./cmd/app\n',
    },
    {
      name: 'node_modules copied from a deps stage',
      code: 'FROM node:20 AS deps\nCOPY package.json package-lock.json ./\nRUN npm ci\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=deps /node_modules ./node_modules\nCOPY . .\nRUN npm ci --omit=dev\n',
    },
    {
      name: 'built FROM a stage that installed',
      code: 'FROM python:3.12-slim AS deps\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nFROM deps\nCOPY . .\nRUN pip install -r requirements.txt\n',
    },
    {
      name: 'built FROM a stage built FROM one that installed (the chain, kept per stage)',
      code: 'FROM node:20 AS deps\nCOPY package.json .\nRUN npm ci\nFROM deps AS mid\nRUN echo mid\nFROM mid AS app\nCOPY . .\nRUN npm ci\nFROM mid\nCOPY . .\nRUN npm install\n',
    },
    {
      name: 'cargo-chef: the recipe from a planner stage, cook builds the dependencies before COPY . . (zero-to-production)',
      code: 'FROM rust:1.80 AS chef\nRUN cargo install cargo-chef\nWORKDIR /app\nFROM chef AS planner\nCOPY . .\nRUN cargo chef prepare --recipe-path recipe.json\nFROM chef AS builder\nCOPY --from=planner /app/recipe.json recipe.json\nRUN cargo chef cook --release --recipe-path recipe.json\nCOPY . .\nRUN cargo build --release --bin app\n',
    },
    {
      name: "pnpm fetch from the lockfile alone, then an offline install after COPY . . (pnpm's Docker recipe, hoppscotch)",
      code: 'FROM node:20-slim AS build\nRUN npm i -g pnpm\nWORKDIR /app\nCOPY pnpm-lock.yaml .\nRUN pnpm fetch --prod\nCOPY . .\nRUN pnpm install -r --offline --prod\n',
    },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n',
      errors: [{ line: 3, column: 1, endColumn: 9, message: "'COPY . .' (line 3) comes before 'pip install -r requirements.txt' (line 4)" }],
    },
    {
      name: 'a chain that installed something else does not count (pip above, npm here)',
      code: 'FROM python:3.12 AS deps\nRUN pip install -r requirements.txt\nFROM deps AS mid\nRUN echo mid\nFROM mid\nCOPY . .\nRUN npm ci\n',
      errors: [{ line: 6, column: 1, message: 'COPY package.json package-lock.json first' }],
    },
    {
      name: 'npm ci in a compound RUN',
      code: 'FROM node:20-slim\nCOPY . /app\nRUN npm ci && npm run build\n',
      errors: [{ line: 2, column: 1, message: 'COPY package.json package-lock.json first' }],
    },
    {
      name: 'go build without go mod download first',
      code: 'FROM golang:1.22\nCOPY . .\nRUN go build -o /app\n',
      errors: [{ line: 2, column: 1, message: 'go.mod go.sum' }],
    },
    { name: 'ADD of a source directory', code: 'FROM python:3.12-slim\nADD src /app/src\nRUN poetry install\n', errors: [{ line: 2, column: 1, message: 'poetry.lock' }] },
    { name: 'exec-form COPY and uv', code: 'FROM python:3.12-slim\nCOPY [".", "/app"]\nRUN uv sync --frozen\n', errors: [{ line: 2, column: 1, message: 'uv.lock' }] },
    { name: 'pip install .', code: 'FROM python:3.12-slim\nCOPY . .\nRUN pip install --no-cache-dir .\n', errors: [{ line: 2, column: 1, message: 'pyproject.toml' }] },
    {
      name: 'the build output copied from a stage that installed: the dependencies are not copied, the install runs again',
      code: 'FROM node:20 AS build\nCOPY package.json package-lock.json ./\nRUN npm ci && npm run build\nFROM node:20-slim\nCOPY --from=build /dist /app/dist\nCOPY . /app\nRUN npm ci --omit=dev\n',
      errors: [{ line: 6, column: 1, message: 'package.json' }],
    },
    {
      name: 'the module cache of a stage that installed something else',
      code: 'FROM node:20 AS web\nCOPY package.json .\nRUN npm ci\nFROM golang:1.22\nCOPY --from=web /go/pkg /go/pkg\nCOPY . .\nRUN go build -o /app\n',
      errors: [{ line: 6, column: 1, message: 'go.mod' }],
    },
    {
      name: 'pnpm install after COPY . . with no fetch first (hoppscotch selfhost-web)',
      code: 'FROM node:lts AS builder\nWORKDIR /usr/src/app\nRUN npm i -g pnpm\nCOPY . .\nRUN pnpm install --force --frozen-lockfile\n',
      errors: [{ line: 4, column: 1, message: 'pnpm-lock.yaml' }],
    },
    {
      name: 'pnpm fetch after COPY . . does not help',
      code: 'FROM node:20-slim\nCOPY . .\nRUN pnpm fetch && pnpm install --offline\n',
      errors: [{ line: 2, column: 1, message: "before 'pnpm fetch'" }],
    },
    {
      name: 'cargo chef cook after COPY . . in the same stage',
      code: 'FROM rust:1.80\nWORKDIR /app\nCOPY . .\nRUN cargo chef prepare --recipe-path recipe.json && cargo chef cook --release --recipe-path recipe.json\n',
      errors: [{ line: 3, column: 1, message: 'recipe.json' }],
    },
  ],
});
