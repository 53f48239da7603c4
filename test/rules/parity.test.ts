// Cases for the hadolint-parity behaviours (issue 12): ONBUILD triggers judged like the instruction they
// trigger, instructions judged without a FROM, clean-ups that come before the install, the short forms and
// variants of the package managers. Written for slipway (hadolint's own cases stay in the conformance tool).
import { aptGetYes } from '../../src/rules/dockerfile/packages/apt-get-yes.js';
import { aptListsCleanup } from '../../src/rules/dockerfile/packages/apt-lists-cleanup.js';
import { dnfCleanAll } from '../../src/rules/dockerfile/packages/dnf-clean-all.js';
import { gemPinVersions } from '../../src/rules/dockerfile/packages/gem-pin-versions.js';
import { goInstallVersion } from '../../src/rules/dockerfile/packages/go-install-version.js';
import { microdnfCleanAll } from '../../src/rules/dockerfile/packages/microdnf-clean-all.js';
import { npmPinVersions } from '../../src/rules/dockerfile/packages/npm-pin-versions.js';
import { pipNoCacheDir } from '../../src/rules/dockerfile/packages/pip-no-cache-dir.js';
import { pipPinVersions } from '../../src/rules/dockerfile/packages/pip-pin-versions.js';
import { updateAlone } from '../../src/rules/dockerfile/packages/update-alone.js';
import { yarnCacheClean } from '../../src/rules/dockerfile/packages/yarn-cache-clean.js';
import { zypperClean } from '../../src/rules/dockerfile/packages/zypper-clean.js';
import { addToExtract } from '../../src/rules/dockerfile/instructions/add-to-extract.js';
import { copyNotAdd } from '../../src/rules/dockerfile/instructions/copy-not-add.js';
import { copyRelativeDest } from '../../src/rules/dockerfile/instructions/copy-relative-dest.js';
import { labelKeyValid } from '../../src/rules/dockerfile/instructions/label-key-valid.js';
import { runConsecutive } from '../../src/rules/dockerfile/instructions/run-consecutive.js';
import { runPipefail } from '../../src/rules/dockerfile/instructions/run-pipefail.js';
import { workdirAbsolute } from '../../src/rules/dockerfile/instructions/workdir-absolute.js';
import { copyFromUnknownStage } from '../../src/rules/dockerfile/image/copy-from-unknown-stage.js';
import { envSelfReference } from '../../src/rules/dockerfile/image/env-self-reference.js';
import { ruleTester } from './harness.js';

const U = 'FROM ubuntu:24.04\n';

ruleTester(aptGetYes, {
  valid: [
    { name: 'quiet level 2 as two options implies -y', code: U + 'RUN apt-get -q -q install curl\n' },
    { name: 'quiet level 2 as long options', code: U + 'RUN apt-get --quiet --quiet install curl\n' },
    { name: '-y inside a group after a valued option', code: U + 'RUN apt-get -o Acquire::Retries=3 -qy install curl\n' },
  ],
  invalid: [
    { name: 'one -q is not enough', code: U + 'RUN apt-get -q install curl\n', errors: [{ line: 2, column: 5 }], output: U + 'RUN apt-get -q install -y curl\n' },
    { name: 'ONBUILD RUN is a RUN', code: U + 'ONBUILD RUN apt-get install curl\n', errors: [{ line: 2, column: 13 }], output: U + 'ONBUILD RUN apt-get install -y curl\n' },
    { name: 'without FROM', code: 'RUN apt-get install curl\n', errors: [{ line: 1, column: 5 }], output: 'RUN apt-get install -y curl\n' },
  ],
});

ruleTester(aptListsCleanup, {
  valid: [
    { name: 'lists mounted', code: U + 'RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y jq\n' },
    {
      name: 'the BuildKit recipe: both apt folders mounted',
      code: U + 'RUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y jq\n',
    },
    { name: '/var/lib/apt mounted, docker-clean kept', code: U + 'RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y jq\n' },
    { name: 'an ONBUILD in a builder stage that does not ship is still shipped downstream', code: 'FROM ubuntu:24.04 AS b\nRUN apt-get update\nFROM scratch\n' },
  ],
  invalid: [
    {
      name: 'docker-clean removed, only /var/lib/apt mounted: the .deb files stay',
      code: U + 'RUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y jq\n',
      errors: [{ line: 3, column: 44, message: '/var/cache/apt' }],
    },
    { name: 'ONBUILD of a builder stage', code: 'FROM ubuntu:24.04 AS b\nONBUILD RUN apt-get update\nFROM scratch\n', errors: [{ line: 2, column: 13 }] },
  ],
});

