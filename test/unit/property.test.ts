// Property test: the parser and every rule (off ones forced on, with non-empty settings and project
// facts) never throw on generated and mutated Dockerfiles; findings have sane positions; --fix is
// idempotent and leaves `# slipway ignore=all` instructions alone.
//
// Fixed seed, so a failure reproduces: SLIPWAY_PROPERTY_SEED=<n> picks another one,
// SLIPWAY_PROPERTY_RUNS=<n> scales the number of runs (default: >= 10,000 in total).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { checkDockerfileText, fixDockerfileText, RuleCrash, type DockerfileCheckOptions } from '../../src/engine/check-dockerfile.js';
import { activeRules, type RuleLevel } from '../../src/engine/effective-rules.js';
import { findSuppressions } from '../../src/engine/suppressions.js';
import { parseDockerfile } from '../../src/parse/dockerfile/parse.js';
import { LineIndex } from '../../src/parse/text.js';
import { parseShell } from '../../src/parse/dockerfile/shell.js';
import { dockerfileTooBig } from '../../src/project/limits.js';
import { NO_FACTS, type ProjectFacts } from '../../src/project/facts.js';
import { RULES } from '../../src/rules/index.js';
import type { RuleSettings } from '../../src/rules/types.js';

const SEED = Number(process.env.SLIPWAY_PROPERTY_SEED ?? 20240517);
const SCALE = Number(process.env.SLIPWAY_PROPERTY_RUNS ?? 1);
const CHECK_RUNS = Math.round(8_000 * SCALE);
const FIX_RUNS = Math.round(2_000 * SCALE);

// ---------------------------------------------------------------------------------------------
// Options: every rule in RULES (read at run time, so new rules are covered), `off` ones included.

function allRulesOn() {
  const overrides: Record<string, RuleLevel> = {};
  for (const r of RULES) overrides[r.meta.id] = r.meta.severity;
  const rules = activeRules(RULES, overrides);
  assert.equal(rules.length, RULES.length, 'every rule is active');
  return rules;
}

const RICH_SETTINGS: RuleSettings = {
  trustedRegistries: ['docker.io', 'registry.example.com:5000', 'ghcr.io', 'localhost'],
  labelSchema: {
    maintainer: 'email',
    'org.opencontainers.image.source': 'url',
    'org.opencontainers.image.version': 'semver',
    'org.opencontainers.image.created': 'rfc3339',
    'org.opencontainers.image.licenses': 'spdx',
    'org.opencontainers.image.revision': 'hash',
    description: 'text',
    version: 'semver',
  },
  strictLabels: true,
};
const EMPTY_SETTINGS: RuleSettings = { trustedRegistries: [], labelSchema: {}, strictLabels: false };
const PY_DEPS = ['numpy', 'pandas', 'psycopg2', 'lxml', 'cryptography', 'flask', 'django', 'uvicorn', 'grpcio'];
// Object.assign: facts added later keep their NO_FACTS defaults.
const RICH_FACTS: ProjectFacts = Object.assign({}, NO_FACTS, {
  pythonDependencies: PY_DEPS,
  pythonDependencySources: ['requirements.txt', 'pyproject.toml'],
  pythonDependencyOrigins: Object.fromEntries(PY_DEPS.map((d, i) => [d, i % 2 ? 'pyproject.toml' : 'requirements.txt'])),
  composeHealthcheck: true,
});

function optionSets(): DockerfileCheckOptions[] {
  const rules = allRulesOn();
  return [
    { rules, settings: RICH_SETTINGS, project: RICH_FACTS },
    { rules, settings: RICH_SETTINGS, project: { ...RICH_FACTS, composeHealthcheck: false } },
    { rules, settings: EMPTY_SETTINGS, project: NO_FACTS },
  ];
}

// ---------------------------------------------------------------------------------------------
// Generator of realistic Dockerfiles. `esc` is the continuation character (`\` or a backtick).

const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
const maybe = (a: fc.Arbitrary<string>, orElse = '') => fc.oneof({ weight: 1, arbitrary: fc.constant(orElse) }, { weight: 2, arbitrary: a });
const join = (parts: fc.Arbitrary<string>[], sep = ' ') => fc.tuple(...parts).map((xs) => xs.filter(Boolean).join(sep));
const list = (a: fc.Arbitrary<string>, min: number, max: number, sep = ' ') =>
  fc.array(a, { minLength: min, maxLength: max }).map((xs) => xs.join(sep));

