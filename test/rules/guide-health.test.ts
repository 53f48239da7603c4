import { healthcheckMissing } from '../../src/rules/dockerfile/guide/healthcheck-missing.js';
import { healthcheckProgramMissing } from '../../src/rules/dockerfile/guide/healthcheck-program-missing.js';
import { ruleTester } from './harness.js';

ruleTester(healthcheckMissing, {
  valid: [
    'FROM python:3.12-slim\nHEALTHCHECK CMD ["python", "-c", "print(1)"]\n',
    { name: 'HEALTHCHECK NONE is an explicit decision', code: 'FROM python:3.12-slim\nHEALTHCHECK NONE\n' },
    { name: 'inherited through FROM <stage>', code: 'FROM python:3.12-slim AS base\nHEALTHCHECK CMD ["true"]\nFROM base\n' },
    { name: 'Compose defines the healthcheck', code: 'FROM python:3.12-slim\n', project: { composeHealthcheck: true } },
    { name: 'no FROM at all', code: 'ARG X=1\n' },
    { name: "a Jupyter notebook image's HEALTHCHECK is inherited", code: 'FROM quay.io/jupyter/scipy-notebook\nRUN pip install xgboost\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nEXPOSE 8000\nCMD ["python", "app.py"]\n',
      errors: [{ line: 1, column: 1, endColumn: 22, severity: 'warning', message: 'The image has no HEALTHCHECK (EXPOSE 8000 and CMD python: a service)' }],
    },
    {
      name: 'a server program without EXPOSE is a service',
      code: 'FROM python:3.12-slim\nCMD gunicorn -b 0.0.0.0:8000 app:app\n',
      errors: [{ line: 1, column: 1, severity: 'warning', message: '(CMD gunicorn: a service)' }],
    },
    {
      name: 'a compose service that publishes a port is a service',
      code: 'FROM python:3.12-slim\nCMD ["python", "worker.py"]\n',
      project: { composeUses: [{ service: 'web', file: 'compose.yaml', ports: ['8000:8000'], deployed: false }] },
      errors: [{ line: 1, column: 1, severity: 'warning', message: "compose service 'web' (compose.yaml) publishes 8000:8000: a service" }],
    },
    {
      name: 'FROM a server image (nginx) is a service',
      code: 'FROM nginx:1.27-alpine\nCOPY site /usr/share/nginx/html\n',
      errors: [{ line: 1, column: 1, severity: 'warning', message: 'a server image' }],
    },
    {
      name: 'a base image (no CMD of its own) is a note',
      code: 'FROM debian:bookworm-slim\nRUN apt-get update\n',
      errors: [{ line: 1, column: 1, severity: 'info', message: 'no CMD or ENTRYPOINT of its own: a base image' }],
    },
    {
      name: 'a command-line tool is a note',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache httpie\nENTRYPOINT ["http"]\n',
      errors: [{ line: 1, column: 1, severity: 'info', message: 'ENTRYPOINT http and no port: a command-line tool image' }],
    },
    {
      name: 'a language image (interpreter prompt) is a note',
      code: 'FROM debian:bookworm-slim\nCMD ["python3"]\n',
      errors: [{ line: 1, column: 1, severity: 'info', message: 'an interpreter or shell prompt' }],
    },
    {
      name: 'an application that does not serve is a note',
      code: 'FROM python:3.12-slim\nCMD ["python", "job.py"]\n',
      errors: [{ line: 1, column: 1, severity: 'info', message: 'CMD python and no port: an application that does not serve' }],
    },
    {
      name: 'a queue worker is an application, not a service: a note with the reason',
      code: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCMD ["celery", "-A", "proj", "worker", "--loglevel=info"]\n',
      project: { pythonDependencies: ['celery', 'django'], pythonDependencySources: ['requirements.txt'] },
      errors: [{ line: 1, column: 1, severity: 'info', message: 'CMD celery worker: a worker (it takes jobs from a queue and listens on no port)' }],
    },
    {
      name: 'serves without EXPOSE: the README demo (python app.py, fastapi and uvicorn in requirements.txt)',
      code: 'FROM python:3.11 AS builder\nCOPY . .\nRUN pip install --user -r requirements.txt\nFROM python:3.11-alpine\nCOPY --from=builder /root/.local /root/.local\nCOPY . .\nCMD python app.py\n',
      project: { pythonDependencies: ['fastapi', 'uvicorn', 'numpy'], pythonDependencySources: ['requirements.txt'] },
      errors: [{ line: 4, column: 1, severity: 'warning', message: 'CMD python app.py and requirements.txt declares uvicorn, fastapi: a service, though it has no EXPOSE' }],
    },
    {
      name: 'a notebook or IDE server serves: full severity',
      code: 'FROM codercom/code-server:4.20.0\nRUN sudo apt-get install -y build-essential\n',
      errors: [{ line: 1, column: 1, severity: 'warning', message: 'a notebook or IDE server' }],
    },
    {
      name: "a builder stage's HEALTHCHECK does not ship",
      code: 'FROM python:3.12-slim AS b\nHEALTHCHECK CMD ["true"]\nFROM python:3.12-slim\nEXPOSE 80\n',
      errors: [{ line: 3, column: 1, severity: 'warning' }],
    },
    {
      name: 'scratch: exec form with the app binary',
      code: 'FROM golang:1.22 AS b\nFROM scratch\nCOPY --from=b /app /app\nEXPOSE 8080\nENTRYPOINT ["/app"]\n',
      errors: [{ line: 2, column: 1, severity: 'warning', message: 'HEALTHCHECK CMD ["/app", "healthcheck"]' }],
    },
  ],
});

