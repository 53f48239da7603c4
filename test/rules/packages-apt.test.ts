import { aptAllowUnauthenticated } from '../../src/rules/dockerfile/packages/apt-allow-unauthenticated.js';
import { aptDistUpgrade } from '../../src/rules/dockerfile/packages/apt-dist-upgrade.js';
import { aptForceYes } from '../../src/rules/dockerfile/packages/apt-force-yes.js';
import { aptGetYes } from '../../src/rules/dockerfile/packages/apt-get-yes.js';
import { aptListsCleanup } from '../../src/rules/dockerfile/packages/apt-lists-cleanup.js';
import { aptNoInstallRecommends } from '../../src/rules/dockerfile/packages/apt-no-install-recommends.js';
import { aptPinVersions } from '../../src/rules/dockerfile/packages/apt-pin-versions.js';
import { updateAlone } from '../../src/rules/dockerfile/packages/update-alone.js';
import { useAptGet } from '../../src/rules/dockerfile/packages/use-apt-get.js';
import { ruleTester } from './harness.js';

const F = 'FROM debian:12-slim\n';

ruleTester(aptGetYes, {
  valid: [
    F + 'RUN apt-get install -y curl\n',
    F + 'RUN apt-get -qq install curl\n',
    F + 'RUN apt-get install --yes curl\n',
    F + 'RUN apt-get install -qy curl\n',
    F + 'RUN apt-get -o APT::Get::Assume-Yes=true install curl\n',
    { name: '-o inside a group of short options (argv.ts reads it as apt does)', code: F + 'RUN apt-get -qo APT::Get::Assume-Yes=true install curl\n' },
    { name: 'configured in apt.conf.d earlier', code: F + 'RUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\nRUN apt-get install curl\n' },
    { name: 'answers piped in', code: F + 'RUN yes | apt-get install curl\n' },
    F + 'RUN apt-get update\n',
    F + 'RUN ["apt-get", "install", "-y", "curl"]\n',
  ],
  invalid: [
    {
      code: F + 'RUN apt-get install curl\n',
      errors: [{ line: 2, column: 5, endColumn: 20, message: 'apt-get install -y' }],
      output: F + 'RUN apt-get install -y curl\n',
    },
    {
      name: 'option with a value before the sub-command',
      code: F + 'RUN apt-get update && apt-get -o Dpkg::Options::=--force-confold install \\\n    curl\n',
      errors: [{ line: 2, column: 23 }],
      output: F + 'RUN apt-get update && apt-get -o Dpkg::Options::=--force-confold install -y \\\n    curl\n',
    },
    {
      name: 'remove prompts too',
      code: F + 'RUN apt-get purge gcc\n',
      errors: [{ line: 2, column: 5, endColumn: 18 }],
      output: F + 'RUN apt-get purge -y gcc\n',
    },
    {
      name: 'inside sh -c',
      code: F + 'RUN sh -c "apt-get install curl"\n',
      errors: [{ line: 2, column: 12 }],
      output: F + 'RUN sh -c "apt-get install -y curl"\n',
    },
    {
      name: 'exec form: reported, not fixed',
      code: F + 'RUN ["apt-get", "install", "curl"]\n',
      errors: [{ line: 2, column: 7 }],
    },
  ],
});

ruleTester(aptNoInstallRecommends, {
  valid: [
    F + 'RUN apt-get install -y --no-install-recommends curl\n',
    F + 'RUN apt-get install -y -o APT::Install-Recommends=false curl\n',
    F + 'RUN apt-get install -y -f\n',
    { name: 'configured once in apt.conf.d', code: F + 'RUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/99norec\nRUN apt-get install -y curl\n' },
    {
      name: 'configured by a heredoc in the parent stage',
      code: 'FROM debian:12-slim AS base\nRUN cat > /etc/apt/apt.conf.d/99norec <<EOF\nAPT::Install-Recommends "false";\nEOF\nFROM base\nRUN apt-get install -y curl\n',
    },
  ],
  invalid: [
    {
      code: F + 'RUN apt-get update && apt-get install -y curl\n',
      errors: [{ line: 2, column: 23, endColumn: 38, message: '--no-install-recommends' }],
      output: F + 'RUN apt-get update && apt-get install --no-install-recommends -y curl\n',
    },
    {
      name: 'apt too',
      code: F + 'RUN apt install -y curl\n',
      errors: [{ line: 2, column: 5 }],
      output: F + 'RUN apt install --no-install-recommends -y curl\n',
    },
    {
      name: 'configured in another, unrelated stage',
      code: F + 'RUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/99norec\nFROM debian:12-slim\nRUN apt-get install -y curl\n',
      errors: [{ line: 4, column: 5 }],
      output: F + 'RUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/99norec\nFROM debian:12-slim\nRUN apt-get install --no-install-recommends -y curl\n',
    },
  ],
});