const DIGEST = 'sha256:' + 'a3f1c9e2'.repeat(8);
const image = join(
  [
    pick(
      'python', 'node', 'golang', 'alpine', 'ubuntu', 'debian', 'nginx', 'ruby', 'openjdk', 'eclipse-temurin', 'scratch',
      'busybox', 'library/python', 'docker.io/library/node', 'ghcr.io/owner/app', 'registry.example.com:5000/team/img',
      'evil.io/python', 'localhost/x', '${BASE}', '$IMG', '${REG}/python', '${REG:-docker.io}/node', 'mcr.microsoft.com/dotnet/sdk',
      'centos', 'fedora', 'amazonlinux', 'gcr.io/distroless/python3', 'Python', '', 'python:3:4',
    ),
    pick(
      '', ':3.12', ':3.12-slim', ':3.11-alpine', ':latest', ':20-alpine', ':${VER}', ':1.22-bookworm', ':', `@${DIGEST}`,
      `:3.11@${DIGEST}`, '@sha256:', ':stable-slim', ':17-jdk', ':$TAG', ':3.12-slim-bookworm', ':alpine3.19', ':ltsc2022',
    ),
  ],
  '',
);
const stageName = pick('builder', 'build', 'base', 'deps', 'runtime', 'test', 'Builder', '0', '1', 'final', 'dev', 'BUILD');
const from = join([
  pick('FROM', 'FROM', 'FROM', 'from', 'From'),
  maybe(pick('--platform=$BUILDPLATFORM', '--platform=linux/amd64', '--platform=${TARGETPLATFORM}', '--platform=')),
  image,
  maybe(join([pick('AS', 'as', 'As', 'AS'), stageName]), ''),
]);

const aptPkg = pick('curl', 'ca-certificates', 'build-essential', 'gcc', 'libpq-dev', 'git', 'curl=7.88.1-10+deb12u5', 'python3-dev', 'sudo', 'openssh-server', 'vim', 'wget');
const apkPkg = pick('curl', 'gcc', 'musl-dev', 'libffi-dev', 'postgresql-dev', 'curl=8.5.0-r0', 'bash', 'git', 'g++', 'make');
const pipPkg = pick('flask', 'numpy', 'psycopg2', 'psycopg2-binary', 'lxml', 'requests==2.31.0', '"django>=4"', 'uvicorn[standard]', '-r requirements.txt', '.', '-e .', 'pandas');
const npmPkg = pick('express', 'express@4', 'typescript', '-g yarn', 'left-pad@^1', '');
const url = pick('https://example.com/install.sh', 'http://get.example.com', 'https://github.com/o/r/releases/download/v1/app.tar.gz', '$URL', 'https://x/y.zip');

const command = fc.oneof(
  join([pick('apt-get update', 'apt update', 'apt-get -y update', 'apt-get upgrade -y', 'apt-get dist-upgrade')]),
  join([pick('apt-get install', 'apt-get -y install', 'apt-get install -y --no-install-recommends', 'apt install -y', 'apt-get -qq install'), list(aptPkg, 0, 4)]),
  pick('rm -rf /var/lib/apt/lists/*', 'apt-get clean', 'rm -rf /tmp/*', 'apk cache clean', 'yum clean all', 'rm -rf /root/.cache'),
  join([pick('apk add', 'apk add --no-cache', 'apk add --virtual .build-deps', 'apk --update add', 'apk update && apk add'), list(apkPkg, 0, 4)]),
  pick('apk upgrade', 'apk del .build-deps', 'apk update'),
  join([pick('pip install', 'pip3 install', 'pip install --no-cache-dir', 'python -m pip install', 'pip install --user', 'pip install -U', 'uv pip install --system'), list(pipPkg, 0, 3)]),
  join([pick('npm install', 'npm ci', 'npm ci --omit=dev', 'npm i', 'yarn install --frozen-lockfile', 'yarn add', 'pnpm install', 'npm cache clean --force'), npmPkg]),
  join([pick('curl -fsSL', 'curl -sSL', 'curl', 'wget -qO-', 'wget -O -'), url, pick('| bash', '| sh', '| sudo bash -', '| tar xz -C /opt', '', '-o /tmp/x.tgz && tar xzf /tmp/x.tgz', '|')]),
  pick(
    'cd /app', 'mkdir -p /app', 'chmod 777 /app', 'chmod -R 755 /', 'useradd -m app', 'useradd -r -u 10001 app', 'adduser -D app',
    'groupadd app && useradd -g app app', 'sudo apt-get install -y x', 'ln -s /bin/bash /bin/sh', 'echo "hello $FOO" > /etc/x',
    'set -eux', 'set -o pipefail', 'go build -o /out/app ./...', 'CGO_ENABLED=0 go build', 'mvn -B package', './gradlew build',
    'bundle install', 'gem install rails', 'yum install -y httpd', 'yum install httpd-2.4', 'dnf install -y x', 'zypper install -y x',
    'zypper in x', 'ssh-keygen -A', 'export FOO=bar', 'source /venv/bin/activate', '. /venv/bin/activate', 'FOO=1 make install',
    'git clone https://github.com/a/b.git', 'service nginx start', 'ls || true', 'echo $(date)', 'echo `date`',
    '[ -f x ] && echo yes', 'if [ -n "$X" ]; then echo x; fi', 'for i in a b; do echo $i; done', 'python -m venv /venv',
    'cat <<EOF > /etc/conf\nkey=value\nEOF', 'sh -c "apt-get update && apt-get install -y curl"', "bash -c 'pip install flask'",
    'sh -c', 'exec "$@"', 'true', ':', '', 'echo \'unterminated', 'echo "$((1 + 2))"', 'a=(1 2 3)', 'case $x in a) ;; esac',
    'pip install', 'npm', 'apt-get', 'curl', '--', '&&', '| |', ';;', '$(', '${', '{ echo; }', '(cd /x && make)',
    'easy_install x', 'pipenv install --system --deploy', 'poetry install --no-root', 'conda install -y numpy',
    'gem install bundler:2.4.0', 'go install golang.org/x/tools/gopls@latest', 'cargo install ripgrep', 'chown -R app:app /app',
    'tar -xzf app.tar.gz', 'unzip x.zip', 'update-ca-certificates', 'locale-gen en_US.UTF-8', 'shutdown -h now', 'ps aux',
  ),
);
const sep = (esc: string) => pick(' && ', ' && ', ' ; ', ' || ', ' | ', ` && ${esc}\n    `, ` ${esc}\n    && `, ` ${esc}\n  `, `; ${esc}\n`, ' &&\t', `${esc}\n`, ` ${esc}  \n `, ` ${esc}\n# comment in continuation\n    && `, ` ${esc}\n\n    && `);
const script = (esc: string) =>
  fc.tuple(command, fc.array(fc.tuple(sep(esc), command), { maxLength: 4 })).map(([first, rest]) => first + rest.map(([s, c]) => s + c).join(''));
