import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDockerfile } from '../../src/parse/dockerfile/parse.js';
import { compilesByPurpose, imagePurpose, isNotRunAsService, type ComposeUse, type ImagePurposeKind, type PurposeFacts } from '../../src/project/image-purpose.js';

// Shapes seen in real repositories (docker-library, jessfraz/dockerfiles, awesome-compose, jupyter,
// opentelemetry-demo), each with the purpose a reviewer gave it and a word the reason must hold.
const CASES: { name: string; code: string; path?: string; uses?: ComposeUse[]; facts?: Omit<PurposeFacts, 'composeUses'>; kind: ImagePurposeKind; reason: string; serves?: boolean }[] = [
  { name: 'EXPOSE and a server', code: 'FROM python:3.12-slim\nEXPOSE 8000\nCMD gunicorn -b :8000 app:app\n', kind: 'service', reason: 'EXPOSE 8000 and CMD gunicorn: a service' },
  { name: 'EXPOSE, unknown program', code: 'FROM debian:bookworm-slim\nEXPOSE 9000\nCMD ["/app"]\n', kind: 'service', reason: 'EXPOSE 9000 and CMD app' },
  { name: 'EXPOSE inherited from a stage it is built FROM', code: 'FROM node:20 AS base\nEXPOSE 3000\nFROM base\nCMD ["node", "index.js"]\n', kind: 'service', reason: 'EXPOSE 3000' },
  { name: 'uvicorn in sh -c', code: 'FROM python:3.12-slim\nCMD ["sh", "-c", "uvicorn app:app --host 0.0.0.0"]\n', kind: 'service', reason: 'uvicorn' },
  { name: 'rails server', code: 'FROM ruby:3.3\nCMD ["bin/rails", "server"]\n', kind: 'service', reason: 'rails server' },
  { name: 'manage.py runserver', code: 'FROM python:3.12\nCMD python manage.py runserver 0.0.0.0:8000\n', kind: 'service', reason: 'manage.py runserver' },
  { name: 'npm start', code: 'FROM node:20-slim\nCMD ["npm", "start"]\n', kind: 'service', reason: 'npm start' },
  { name: 'tini then a server', code: 'FROM debian:bookworm-slim\nENTRYPOINT ["tini", "--"]\nCMD ["nginx", "-g", "daemon off;"]\n', kind: 'service', reason: 'nginx' },
  { name: 'FROM nginx, site copied in', code: 'FROM nginx:alpine\nCOPY public /usr/share/nginx/html\n', kind: 'service', reason: 'FROM nginx:alpine, a server image' },
  { name: 'FROM a jupyter notebook image', code: 'FROM quay.io/jupyter/base-notebook\nRUN pip install x\n', kind: 'workbench', reason: 'FROM quay.io/jupyter/base-notebook, a notebook or IDE server', serves: true },
  { name: 'FROM postgres with an init script entrypoint', code: 'FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["postgres"]\n', kind: 'service', reason: 'postgres' },
  {
    name: 'compose publishes a port',
    code: 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n',
    uses: [{ service: 'web', file: 'compose.yaml', ports: ['8000:8000'], deployed: false }],
    kind: 'service',
    reason: "compose service 'web' (compose.yaml) publishes 8000:8000",
  },
  {
    name: 'compose deploys it',
    code: 'FROM python:3.12-slim\nCMD ["python", "worker.py"]\n',
    uses: [{ service: 'worker', file: 'compose.yaml', ports: [], deployed: true }],
    kind: 'service',
    reason: 'is deployed',
  },
  { name: 'docker-library golang: no command', code: 'FROM buildpack-deps:bookworm-scm\nENV GOLANG_VERSION 1.22\nRUN set -eux; curl -o go.tgz x\n', kind: 'base', reason: 'no CMD or ENTRYPOINT of its own: a base image' },
  { name: 'Windows base', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Write-Host hi\n', kind: 'base', reason: 'a base image' },
  { name: 'entrypoint script with nothing to hand over to', code: 'FROM ubuntu:24.04\nENTRYPOINT ["tini", "-g", "--", "start.sh"]\n', kind: 'base', reason: 'ENTRYPOINT start.sh with no CMD' },
  { name: 'docker-library python', code: 'FROM debian:bookworm-slim\nRUN echo build python\nCMD ["python3"]\n', kind: 'toolchain', reason: 'CMD python3 with no script' },
  { name: 'docker-library node', code: 'FROM debian:bookworm-slim\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD [ "node" ]\n', kind: 'toolchain', reason: 'CMD node with no script' },
  { name: 'a shell image', code: 'FROM debian:sid-slim\nRUN apt-get install -y adb\nENTRYPOINT [ "bash" ]\n', kind: 'toolchain', reason: 'ENTRYPOINT bash' },
  { name: 'devcontainer', code: 'FROM mcr.microsoft.com/devcontainers/python:3.12\nRUN pip install x\n', path: '.devcontainer/Dockerfile', kind: 'workbench', reason: '.devcontainer/Dockerfile is a development environment (.devcontainer): its users build software inside it', serves: false },
  { name: 'CodeSandbox with a command', code: 'FROM node:24-bullseye\nCMD ["yarn", "install"]\n', path: '.codesandbox/Dockerfile', kind: 'workbench', reason: '.codesandbox/Dockerfile is a development environment' },
  { name: 'CLI tool', code: 'FROM alpine:3.20\nRUN apk add --no-cache httpie\nENTRYPOINT ["http"]\n', kind: 'tool', reason: 'ENTRYPOINT http and no port: a command-line tool image' },
  { name: 'CLI tool with --help', code: 'FROM scratch\nCOPY viewdocs /usr/bin/viewdocs\nENTRYPOINT [ "viewdocs" ]\nCMD [ "--help" ]\n', kind: 'tool', reason: 'ENTRYPOINT viewdocs' },
  { name: 'java -jar is an application, not a tool', code: 'FROM eclipse-temurin:21-jre\nENTRYPOINT ["java", "-jar", "/app.jar"]\n', kind: 'app', reason: 'ENTRYPOINT java and no port' },
  { name: 'dotnet worker', code: 'FROM mcr.microsoft.com/dotnet/runtime:8.0\nENTRYPOINT ["dotnet", "Worker.dll"]\n', kind: 'app', reason: 'an application that does not serve' },
  { name: 'a script run by python', code: 'FROM python:3.12-slim\nCMD ["python", "job.py"]\n', kind: 'app', reason: 'CMD python and no port' },
  { name: 'an integration-test fixture', code: 'FROM registry:3\nCOPY boot.sh .\nENTRYPOINT ["./boot.sh"]\n', path: 'test/integration/docker/registry/Dockerfile', kind: 'test', reason: 'under test/' },
  { name: 'vault as a CLI', code: 'FROM alpine:3.20\nCOPY vault /usr/bin/vault\nENTRYPOINT [ "vault" ]\nCMD [ "--help" ]\n', kind: 'tool', reason: 'ENTRYPOINT vault' },
  { name: 'no FROM', code: 'ARG X=1\n', kind: 'base', reason: 'no FROM' },
  // Workbenches: images made for building software inside them (issue 7 item 3, session 4).
  {
    name: 'jupyter scipy-notebook (FROM $BASE_IMAGE, build-essential for users)',
    code: 'ARG REGISTRY=quay.io\nARG OWNER=jupyter\nARG BASE_IMAGE=$REGISTRY/$OWNER/minimal-notebook\nFROM $BASE_IMAGE\nUSER root\nRUN apt-get update --yes && apt-get install --yes --no-install-recommends build-essential && apt-get clean\nUSER ${NB_UID}\n',
    path: 'images/scipy-notebook/Dockerfile',
    kind: 'workbench',
    reason: 'FROM $BASE_IMAGE (quay.io/jupyter/minimal-notebook), a notebook or IDE server: a workbench (its users build software inside it) that serves',
    serves: true,
  },
  { name: 'jupyter base-notebook (its own start-notebook.py)', code: 'FROM $BASE_IMAGE\nEXPOSE 8888\nCMD ["start-notebook.py"]\n', kind: 'workbench', reason: 'CMD start-notebook.py, a notebook or IDE server', serves: true },
  { name: 'code-server', code: 'FROM codercom/code-server:4.20.0\nRUN sudo apt-get install -y build-essential\n', kind: 'workbench', reason: 'FROM codercom/code-server:4.20.0', serves: true },
  { name: 'rocker rstudio', code: 'FROM rocker/rstudio:4.4\nRUN apt-get install -y libxml2-dev\n', kind: 'workbench', reason: 'notebook or IDE server', serves: true },
  { name: 'GitHub Actions runner', code: 'FROM ghcr.io/actions/actions-runner:2.317.0\nRUN sudo apt-get update && sudo apt-get install -y make gcc\n', kind: 'workbench', reason: 'a CI runner: CI jobs build software inside it', serves: false },
  { name: 'Jenkins inbound agent', code: 'FROM jenkins/inbound-agent:latest-jdk17\nUSER root\nRUN apt-get install -y build-essential\nUSER jenkins\n', kind: 'workbench', reason: 'FROM jenkins/inbound-agent:latest-jdk17, a CI runner', serves: false },
  {
    name: 'wireguard kernel-module installer (jessfraz wg/install)',
    code: 'FROM debian:sid-slim\nRUN apt update && apt -y install build-essential ca-certificates git kmod libelf-dev libmnl-dev pkg-config --no-install-recommends\nCOPY entrypoint.sh /usr/local/bin/entrypoint.sh\nENTRYPOINT [ "/usr/local/bin/entrypoint.sh" ]\nCMD [ "wg", "--help" ]\n',
    path: 'wg/install/Dockerfile',
    kind: 'workbench',
    reason: "it installs kmod and build-essential: it builds kernel modules for the host's kernel when it runs",
    serves: false,
  },
  { name: 'a test suite (jessfraz lkp-tests)', code: 'FROM debian:buster-slim\nRUN apt-get install -y build-essential gcc kmod\nCMD [ "lkp" ]\n', path: 'lkp-tests/Dockerfile', kind: 'test', reason: 'lkp-tests/Dockerfile is under lkp-tests/: an image for tests' },
  { name: 'CMD pytest', code: 'FROM python:3.12\nCOPY . .\nCMD ["pytest", "-q"]\n', kind: 'test', reason: 'CMD pytest: an image that runs tests' },
  {
    name: 'Playwright base whose compose override publishes the report port (fastapi template Dockerfile.playwright)',
    code: 'FROM mcr.microsoft.com/playwright:v1.62.1-noble\nWORKDIR /app\nRUN bun install\nCOPY ./frontend /app/frontend\n',
    path: 'frontend/Dockerfile.playwright',
    uses: [{ service: 'playwright', file: 'compose.override.yml', ports: ['9323:9323'], deployed: false }],
    kind: 'test',
    reason: 'FROM mcr.microsoft.com/playwright:v1.62.1-noble, a browser-test image',
  },
  { name: 'cypress/included', code: 'FROM cypress/included:13.6.0\nCOPY . /e2e\nWORKDIR /e2e\n', path: 'Dockerfile.cypress', kind: 'test', reason: 'FROM cypress/included:13.6.0, a browser-test image' },
  { name: 'npx playwright test on a node base', code: 'FROM node:20\nCOPY . .\nRUN npm ci && npx playwright install --with-deps\nCMD ["npx", "playwright", "test"]\n', kind: 'test', reason: 'CMD playwright test: an image that runs tests' },
  { name: 'npm run test:e2e', code: 'FROM node:20\nCOPY . .\nRUN npm ci\nCMD ["npm", "run", "test:e2e"]\n', kind: 'test', reason: 'CMD npm run test:e2e' },
  { name: 'go test handed over by an entrypoint script', code: 'FROM golang:1.22\nCOPY . .\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["go", "test", "./..."]\n', kind: 'test', reason: 'CMD go test' },
  { name: 'python -m pytest', code: 'FROM python:3.12\nCOPY . .\nCMD python -m pytest tests\n', kind: 'test', reason: 'CMD python -m pytest' },
  { name: 'node server.js is not a test runner', code: 'FROM node:20\nCOPY . .\nEXPOSE 3000\nCMD ["node", "server.js"]\n', kind: 'service', reason: 'EXPOSE 3000' },
  {
    name: 'coolify docker/development/Dockerfile: a development image, though its dev compose file publishes 8000',
    code: 'FROM php:8.4-fpm-alpine\nRUN apk add nginx\nUSER root\n',
    path: 'docker/development/Dockerfile',
    uses: [{ service: 'coolify', file: 'docker-compose.dev.yml', ports: ['8000:8080'], deployed: false }],
    kind: 'workbench',
    reason: 'docker/development/Dockerfile is a development image',
    serves: false,
  },
  {
    name: 'built by a development compose file is not enough (coolify-realtime: dev compose, and a workflow publishes it)',
    code: 'FROM node:24-alpine\nCOPY . .\nCMD ["node", "index.js"]\n',
    path: 'docker/coolify-realtime/Dockerfile',
    uses: [{ service: 'soketi', file: 'docker-compose.dev.yml', ports: ['6001:6001'], deployed: false }],
    kind: 'service',
    reason: "compose service 'soketi'",
  },
  {
    name: 'Laravel Sail runtime: ENV SUPERVISOR_PHP_COMMAND runs artisan serve (a development image, though it EXPOSEs 80)',
    code: 'FROM ubuntu:22.04\nENV SUPERVISOR_PHP_COMMAND="/usr/bin/php -d variables_order=EGPCS /var/www/html/artisan serve --host=0.0.0.0 --port=80"\nRUN apt-get install -y php8.4-cli php8.4-dev supervisor\nEXPOSE 80/tcp\nENTRYPOINT ["start-container"]\n',
    path: 'runtimes/8.4/Dockerfile',
    kind: 'workbench',
    reason: "ENV SUPERVISOR_PHP_COMMAND runs artisan serve, PHP's development server: a development image",
    serves: false,
  },
  { name: 'php -S in CMD', code: 'FROM php:8.3-cli\nCOPY . /app\nEXPOSE 8000\nCMD ["php", "-S", "0.0.0.0:8000", "-t", "/app/public"]\n', kind: 'workbench', reason: "php -S is PHP's development server" },
  { name: 'Dockerfile.dev', code: 'FROM node:20\nCOPY . .\nEXPOSE 3000\nCMD ["npm", "run", "dev"]\n', path: 'Dockerfile.dev', kind: 'workbench', reason: 'Dockerfile.dev is a development image' },
  { name: 'prodev.Dockerfile is not dev', code: 'FROM node:20\nEXPOSE 3000\nCMD ["node", "a.js"]\n', path: 'prodev.Dockerfile', kind: 'service', reason: 'EXPOSE 3000' },
  {
    name: 'coolify docker/testing-host: an sshd host for tests',
    code: 'FROM debian:12-slim\nRUN apt-get install -y openssh-server\nEXPOSE 22\nCMD ["/usr/sbin/sshd", "-D"]\n',
    path: 'docker/testing-host/Dockerfile',
    kind: 'test',
    reason: 'docker/testing-host/Dockerfile is under testing-host/',
  },
  { name: 'nestjs-boilerplate relational.e2e.Dockerfile: a test image by its name', code: 'FROM node:22-alpine\nCOPY . .\nCMD ["/opt/startup.relational.ci.sh"]\n', path: 'relational.e2e.Dockerfile', kind: 'test', reason: 'relational.e2e.Dockerfile is named for tests' },
  { name: 'Dockerfile.test', code: 'FROM python:3.12\nCOPY . .\nCMD ["make", "check"]\n', path: 'Dockerfile.test', kind: 'test', reason: 'Dockerfile.test is named for tests' },
  { name: 'latest.Dockerfile is not a test image', code: 'FROM node:22\nEXPOSE 3000\nCMD ["node", "a.js"]\n', path: 'latest.Dockerfile', kind: 'service', reason: 'EXPOSE 3000' },
  { name: 'jessfraz brok: CMD is the bare name of the program cabal installs, a CLI', code: 'FROM haskell:8.8\nRUN cabal update && cabal install brok\nCMD ["brok"]\n', kind: 'tool', reason: 'CMD brok, installed by name (cabal install brok)' },
  { name: 'jessfraz imagemin: CMD asks for the usage', code: 'FROM node:alpine\nRUN npm install -g imagemin-cli\nCMD [ "imagemin", "--help" ]\n', kind: 'tool', reason: 'CMD imagemin --help (it prints its usage' },
  { name: 'jessfraz imagemagick: CMD echo of a usage message', code: 'FROM alpine:latest\nRUN apk --no-cache add imagemagick\nCMD [ "echo", "Use one of the following commands [ convert | identify ]" ]\n', kind: 'tool', reason: 'CMD echo … (it only prints a message' },
  { name: 'weechat, an interactive chat client installed by name, stays an application', code: 'FROM alpine:latest\nRUN apk add --no-cache weechat python3\nUSER user\nCMD ["weechat"]\n', kind: 'app', reason: 'CMD weechat and no port' },
  { name: 'a worker binary nobody installs by name stays an application', code: 'FROM debian:bookworm-slim\nCOPY worker /usr/local/bin/queue-runner\nRUN apt-get install -y ca-certificates\nCMD ["queue-runner"]\n', kind: 'app', reason: 'an application that does not serve' },
  { name: 'skaffold Dockerfile.debug (microservices-demo cartservice)', code: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\nRUN apt-get install -y procps\nENTRYPOINT ["dotnet", "cartservice.dll"]\n', path: 'src/cartservice/src/Dockerfile.debug', kind: 'workbench', reason: 'is a development image' },
  { name: 'a .apk in scratch is build output', code: 'FROM scratch\nCOPY app.apk /app.apk\nENTRYPOINT ["/app.apk"]\n', kind: 'base', reason: 'ENTRYPOINT app.apk is a package file, not a program' },
  // Serving without EXPOSE: a web framework in the manifest the image installs, run by its command.
  {
    name: 'the README demo: python app.py, fastapi and uvicorn in requirements.txt',
    code: 'FROM python:3.11 AS builder\nCOPY . .\nRUN pip install --user -r requirements.txt\nFROM python:3.11-alpine\nCOPY --from=builder /root/.local /root/.local\nCOPY . .\ncmd python app.py\n',
    facts: { pythonDependencies: ['fastapi', 'uvicorn', 'numpy'], pythonDependencySources: ['requirements.txt'] },
    kind: 'service',
    reason: 'CMD python app.py and requirements.txt declares uvicorn, fastapi: a service, though it has no EXPOSE',
  },
  {
    name: 'python -m with django, installed by uv',
    code: 'FROM python:3.12-slim\nCOPY . .\nRUN uv sync --frozen\nCMD ["uv", "run", "python", "-m", "mysite"]\n',
    facts: { pythonDependencies: ['django'], pythonDependencySources: ['pyproject.toml'] },
    kind: 'service',
    reason: 'pyproject.toml declares django',
  },
  {
    name: 'a framework declared but never installed is no evidence',
    code: 'FROM python:3.12-slim\nCOPY app.py .\nCMD ["python", "app.py"]\n',
    facts: { pythonDependencies: ['flask'], pythonDependencySources: ['requirements.txt'] },
    kind: 'app',
    reason: 'an application that does not serve',
  },
  {
    name: 'node dist/main.js with @nestjs/core',
    code: 'FROM node:22-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY dist dist\nCMD ["node", "dist/main.js"]\n',
    facts: { nodeDependencies: ['@nestjs/core', 'rxjs'], nodeDependencySource: 'package.json' },
    kind: 'service',
    reason: 'CMD node dist/main.js and package.json depends on @nestjs/core',
  },
  {
    name: 'a Go binary built with gin (distroless, ENTRYPOINT, no EXPOSE)',
    code: 'FROM golang:1.23 AS build\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /server ./cmd/server\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /server /server\nENTRYPOINT ["/server"]\n',
    facts: { goModules: ['github.com/gin-gonic/gin', 'github.com/stretchr/testify'], goModuleSource: 'go.mod' },
    kind: 'service',
    reason: 'ENTRYPOINT server, built with go, and go.mod requires github.com/gin-gonic/gin',
  },
  {
    name: 'the same Go binary without a web module is a tool',
    code: 'FROM golang:1.23 AS build\nCOPY . .\nRUN go build -o /server ./cmd/server\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /server /server\nENTRYPOINT ["/server"]\n',
    facts: { goModules: ['github.com/spf13/cobra'] },
    kind: 'tool',
    reason: 'ENTRYPOINT server and no port',
  },
  // Workers are applications, not services, even beside a web framework.
  {
    name: 'celery worker',
    code: 'FROM python:3.12-slim\nRUN pip install -r requirements.txt\nCMD ["celery", "-A", "proj", "worker", "-l", "info"]\n',
    facts: { pythonDependencies: ['celery', 'flask'] },
    kind: 'app',
    reason: 'CMD celery worker: a worker (it takes jobs from a queue and listens on no port)',
  },
  { name: 'rq worker', code: 'FROM python:3.12-slim\nCMD rq worker --url redis://redis:6379\n', kind: 'app', reason: 'CMD rq worker: a worker' },
  { name: 'python worker.py', code: 'FROM python:3.12-slim\nRUN pip install -r requirements.txt\nCMD ["python", "worker.py"]\n', facts: { pythonDependencies: ['fastapi'] }, kind: 'app', reason: 'CMD worker.py: a worker' },
  { name: 'a desktop app started by ENTRYPOINT is an application, not a tool', code: '# docker run -v /tmp/.X11-unix:/tmp/.X11-unix -e DISPLAY=unix$DISPLAY jess/inkscape\nFROM debian:bookworm-slim\nRUN apt-get install -y inkscape\nENTRYPOINT [ "inkscape" ]\n', kind: 'app', reason: 'its usage comment mounts the X11 socket or passes DISPLAY (line 1): a desktop application' },
  { name: 'a desktop IDE (jessfraz rstudio) is a workbench', code: '# docker run -v /tmp/.X11-unix:/tmp/.X11-unix -e DISPLAY=unix$DISPLAY jess/rstudio\nFROM debian:bookworm-slim\nRUN apt-get install -y libclang-dev\nENTRYPOINT [ "rstudio" ]\n', kind: 'workbench', reason: 'rstudio is a desktop IDE: its users build software inside it: a workbench', serves: false },
  { name: 'ENV DISPLAY: a desktop application', code: 'FROM debian:bookworm-slim\nENV DISPLAY=:0\nENTRYPOINT ["xeyes"]\n', kind: 'app', reason: 'ENV DISPLAY (line 2): a desktop application' },
  { name: 'sidekiq', code: 'FROM ruby:3.3\nRUN bundle install\nCMD ["bundle", "exec", "sidekiq"]\n', kind: 'app', reason: 'CMD sidekiq: a worker' },
];

for (const c of CASES) {
  test(`image purpose: ${c.name}`, () => {
    const df = parseDockerfile(c.code, c.path ?? 'Dockerfile');
    const p = imagePurpose(df, { composeUses: c.uses ?? [], ...c.facts });
    assert.equal(p.kind, c.kind, p.reason);
    assert.ok(p.reason.includes(c.reason), `reason "${p.reason}" lacks "${c.reason}"`);
    assert.equal(p.serves, c.serves ?? c.kind === 'service', `serves: ${p.reason}`);
  });
}

test('image purpose: the same answer for the same Dockerfile and uses (memoized)', () => {
  const df = parseDockerfile('FROM python:3.12-slim\nEXPOSE 80\n', 'Dockerfile');
  const uses: ComposeUse[] = [];
  assert.equal(imagePurpose(df, uses), imagePurpose(df, uses));
});

test('image purpose: which kinds the service rules judge at full severity, and which ship compilers by purpose', () => {
  const of = (code: string, path = 'Dockerfile') => imagePurpose(parseDockerfile(code, path), []);
  const notebook = of('FROM quay.io/jupyter/scipy-notebook\n');
  const runner = of('FROM ghcr.io/actions/actions-runner:2.317.0\n');
  const service = of('FROM python:3.12\nEXPOSE 80\nCMD ["python", "app.py"]\n');
  const app = of('FROM python:3.12\nCMD ["python", "job.py"]\n');
  // A notebook server serves (HEALTHCHECK, USER apply) but its compilers are what its users need.
  assert.deepEqual([isNotRunAsService(notebook), compilesByPurpose(notebook)], [false, true]);
  assert.deepEqual([isNotRunAsService(runner), compilesByPurpose(runner)], [true, true]);
  assert.deepEqual([isNotRunAsService(service), compilesByPurpose(service)], [false, false]);
  assert.deepEqual([isNotRunAsService(app), compilesByPurpose(app)], [false, false]);
});