ruleTester(dnfCleanAll, {
  valid: ['FROM fedora:40\nRUN dnf in -y jq && dnf clean all\n', 'FROM fedora:40\nRUN dnf -y up && rm -rf /var/cache/libdnf5*\n'],
  invalid: [
    { name: 'short form', code: 'FROM fedora:40\nRUN dnf -y in jq\n', errors: [{ line: 2, column: 5 }] },
    { name: 'clean-up before the install cleans nothing', code: 'FROM fedora:40\nRUN dnf clean all && dnf install -y jq\n', errors: [{ line: 2, column: 22 }] },
    { name: 'rm before the install', code: 'FROM fedora:40\nRUN rm -rf /var/cache/libdnf5 && dnf install -y jq\n', errors: [{ line: 2, column: 34 }] },
    { name: 'another program\'s clean', code: 'FROM fedora:40\nRUN dnf install -y jq && microdnf clean all\n', errors: [{ line: 2, column: 5 }] },
  ],
});

ruleTester(microdnfCleanAll, {
  valid: ['FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y jq && microdnf clean all\n'],
  invalid: [
    { code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf clean all && microdnf install -y jq\n', errors: [{ line: 2, column: 27 }] },
  ],
});

ruleTester(zypperClean, {
  valid: ['FROM opensuse/leap:15.6\nRUN zypper -n install jq && zypper clean\n'],
  invalid: [{ name: 'clean first', code: 'FROM opensuse/leap:15.6\nRUN zypper clean && zypper -n install jq\n', errors: [{ line: 2, column: 21 }] }],
});

ruleTester(updateAlone, {
  valid: [{ name: 'install through xargs', code: U + 'RUN apt-get update && cat pkgs.txt | xargs apt-get install -y --no-install-recommends\n' }],
  invalid: [{ code: U + 'RUN apt-get update && cat pkgs.txt | xargs echo\n', errors: [{ line: 2, column: 5 }] }],
});

ruleTester(yarnCacheClean, {
  valid: ['FROM node:22-slim\nWORKDIR /app\nRUN yarn install && yarn cache clean\n'],
  invalid: [{ name: 'clean first', code: 'FROM node:22-slim\nWORKDIR /app\nRUN yarn cache clean && yarn install\n', errors: [{ line: 3, column: 25 }] }],
});

ruleTester(gemPinVersions, {
  valid: [
    { name: 'extension build options after --', code: 'FROM ruby:3.3\nRUN gem install nokogiri:1.16.5 -- --use-system-libraries\n' },
    { name: 'a valued option', code: 'FROM ruby:3.3\nRUN gem install --install-dir /gems rails:7.1.3\n' },
  ],
  invalid: [
    { name: 'gem i', code: 'FROM ruby:3.3\nRUN gem i rails\n', errors: [{ line: 2, column: 11 }] },
    { name: 'only the unpinned one', code: 'FROM ruby:3.3\nRUN gem i rails:7.1.3 puma\n', errors: [{ line: 2, column: 23 }] },
  ],
});

ruleTester(goInstallVersion, {
  valid: [
    'FROM golang:1.23\nRUN go run example.com/tool@v1.2.3 -flag latest\n',
    { name: 'go.mod decides go install without a version', code: 'FROM golang:1.23\nRUN go install example.com/tool\n' },
    { name: 'GOPATH style: git checkout in a later RUN', code: 'FROM golang:1.10\nRUN go get github.com/org/tool || true\nWORKDIR /go/src/github.com/org/tool\nRUN git checkout v1.2.0 && go install\n' },
    { name: 'GOPATH style: a later git checkout picks the version', code: 'FROM golang:1.10\nRUN go get -d github.com/org/tool && cd /go/src/github.com/org/tool && git checkout v1.2.0 && go install\n' },
  ],
  invalid: [
    { name: 'go get means @upgrade', code: 'FROM golang:1.23\nRUN go get -tool tool\n', errors: [{ line: 2, column: 18 }] },
    { name: 'go run @latest', code: 'FROM golang:1.23\nRUN go run example.com/tool@latest\n', errors: [{ line: 2, column: 12 }] },
  ],
});

ruleTester(pipPinVersions, {
  valid: [
    'FROM python:3.12-slim\nRUN pip install git+https://github.com/org/lib.git@v1.4.0#egg=lib\n',
    'FROM python:3.12-slim\nRUN pipx install --python python3.12 "black==24.4.2"\n',
  ],
  invalid: [
    { name: 'VCS without a ref', code: 'FROM python:3.12-slim\nRUN pip install git+ssh://git@github.com/org/lib.git#egg=lib\n', errors: [{ line: 2, column: 17, message: 'tag or commit' }] },
    { name: 'pipx', code: 'FROM python:3.12-slim\nRUN pipx install black\n', errors: [{ line: 2, column: 18 }] },
  ],
});

ruleTester(npmPinVersions, {
  valid: [{ name: 'a local tarball is a fixed file', code: 'FROM node:22-slim\nWORKDIR /app\nRUN npm install widget-1.2.3.tar\n' }],
  invalid: [{ code: 'FROM node:22-slim\nWORKDIR /app\nRUN npm install -g left-pad\n', errors: [{ line: 3, column: 20 }] }],
});

ruleTester(pipNoCacheDir, {
  valid: [{ name: 'ENV without FROM', code: 'ENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0.3\n' }],
  invalid: [{ code: 'ENV PIP_NO_CACHE_DIR=0\nRUN pip install flask==3.0.3\n', errors: [{ line: 2, column: 5 }], output: 'ENV PIP_NO_CACHE_DIR=0\nRUN pip install --no-cache-dir flask==3.0.3\n' }],
});

ruleTester(addToExtract, {
  valid: ['FROM debian:12-slim\nCOPY app.tar /opt/\nRUN echo no extraction\n'],
  invalid: [
    { name: 'without FROM', code: 'COPY bundle.tar /srv/bundle.tar\nRUN tar -xf /srv/bundle.tar\n', errors: [{ line: 1, column: 1 }] },
  ],
});

ruleTester(copyNotAdd, {
  valid: [{ name: 'a compressed file may hold a tar: ADD decides by content', code: 'FROM debian:12-slim\nADD rootfs.xz /\n' }],
  invalid: [{ code: 'FROM debian:12-slim\nADD site.zip /srv/\n', errors: [{ line: 2, column: 1, message: 'does not extract' }], output: 'FROM debian:12-slim\nCOPY site.zip /srv/\n', project: { addSources: { 'site.zip': 'file' } } }],
});

ruleTester(copyRelativeDest, {
  valid: ['FROM debian:12-slim\nWORKDIR /app\nCOPY a.sh run.sh\n'],
  invalid: [{ name: 'without FROM', code: 'COPY a.sh run.sh\n', errors: [{ line: 1, column: 11 }] }],
});

ruleTester(workdirAbsolute, {
  valid: ['WORKDIR /srv\n'],
  invalid: [{ name: 'without FROM', code: 'WORKDIR srv/app\n', errors: [{ line: 1, column: 9 }] }],
});

ruleTester(copyFromUnknownStage, {
  valid: ['FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=build /app /app\n'],
  invalid: [{ name: 'no stage at all', code: 'COPY --from=build /app /app\n', errors: [{ line: 1, column: 13 }] }],
});

ruleTester(labelKeyValid, {
  valid: [{ name: 'a key from a defined ARG', code: 'FROM alpine:3.20\nARG NS=org.example\nLABEL ${NS}.team=core\n' }],
  invalid: [{ name: 'a key from nothing', code: 'FROM alpine:3.20\nLABEL team$suffix=core\n', errors: [{ line: 2, column: 7, message: 'not defined' }] }],
});

ruleTester(envSelfReference, {
  valid: ['FROM alpine:3.20\nENV PATH=/opt/bin:$PATH\n'],
  invalid: [
    { name: 'the second PATH reads the old PATH, not the first pair', code: 'FROM alpine:3.20\nENV PATH=/a:$PATH PATH=/b:$PATH\n', errors: [{ line: 2, column: 27 }] },
  ],
});

ruleTester(runConsecutive, {
  valid: [{ name: 'one of them already chains', code: 'FROM alpine:3.20\nRUN apk add --no-cache jq && jq --version\nRUN echo done\n' }],
  invalid: [{ code: 'FROM alpine:3.20\nRUN echo one\nRUN echo two\n', errors: [{ line: 3, column: 1 }] }],
});

ruleTester(runPipefail, {
  valid: ['FROM alpine:3.20\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\nRUN wget -qO- https://example.com | wc -c\n'],
  invalid: [
    {
      name: 'sh is dash on Debian: -o pipefail there is not a pipefail shell',
      code: 'FROM debian:12-slim\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN wget -qO- https://example.com | wc -c\n',
      errors: [{ line: 3, column: 1 }],
    },
  ],
});