const runFlag = pick(
  '--mount=type=cache,target=/root/.cache/pip', '--mount=type=cache,target=/var/cache/apt,sharing=locked',
  '--mount=type=bind,from=builder,source=/out,target=/x', '--mount=type=secret,id=tok', '--mount=type=secret,id=npmrc,target=/root/.npmrc',
  '--mount=type=ssh', '--network=none', '--network=host', '--security=insecure', '--mount=from=0,target=/x', '--mount=type=tmpfs,target=/tmp',
  '--mount=type=cache,id=npm,target=/root/.npm', '--mount', '--mount=', '--mount=type=cache', '--mount=target=', '--foo=bar', '--',
);
const jsonStr = (s: string) => JSON.stringify(s);
const heredocName = pick('EOF', 'EOT', 'SCRIPT', '"EOF"', "'EOF'", '-EOF', 'eof');
const heredocBody = (esc: string) => fc.array(fc.oneof(script(esc), pick('#!/bin/bash', '#!/usr/bin/env python3', 'print("hi")', 'set -e', '\tindented', '')), { maxLength: 4 }).map((xs) => xs.join('\n'));
const heredocRun = (esc: string) =>
  fc.tuple(
    pick('RUN', 'RUN', 'RUN --mount=type=cache,target=/root/.cache', 'RUN cat', 'RUN python3', 'RUN bash', 'RUN sh -c "cat" '),
    heredocName,
    heredocBody(esc),
    pick('', ' > /etc/conf', ' bash', ' <<EOT2'),
    fc.boolean(),
  ).map(([run, name, body, tail, terminate]) => {
    const bare = name.replace(/^-/, '').replace(/['"]/g, '');
    return `${run} <<${name}${tail}\n${body}\n${terminate ? bare : ''}${tail === ' <<EOT2' ? '\nsecond\nEOT2' : ''}`;
  });
const run = (esc: string) =>
  fc.oneof(
    { weight: 6, arbitrary: join([pick('RUN', 'RUN', 'run', 'Run'), list(runFlag, 0, 2), script(esc)]) },
    { weight: 2, arbitrary: fc.tuple(pick('sh', '/bin/sh', 'bash', '/bin/bash', 'ash', 'powershell'), pick('-c', '-ec', '-c', '-o'), script(esc)).map(([sh, c, s]) => `RUN [${jsonStr(sh)}, ${jsonStr(c)}, ${jsonStr(s)}]`) },
    { weight: 1, arbitrary: fc.array(pick('apt-get', 'install', '-y', 'curl', 'pip', 'npm', '$HOME', 'a b'), { maxLength: 5 }).map((xs) => `RUN ${JSON.stringify(xs)}`) },
    { weight: 1, arbitrary: script(esc).map((s) => `RUN sh -c '${s.replace(/'/g, '')}'`) },
    { weight: 2, arbitrary: heredocRun(esc) },
  );

const copySrc = pick('.', 'requirements.txt', 'package*.json', 'package.json package-lock.json', 'src/', 'app.py', 'go.mod go.sum', '/out/app', '"with space"', 'Gemfile Gemfile.lock', '*.jar', 'pom.xml', 'nginx.conf', 'dist', '$SRC', '..', '../x', '~/x', '');
const copyDest = pick('.', '/app', '/app/', 'app', './', '$HOME/x', '/usr/local/bin/', 'C:\\app', '/etc/nginx/conf.d/default.conf', '/usr/share/nginx/html', '/', '"/a b/"', '');
const copyFlag = pick('--from=builder', '--from=0', '--from=1', '--from=nginx:latest', '--from=build', '--chown=app:app', '--chown=1000', '--chmod=755', '--chmod=0644', '--link', '--parents', '--exclude=*.md', '--from=', '--chown=$USER', '--link=false');
const addSrc = pick('https://example.com/a.tar.gz', 'git@github.com:x/y.git', 'https://github.com/x/y.git#v1', 'app.tar.gz', 'app.zip', 'rootfs.tar.xz', 'file.txt', '.', 'http://x/y');
const copy = fc.oneof(
  { weight: 4, arbitrary: join([pick('COPY', 'copy', 'COPY'), list(copyFlag, 0, 3), list(copySrc, 1, 3), copyDest]) },
  { weight: 2, arbitrary: join([pick('ADD', 'add'), list(pick('--checksum=' + DIGEST, '--keep-git-dir=true', '--chown=app', '--link', '--unpack=true'), 0, 2), list(addSrc, 1, 2), copyDest]) },
  { weight: 1, arbitrary: fc.tuple(pick('COPY', 'ADD'), fc.array(fc.oneof(copySrc, copyDest), { maxLength: 4 })).map(([k, xs]) => `${k} ${JSON.stringify(xs)}`) },
  { weight: 1, arbitrary: fc.tuple(pick('COPY', 'ADD'), copyDest, fc.boolean()).map(([k, d, t]) => `${k} <<EOF ${d}\ncontent\n${t ? 'EOF' : ''}`) },
);
const envName = pick('A', 'PATH', 'PYTHONDONTWRITEBYTECODE', 'PYTHONUNBUFFERED', 'NODE_ENV', 'API_TOKEN', 'DB_PASSWORD', 'SECRET_KEY', 'HOME', 'LANG', 'aws_secret_access_key', 'GITHUB_TOKEN', 'PIP_NO_CACHE_DIR', 'VER', 'BASE', 'x-y', '1A', '');
const envValue = pick('1', '"x y"', "'z'", '/venv/bin:$PATH', '${PATH}:/x', 's3cr3t-Xq9vL2mR7tK4wP8z', 'production', '', '"unterminated', "'", '"$HOME"', 'C.UTF-8', 'python:3.12-slim', '3.12', '"a\\"b"', '${A:-b}', '${A', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789');
const pair = (esc: string) => fc.tuple(envName, envValue, pick('=', '=', ' ', '= ')).map(([n, v, eq]) => `${n}${eq}${v}`);
const env = (esc: string) =>
  fc.oneof(
    join([pick('ENV', 'env'), list(pair(esc), 1, 3)]),
    join([pick('ENV', 'ARG'), list(pair(esc), 1, 3, ` ${esc}\n    `)]),
    join([pick('ARG'), envName, maybe(envValue.map((v) => `=${v}`))], ''),
    join([pick('ARG'), list(envName, 1, 3)]),
    pick('ENV', 'ARG', 'ENV A', 'ENV =x', 'ENV "A"=1', 'ARG TARGETPLATFORM', 'ARG BUILDPLATFORM', 'ARG PASSWORD=secret', 'ARG BASE=python:3.12-slim', 'ARG VER=3.12', 'ARG TAG=latest', 'ARG REG=docker.io'),
  );
const labelKey = pick('maintainer', 'org.opencontainers.image.source', 'org.opencontainers.image.version', 'org.opencontainers.image.created', 'org.opencontainers.image.licenses', 'org.opencontainers.image.revision', 'description', 'version', 'com.example.x', '"quoted key"', 'a', '');
const labelValue = pick('"jane@example.com"', 'not-an-email', 'https://github.com/o/r', 'ht!tp:/x', '1.2.3', '1.2', 'v1.2.3-rc.1+b5', '2024-01-02T03:04:05Z', '2024-13-45', 'MIT', 'Apache-2.0 OR MIT', 'NOT-A-LICENSE', 'deadbeef', 'a3f1c9e2a3f1c9e2a3f1c9e2a3f1c9e2a3f1c9e2', 'xyz', '""', '"x y"', "'single'", '', '"unterminated', '$VER', '"${VER}"');
const label = (esc: string) =>
  fc.oneof(
    join([pick('LABEL', 'label'), list(fc.tuple(labelKey, pick('=', '=', ' '), labelValue).map(([k, e, v]) => k + e + v), 1, 3)]),
    join([pick('LABEL'), list(fc.tuple(labelKey, labelValue).map(([k, v]) => `${k}=${v}`), 1, 4, ` ${esc}\n      `)]),
    pick('LABEL', 'LABEL =', 'LABEL a=', 'LABEL key value with spaces', 'MAINTAINER Jane Doe <jane@example.com>', 'MAINTAINER'),
  );
const execArgs = fc.array(pick('python', 'app.py', 'node', 'server.js', 'nginx', '-g', 'daemon off;', '/entrypoint.sh', '--port', '8080', '$PORT', 'gunicorn', 'sh', '-c', 'echo $HOME', 'java', '-jar', 'app.jar', 'a"b', '\\'), { maxLength: 5 });
const cmd = fc.oneof(
  fc.tuple(pick('CMD', 'ENTRYPOINT', 'cmd', 'entrypoint'), execArgs).map(([k, xs]) => `${k} ${JSON.stringify(xs)}`),
  fc.tuple(pick('CMD', 'ENTRYPOINT'), execArgs).map(([k, xs]) => `${k} ${xs.join(' ')}`),
  pick(
    'CMD python app.py', 'CMD ["nginx", "-g", "daemon off;"]', 'ENTRYPOINT ["/entrypoint.sh"]', 'ENTRYPOINT exec node server.js', 'CMD []', 'CMD ["unterminated',
    "CMD ['single']", 'CMD [ "a", 1 ]', 'CMD ["sh","-c","echo $HOME"]', 'CMD', 'ENTRYPOINT', 'CMD [', 'CMD ]', 'CMD ["a",]', 'CMD {"a":1}', 'CMD ["a"] trailing',
    'CMD npm start', 'CMD ["npm", "start"]', 'ENTRYPOINT ["sh", "-c"]', 'CMD ["/bin/sh", "-c", "nginx -g \'daemon off;\'"]',
  ),
);
const healthcheck = (esc: string) =>
  fc.oneof(
    pick('HEALTHCHECK NONE', 'HEALTHCHECK', 'HEALTHCHECK CMD', 'HEALTHCHECK --interval=30s', 'HEALTHCHECK CMD ["wget","-q","--spider","http://localhost/"]', 'HEALTHCHECK cmd curl -f http://x', 'healthcheck none'),
    join([pick('HEALTHCHECK'), list(pick('--interval=30s', '--timeout=3s', '--start-period=5s', '--retries=3', '--start-interval=1s', '--interval=abc', '--retries=-1'), 0, 3), pick('CMD', 'CMD', 'cmd', 'NONE'), fc.oneof(script(esc), execArgs.map((x) => JSON.stringify(x)))]),
  );
const user = pick('USER root', 'USER app', 'USER 1000', 'USER 1000:1000', 'USER $UID', 'USER', 'USER root:root', 'USER 0', 'USER app:app', 'user nobody', 'USER ${APP_USER:-app}', 'USER 0:0');
const expose = join([pick('EXPOSE', 'expose'), list(pick('80', '8080/tcp', '53/UDP', '53/udp', '22', '3000-3010', '70000', '$PORT', 'abc', '80/sctp', '0', '-1', '8080:80', '443/TCP', '9000-8000', '2222', '22/tcp', '1-65535', ''), 0, 3)]);
const workdir = pick('WORKDIR /app', 'WORKDIR app', 'WORKDIR $HOME', 'WORKDIR /', 'WORKDIR /usr/bin', 'WORKDIR C:\\app', 'WORKDIR', 'WORKDIR /app/src', 'workdir ./x', 'WORKDIR ${APP_HOME}', 'WORKDIR "/a b"', 'WORKDIR /proc', 'WORKDIR /bin');
const misc = pick(
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'SHELL ["cmd"]', 'SHELL', 'SHELL /bin/bash', 'SHELL ["powershell", "-Command"]', 'STOPSIGNAL SIGTERM', 'STOPSIGNAL 9',
  'VOLUME /data', 'VOLUME ["/a", "/b"]', 'VOLUME', 'FOO bar', 'RUNN x', 'Run echo', 'cOpY . .', '--flag x', 'X', 'CROSS --platform=linux RUN x', 'COPY', 'ADD',
  'FROM', 'FROM AS', 'FROM python AS', 'FROM python AS builder extra', 'ONBUILD', 'ONBUILD ONBUILD RUN x', 'ONBUILD FROM x', 'ONBUILD MAINTAINER x',
);
const comment = fc.oneof(
  pick('# comment', '#', '#comment', '  # indented comment', '# slipway ignore=all', '# slipway ignore=all -- reason', '# hadolint ignore=DL3008,DL3015',
    '# slipway global ignore=all', '# check=skip=all', '# check=skip=JSONArgsRecommended', '# hadolint global ignore=DL3003', '# slipway ignore=',
    '# slipway ignore=,,,', '# hadolint ignore=all', '# slipway ignore=nonexistent-rule', '# escape=`', '# syntax=docker/dockerfile:1'),
  fc.tuple(pick('# slipway ignore=', '# slipway stage ignore=', '# slipway global ignore=', '# hadolint ignore=', '# check=skip='), fc.constantFrom(...RULES.flatMap((r) => [r.meta.id, ...r.meta.aliases]), 'x')).map(([p, id]) => p + id),
);
const directive = pick('# syntax=docker/dockerfile:1', '# syntax=docker/dockerfile:1.7-labs', '# check=skip=JSONArgsRecommended;error=true', '# check=skip=all', '#syntax = x', '# escape=\\', '# directive=value', '# escape=x', '#check=error=true');
const unicode = pick('é', '中文', '🐳', '\u00a0', '\u200b', '\u2028', '\t', 'ß', '\u0000', '\ufffd');

function instruction(esc: string): fc.Arbitrary<string> {
  const base = fc.oneof(
    { weight: 3, arbitrary: from },
    { weight: 8, arbitrary: run(esc) },
    { weight: 4, arbitrary: copy },
    { weight: 3, arbitrary: env(esc) },
    { weight: 2, arbitrary: label(esc) },
    { weight: 2, arbitrary: cmd },
    { weight: 1, arbitrary: healthcheck(esc) },
    { weight: 1, arbitrary: user },
    { weight: 1, arbitrary: expose },
    { weight: 1, arbitrary: workdir },
    { weight: 1, arbitrary: misc },
    { weight: 2, arbitrary: comment },
    { weight: 1, arbitrary: pick('', '   ', '\t') },
  );
  const onbuild = fc.oneof(run(esc), copy, env(esc), cmd, workdir, user).map((i) => `ONBUILD ${i}`);
  return fc.oneof({ weight: 20, arbitrary: base }, { weight: 1, arbitrary: onbuild }).chain((line) =>
    fc.tuple(fc.constant(line), pick('', '', '', '', '  ', '\t', ' '), pick('', '', '', '', '   ', ` ${esc}`, ' # trailing'), maybe(unicode, '')).map(([l, indent, trail, u]) =>
      indent + (u && l.length > 4 ? l.slice(0, 4) + u + l.slice(4) : l) + trail,
    ),
  );
}

const dockerfile: fc.Arbitrary<string> = fc
  .tuple(pick('\\', '\\', '\\', '`'), fc.array(directive, { maxLength: 2 }), pick('\n', '\n', '\n', '\r\n', 'mixed'), fc.boolean(), fc.boolean())
  .chain(([esc, directives, eol, bom, finalEol]) =>
    fc.tuple(fc.array(from, { minLength: 0, maxLength: 1 }), fc.array(instruction(esc), { minLength: 0, maxLength: 20 })).map(([first, body]) => {
      const head = [...(esc === '`' ? ['# escape=`'] : []), ...directives];
      let text = [...head, ...first, ...body].join('\n') + (finalEol ? '\n' : '');
      if (eol === '\r\n') text = text.replace(/\n/g, '\r\n');
      else if (eol === 'mixed') text = text.replace(/\n/g, (_m, i: number) => (i % 3 === 0 ? '\r\n' : '\n'));
      return (bom ? '\ufeff' : '') + text;
    }),
  );

// ---------------------------------------------------------------------------------------------
// Mutations: damage a generated Dockerfile the way editors and bad merges do.

type Mutation = { kind: number; a: number; b: number; junk: string };
const junk = fc.oneof(
  pick('"', "'", '\\', '`', '${', '$(', '<<EOF', '<<-EOF\n', '<<EOF\nRUN x', '\\\n', '`\n', '[', ']', '["', '=', '--', '--mount=', '#', '\r', '\n', '\n\n', ' \\ ', '\u0000', '\ud800', '🐳', 'FROM ', 'RUN ', 'AS ', '&&', '|', ';'),
  fc.string({ maxLength: 8, unit: 'binary' }),
  fc.string({ maxLength: 6, unit: fc.constantFrom('"', "'", '\\', '`', '$', '{', '}', '(', ')', '<', '\n', ' ', '=', '#', '[', ']', ',') }),
);
const mutation: fc.Arbitrary<Mutation> = fc.record({ kind: fc.nat(9), a: fc.nat(), b: fc.nat(), junk });

function mutate(text: string, muts: Mutation[]): string {
  for (const m of muts) {
    const lines = text.split('\n');
    const n = lines.length;
    const i = m.a % n;
    const j = m.b % n;
    switch (m.kind) {
      case 0: lines.splice(i, 1); text = lines.join('\n'); break; // delete a line
      case 1: lines.splice(i, 0, lines[i]!); text = lines.join('\n'); break; // duplicate
      case 2: [lines[i], lines[j]] = [lines[j]!, lines[i]!]; text = lines.join('\n'); break; // swap
      case 3: text = text.slice(0, m.a % (text.length + 1)); break; // truncate
      case 4: case 5: case 6: { const at = m.a % (text.length + 1); text = text.slice(0, at) + m.junk + text.slice(at); break; } // insert
      case 7: lines.splice(i, 0, `RUN <<EOF${m.b % 2 ? ' bash' : ''}`, 'echo unterminated'); text = lines.join('\n'); break; // heredoc without terminator
      case 8: { const at = m.a % (text.length + 1); text = text.slice(0, at) + text.slice(at + (m.b % 5) + 1); break; } // delete a few characters
      default: text = text + (m.b % 2 ? '\\' : '\\\n'); break; // dangling continuation at the end
    }
  }
  return text;
}

const input: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: dockerfile },
  { weight: 3, arbitrary: fc.tuple(dockerfile, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([t, m]) => mutate(t, m)) },
);

// ---------------------------------------------------------------------------------------------
// The properties.

let OPTIONS: DockerfileCheckOptions[] | null = null;
const options = () => (OPTIONS ??= optionSets());
const optionIndex = fc.nat(2);

function show(text: string): string {
  return JSON.stringify(text);
}

/** Runs checkDockerfileText, turning a RuleCrash into a failure that names the rule and the input. */
function check(text: string, opts: DockerfileCheckOptions) {
  try {
    return checkDockerfileText(text, 'Dockerfile', opts);
  } catch (e) {
    if (e instanceof RuleCrash) {
      const cause = e.cause instanceof Error ? (e.cause.stack ?? e.cause.message) : String(e.cause);
      throw new Error(`rule ${e.ruleId} crashed on input ${show(text)}\n${cause}`);
    }
    throw new Error(`checkDockerfileText threw on input ${show(text)}: ${(e as Error).stack ?? e}`);
  }
}

function assertPositions(text: string, opts: DockerfileCheckOptions): void {
  const { findings, errors } = check(text, opts);
  const lineCount = new LineIndex(text).lineCount;
  for (const f of findings) {
    const where = `finding ${f.rule} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} on input ${show(text)}`;
    assert.ok(Number.isInteger(f.line) && f.line >= 1 && f.line <= lineCount, `line out of 1..${lineCount}: ${where}`);
    assert.ok(Number.isInteger(f.column) && f.column >= 1, `column < 1: ${where}`);
    assert.ok(Number.isInteger(f.endLine) && f.endLine <= lineCount, `endLine > ${lineCount}: ${where}`);
    assert.ok(f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column), `end before start: ${where}`);
    assert.ok(typeof f.message === 'string' && f.message.trim().length > 0, `empty message: ${where}`);
  }
  for (const e of errors) {
    assert.ok(e.line >= 1 && e.column >= 1 && e.message.length > 0, `bad error entry ${JSON.stringify(e)} on input ${show(text)}`);
  }
}

