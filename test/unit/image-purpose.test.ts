import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDockerfile } from '../../src/parse/dockerfile/parse.js';
import { imagePurpose, type ComposeUse, type ImagePurposeKind } from '../../src/project/image-purpose.js';

// Shapes seen in real repositories (docker-library, jessfraz/dockerfiles, awesome-compose, jupyter,
// opentelemetry-demo), each with the purpose a reviewer gave it and a word the reason must hold.
const CASES: { name: string; code: string; path?: string; uses?: ComposeUse[]; kind: ImagePurposeKind; reason: string }[] = [
  { name: 'EXPOSE and a server', code: 'FROM python:3.12-slim\nEXPOSE 8000\nCMD gunicorn -b :8000 app:app\n', kind: 'service', reason: 'EXPOSE 8000 and CMD gunicorn: a service' },
  { name: 'EXPOSE, unknown program', code: 'FROM debian:bookworm-slim\nEXPOSE 9000\nCMD ["/app"]\n', kind: 'service', reason: 'EXPOSE 9000 and CMD app' },
  { name: 'EXPOSE inherited from a stage it is built FROM', code: 'FROM node:20 AS base\nEXPOSE 3000\nFROM base\nCMD ["node", "index.js"]\n', kind: 'service', reason: 'EXPOSE 3000' },
  { name: 'uvicorn in sh -c', code: 'FROM python:3.12-slim\nCMD ["sh", "-c", "uvicorn app:app --host 0.0.0.0"]\n', kind: 'service', reason: 'uvicorn' },
  { name: 'rails server', code: 'FROM ruby:3.3\nCMD ["bin/rails", "server"]\n', kind: 'service', reason: 'rails server' },
  { name: 'manage.py runserver', code: 'FROM python:3.12\nCMD python manage.py runserver 0.0.0.0:8000\n', kind: 'service', reason: 'manage.py runserver' },
  { name: 'npm start', code: 'FROM node:20-slim\nCMD ["npm", "start"]\n', kind: 'service', reason: 'npm start' },
  { name: 'tini then a server', code: 'FROM debian:bookworm-slim\nENTRYPOINT ["tini", "--"]\nCMD ["nginx", "-g", "daemon off;"]\n', kind: 'service', reason: 'nginx' },
  { name: 'FROM nginx, site copied in', code: 'FROM nginx:alpine\nCOPY public /usr/share/nginx/html\n', kind: 'service', reason: 'FROM nginx:alpine, a server image' },
  { name: 'FROM a jupyter notebook image', code: 'FROM quay.io/jupyter/base-notebook\nRUN pip install x\n', kind: 'service', reason: 'a server image' },
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
  { name: 'devcontainer', code: 'FROM mcr.microsoft.com/devcontainers/python:3.12\nRUN pip install x\n', path: '.devcontainer/Dockerfile', kind: 'toolchain', reason: 'development or build environment' },
  { name: 'CodeSandbox with a command', code: 'FROM node:24-bullseye\nCMD ["yarn", "install"]\n', path: '.codesandbox/Dockerfile', kind: 'toolchain', reason: '.codesandbox/Dockerfile' },
  { name: 'CLI tool', code: 'FROM alpine:3.20\nRUN apk add --no-cache httpie\nENTRYPOINT ["http"]\n', kind: 'tool', reason: 'ENTRYPOINT http and no port: a command-line tool image' },
  { name: 'CLI tool with --help', code: 'FROM scratch\nCOPY viewdocs /usr/bin/viewdocs\nENTRYPOINT [ "viewdocs" ]\nCMD [ "--help" ]\n', kind: 'tool', reason: 'ENTRYPOINT viewdocs' },
  { name: 'java -jar is an application, not a tool', code: 'FROM eclipse-temurin:21-jre\nENTRYPOINT ["java", "-jar", "/app.jar"]\n', kind: 'app', reason: 'ENTRYPOINT java and no port' },
  { name: 'dotnet worker', code: 'FROM mcr.microsoft.com/dotnet/runtime:8.0\nENTRYPOINT ["dotnet", "Worker.dll"]\n', kind: 'app', reason: 'an application that does not serve' },
  { name: 'a script run by python', code: 'FROM python:3.12-slim\nCMD ["python", "job.py"]\n', kind: 'app', reason: 'CMD python and no port' },
  { name: 'an integration-test fixture', code: 'FROM registry:3\nCOPY boot.sh .\nENTRYPOINT ["./boot.sh"]\n', path: 'test/integration/docker/registry/Dockerfile', kind: 'test', reason: 'under test/' },
  { name: 'vault as a CLI', code: 'FROM alpine:3.20\nCOPY vault /usr/bin/vault\nENTRYPOINT [ "vault" ]\nCMD [ "--help" ]\n', kind: 'tool', reason: 'ENTRYPOINT vault' },
  { name: 'no FROM', code: 'ARG X=1\n', kind: 'base', reason: 'no FROM' },
];

for (const c of CASES) {
  test(`image purpose: ${c.name}`, () => {
    const df = parseDockerfile(c.code, c.path ?? 'Dockerfile');
    const p = imagePurpose(df, c.uses ?? []);
    assert.equal(p.kind, c.kind, p.reason);
    assert.ok(p.reason.includes(c.reason), `reason "${p.reason}" lacks "${c.reason}"`);
  });
}

test('image purpose: the same answer for the same Dockerfile and uses (memoized)', () => {
  const df = parseDockerfile('FROM python:3.12-slim\nEXPOSE 80\n', 'Dockerfile');
  const uses: ComposeUse[] = [];
  assert.equal(imagePurpose(df, uses), imagePurpose(df, uses));
});