ruleTester(healthcheckProgramMissing, {
  valid: [
    { name: 'curl installed in the stage', code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nHEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1\n' },
    { name: 'BusyBox wget on Alpine', code: 'FROM node:20-alpine\nHEALTHCHECK CMD wget -q --spider http://localhost:3000/ || exit 1\n' },
    { name: 'full image has curl', code: 'FROM python:3.12\nHEALTHCHECK CMD curl -f http://localhost/\n' },
    { name: 'installed in the stage it is built FROM', code: 'FROM debian:bookworm-slim AS base\nRUN apt-get install -y wget\nFROM base\nHEALTHCHECK CMD wget -q http://localhost/\n' },
    { name: 'the last HEALTHCHECK wins', code: 'FROM python:3.12-slim\nHEALTHCHECK CMD curl -f http://a/\nHEALTHCHECK NONE\n' },
    { name: 'unknown base image', code: 'FROM myorg/runtime:1\nHEALTHCHECK CMD curl -f http://localhost/\n' },
    { name: 'copied in from another image', code: 'FROM python:3.12-slim\nCOPY --from=curlimages/curl:8.8.0 /usr/bin/curl /usr/bin/curl\nHEALTHCHECK CMD curl -f http://localhost/\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nHEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1\n',
      errors: [{ line: 2, column: 17, endColumn: 21, message: "urllib.request.urlopen('http://localhost:8000/health')" }],
    },
    {
      name: 'exec form on node alpine: no curl, suggest fetch',
      code: 'FROM node:20-alpine\nHEALTHCHECK CMD ["curl", "-f", "http://localhost:3000/"]\n',
      errors: [{ line: 2, column: 19, endColumn: 23, message: "fetch('http://localhost:3000/')" }],
    },
    {
      name: 'distroless: no wget and no shell',
      code: 'FROM gcr.io/distroless/static\nHEALTHCHECK CMD wget -q http://localhost/\n',
      errors: [{ line: 2, column: 17, message: 'needs /bin/sh' }],
    },
    {
      name: 'through sh -c in exec form, alpine: suggest BusyBox wget',
      code: 'FROM alpine:3.20\nHEALTHCHECK CMD ["sh", "-c", "curl -f http://localhost/ || exit 1"]\n',
      errors: [{ line: 2, column: 31, endColumn: 35, message: 'BusyBox wget' }],
    },
    {
      name: 'shell-form sh -c',
      code: "FROM python:3.12-slim\nHEALTHCHECK CMD sh -c 'curl -f http://localhost/'\n",
      errors: [{ line: 2, column: 24, endColumn: 28 }],
    },
    {
      name: 'removed again in the same RUN',
      code: 'FROM debian:bookworm-slim\nRUN apt-get install -y curl && apt-get purge -y curl\nHEALTHCHECK CMD curl -f http://localhost/\n',
      errors: [{ line: 3, column: 17 }],
    },
  ],
});