/** The text of each instruction under `# slipway ignore=all` (from its line to its last line). */
function ignoredBlocks(text: string): string[] {
  let df;
  try {
    df = parseDockerfile(text, 'Dockerfile');
  } catch {
    return [];
  }
  const lines = df.lines;
  return findSuppressions(df)
    .filter((s) => s.rules.has('all') && s.fromLine > 1 && s.toLine < lines.lineCount)
    .map((s) => text.slice(lines.starts[s.fromLine - 1]!, lines.starts[s.toLine]! - 1));
}

function assertFix(text: string, opts: DockerfileCheckOptions): void {
  let fixed: string;
  let again: string;
  try {
    fixed = fixDockerfileText(text, 'Dockerfile', opts);
  } catch (e) {
    const id = e instanceof RuleCrash ? `rule ${e.ruleId} ` : '';
    throw new Error(`${id}fixDockerfileText threw on input ${show(text)}: ${(e as Error).stack ?? e}`);
  }
  try {
    again = fixDockerfileText(fixed, 'Dockerfile', opts);
  } catch (e) {
    const id = e instanceof RuleCrash ? `rule ${e.ruleId} ` : '';
    throw new Error(`${id}fixDockerfileText threw on its own output ${show(fixed)} (input ${show(text)}): ${(e as Error).stack ?? e}`);
  }
  if (again !== fixed) {
    const rules = check(fixed, opts).findings.filter((f) => f.fix).map((f) => `${f.rule}@${f.line}:${f.column}`);
    assert.fail(`fix is not idempotent (still fixable: ${rules.join(', ')})\ninput:  ${show(text)}\nfixed:  ${show(fixed)}\nagain:  ${show(again)}`);
  }
  for (const block of ignoredBlocks(text)) {
    assert.ok(fixed.includes(block), `fix touched an instruction under "# slipway ignore=all": ${show(block)}\ninput: ${show(text)}\nfixed: ${show(fixed)}`);
  }
}