ruleTester(aptPinVersions, {
  valid: [
    F + 'RUN apt-get install -y curl=7.88.1-10\n',
    F + 'RUN apt-get install -y curl/bookworm-backports ./local.deb\n',
    F + 'RUN apt-get install -y $PACKAGES\n',
    F + 'RUN apt-get install -y "curl=${CURL_VERSION}"\n',
  ],
  invalid: [
    {
      code: F + 'RUN apt-get install -y curl git=1:2.39.2-1.1\n',
      errors: [{ line: 2, column: 24, endColumn: 28, message: "'curl'" }],
    },
    {
      name: 'values of -t are not packages',
      code: F + 'RUN apt-get install -y -t bookworm-backports curl wget\n',
      errors: [{ line: 2, column: 46 }, { line: 2, column: 51 }],
    },
  ],
});

ruleTester(aptListsCleanup, {
  valid: [
    F + 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    F + 'RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl\n',
    F + 'RUN --mount=type=tmpfs,target=/var/lib/apt apt-get update && apt-get install -y curl\n',
    { name: 'builder stage does not ship', code: 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12-slim\nCOPY --from=build /out /out\n' },
  ],
  invalid: [
    {
      code: F + 'RUN apt-get update && apt-get install -y curl\n',
      errors: [{ line: 2, column: 5, endColumn: 19, message: 'rm -rf /var/lib/apt/lists/*' }],
    },
    {
      name: 'cleanup in a later RUN does not shrink the image',
      code: F + 'RUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 2, column: 5 }],
    },
    {
      name: 'a stage built FROM ships its layers',
      code: 'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\nFROM base\nCMD ["curl"]\n',
      errors: [{ line: 2, column: 5 }],
    },
  ],
});

ruleTester(useAptGet, {
  valid: [F + 'RUN apt-get install -y curl\n', F + 'RUN apt-cache show curl\n', F + 'RUN echo apt\n'],
  invalid: [
    {
      code: F + 'RUN apt update && apt install -y curl\n',
      errors: [
        { line: 2, column: 5, endColumn: 15, message: 'apt-get update' },
        { line: 2, column: 19, endColumn: 30 },
      ],
      output: F + 'RUN apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'apt upgrade differs from apt-get upgrade: no fix',
      code: F + 'RUN apt upgrade -y\n',
      errors: [{ line: 2, column: 5, message: 'use `apt-get upgrade --with-new-pkgs`' }],
    },
    {
      name: 'apt list: no `apt-get list` (there is none), the commands that do it',
      code: F + 'RUN apt list --installed\n',
      errors: [{ line: 2, column: 5, message: '`apt list` has no stable CLI for scripts: use `dpkg-query -W` for installed packages' }],
    },
    {
      name: 'apt show → apt-cache show',
      code: F + 'RUN apt show curl\n',
      errors: [{ line: 2, column: 5, message: 'apt-cache show' }],
      output: F + 'RUN apt-cache show curl\n',
    },
  ],
});

ruleTester(updateAlone, {
  valid: [
    F + 'RUN apt-get update && apt-get install -y curl\n',
    'FROM alpine:3.20\nRUN apk update && apk add curl\n',
    F + 'RUN apt-get update && ./install-deps.sh\n',
    'FROM fedora:40\nRUN dnf update -y\n',
  ],
  invalid: [
    {
      code: F + 'RUN apt-get update\nRUN apt-get install -y curl\n',
      errors: [{ line: 2, column: 5, endColumn: 19, message: 'apt-get update' }],
    },
    {
      name: 'install by another manager does not count',
      code: 'FROM alpine:3.20\nRUN apk update && pip install flask\n',
      errors: [{ line: 2, column: 5, endColumn: 15 }],
    },
    {
      name: 'zypper refresh',
      code: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive refresh\n',
      errors: [{ line: 2, column: 5 }],
    },
  ],
});

ruleTester(aptDistUpgrade, {
  valid: [F + 'RUN apt-get upgrade -y\n', F + 'RUN apt-get install -y curl\n'],
  invalid: [
    { code: F + 'RUN apt-get dist-upgrade -y\n', errors: [{ line: 2, column: 5, endColumn: 25 }] },
    { code: F + 'RUN apt full-upgrade -y\n', errors: [{ line: 2, column: 5, message: 'full-upgrade' }] },
  ],
});

ruleTester(aptAllowUnauthenticated, {
  valid: [F + 'RUN apt-get install -y curl\n', F + 'RUN echo "deb [signed-by=/k.gpg] http://x stable main" > /etc/apt/sources.list.d/x.list\n'],
  invalid: [
    { code: F + 'RUN apt-get install -y --allow-unauthenticated curl\n', errors: [{ line: 2, column: 24, endColumn: 47 }] },
    { code: F + 'RUN apt-get -o APT::Get::AllowUnauthenticated=1 install -y curl\n', errors: [{ line: 2, column: 16 }] },
    {
      code: F + 'RUN echo "deb [trusted=yes] http://x stable main" > /etc/apt/sources.list.d/x.list\n',
      errors: [{ line: 2, column: 10, message: 'trusted=yes' }],
    },
  ],
});

ruleTester(aptForceYes, {
  valid: [F + 'RUN apt-get install -y curl\n', F + 'RUN apt-get install -y --allow-downgrades curl=1.0\n'],
  invalid: [
    { code: F + 'RUN apt-get install --force-yes curl\n', errors: [{ line: 2, column: 21, endColumn: 32 }] },
    { code: F + 'RUN apt-get -o APT::Get::force-yes=true install curl\n', errors: [{ line: 2, column: 16 }] },
  ],
});