function fixProperty() {
  const withIgnores = fc.tuple(input, fc.array(fc.nat(), { maxLength: 3 })).map(([text, ats]) => {
    const lines = text.split('\n');
    for (const at of ats) lines.splice(at % (lines.length + 1), 0, '# slipway ignore=all');
    return lines.join('\n');
  });
  return fc.property(withIgnores, optionIndex, (text, o) => assertFix(text, options()[o]!));
}
const checkProperty = () => fc.property(input, optionIndex, (text, o) => assertPositions(text, options()[o]!));

/** Runs shard `k` of `n`: its share of both properties, with seed SEED + k. Throws on failure. */
function runShard(k: number, n: number): void {
  const seed = SEED + k;
  const share = (runs: number) => Math.floor(runs / n) + (k < runs % n ? 1 : 0);
  for (const [name, prop, runs] of [
    ['check', checkProperty(), share(CHECK_RUNS)],
    ['fix', fixProperty(), share(FIX_RUNS)],
  ] as const) {
    try {
      fc.assert(prop as fc.IProperty<unknown>, { seed, numRuns: runs, includeErrorInReport: true });
    } catch (e) {
      throw new Error(`property "${name}" failed with seed ${seed} (reproduce: SLIPWAY_PROPERTY_SHARDS=1 SLIPWAY_PROPERTY_SEED=${seed})\n${(e as Error).message}`);
    }
  }
}

// Mutated inputs cost milliseconds each (shell parsing dominates), so the runs are split over one
// child process per core (at most SLIPWAY_PROPERTY_SHARDS, default 2); SLIPWAY_PROPERTY_SHARDS=1 runs in-process.
const WORKER = process.env.SLIPWAY_PROPERTY_WORKER;
if (WORKER) {
  const [k, n] = WORKER.split('/').map(Number) as [number, number];
  try {
    runShard(k, n);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 1;
  }
} else {
  const SHARDS = Math.max(1, Math.min(Number(process.env.SLIPWAY_PROPERTY_SHARDS ?? 2), availableParallelism()));
  describe('property: parser and rules on generated and mutated Dockerfiles', () => {
    it('the rule set under test is the whole of RULES, off rules included', () => {
      assert.ok(RULES.length > 0);
      assert.equal(options()[0]!.rules.length, RULES.length);
    });

    // The hostile shapes of the hardening report (07, 08): every rule, all on, in bounded time; the two
    // that cannot be checked cheaply are stopped at the door with a message (an error entry in check).
    it('hostile shapes: 2,000-link && chain, 3,000-stage pipe, ENV with 20,000 pairs: checked in seconds; 200,000 RUNs and RUN a;a;a… refused', () => {
      const shapes: Record<string, string> = {
        chain: `FROM alpine:3\nRUN true${' \\\n && echo x'.repeat(2000)}\n`,
        pipe: `FROM alpine:3\nRUN ${Array(3000).fill('cat').join(' | ')}\n`,
        env: `FROM alpine:3\nENV ${Array.from({ length: 20000 }, (_, i) => `A${i}=1`).join(' ')}\n`,
      };
      for (const [name, text] of Object.entries(shapes)) {
        const t0 = performance.now();
        assert.equal(dockerfileTooBig(text), null, name);
        for (const o of options().slice(0, 1)) assert.doesNotThrow(() => checkDockerfileText(text, 'Dockerfile', o), name);
        const ms = performance.now() - t0;
        assert.ok(ms < 60_000, `${name}: ${Math.round(ms)} ms`);
      }
      assert.match(dockerfileTooBig(`FROM alpine:3\n${'RUN a\n'.repeat(200_000)}`) ?? '', /200002 lines/);
      const semi = `FROM alpine:3\nRUN ${'a;'.repeat(1_900_000)}\n`;
      assert.match(dockerfileTooBig(semi) ?? '', /shell operators/);
      const t0 = performance.now();
      assert.deepEqual(parseShell(semi.slice(18), 18).commands, []); // the parser's own cap: no 2.7 GB tree
      assert.ok(performance.now() - t0 < 30_000); // generous for a loaded machine; an uncapped tree would not finish
    });

    it(`${CHECK_RUNS} inputs: check never throws, findings have sane positions; ${FIX_RUNS} inputs: fix never throws, is idempotent, skips "slipway ignore=all" (seed ${SEED}, ${SHARDS} shard(s))`, async () => {
      if (SHARDS === 1) return runShard(0, 1);
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.NODE_TEST_CONTEXT;
      const shard = (k: number) =>
        new Promise<{ code: number | null; out: string }>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
            env: { ...env, SLIPWAY_PROPERTY_WORKER: `${k}/${SHARDS}` },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let out = '';
          child.stdout.on('data', (d) => (out += d));
          child.stderr.on('data', (d) => (out += d));
          child.on('close', (code) => resolve({ code, out }));
        });
      const results = await Promise.all(Array.from({ length: SHARDS }, (_, k) => shard(k)));
      const failures = results.filter((r) => r.code !== 0).map((r) => r.out);
      assert.equal(failures.length, 0, failures.join('\n\n'));
    });
  });
}
