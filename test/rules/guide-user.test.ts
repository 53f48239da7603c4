import { filesUnderRootHome } from '../../src/rules/dockerfile/guide/files-under-root-home.js';
import { nonRootUser } from '../../src/rules/dockerfile/guide/non-root-user.js';
import { userFixedUid } from '../../src/rules/dockerfile/guide/user-fixed-uid.js';
import { ruleTester } from './harness.js';

ruleTester(nonRootUser, {
  valid: [
    'FROM python:3.12-slim\nRUN useradd --uid 1001 app\nUSER app\n',
    { name: 'USER root for installs, then back', code: 'FROM python:3.12-slim\nUSER root\nRUN apt-get update\nUSER 1001\n' },
    { name: 'builder stage runs as root, shipped stage does not', code: 'FROM node:20 AS build\nRUN npm ci\nFROM node:20-slim\nUSER node\n' },
    { name: 'USER inherited through FROM <stage>', code: 'FROM python:3.12-slim AS base\nUSER app\nFROM base\nCMD ["python"]\n' },
    { name: 'base image already non-root', code: 'FROM gcr.io/distroless/python3-debian12:nonroot\n' },
    { name: 'entrypoint drops privileges with gosu', code: 'FROM debian:bookworm-slim\nRUN apt-get install -y gosu\nENTRYPOINT ["docker-entrypoint.sh"]\n' },
    { name: 'unknown USER value', code: 'FROM python:3.12-slim\nUSER $APP_USER\n' },
    { name: 'Jupyter notebook images run as NB_USER', code: 'FROM quay.io/jupyter/base-notebook\nRUN pip install x\n' },
  ],
  invalid: [
    {
      name: 'a desktop app (jessfraz gimp: X11 socket in the usage comment, ENTRYPOINT gimp) runs as root: an application, full severity',
      code: '# docker run -d \\\n#\t-v /tmp/.X11-unix:/tmp/.X11-unix \\\n#\t-e DISPLAY=unix$DISPLAY \\\n#\t-v $HOME/Pictures:/root/Pictures \\\n#\tjess/gimp\nFROM debian:bullseye-slim\nRUN apt-get install -y gimp\nENTRYPOINT [ "gimp" ]\n',
      errors: [{ line: 6, column: 1, severity: 'warning', message: 'its usage comment mounts the X11 socket or passes DISPLAY (line 2): a desktop application' }],
    },
    {
      name: 'run with --privileged by design (jessfraz virtualbox): info, with the usage line',
      code: '# docker run -d \\\n# \t-v /tmp/.X11-unix:/tmp/.X11-unix \\\n#\t-e DISPLAY=unix$DISPLAY \\\n#\t--privileged \\\n#\tjess/virtualbox\nFROM debian:bullseye\nRUN apt-get install -y virtualbox-6.1\nENTRYPOINT [ "virtualbox" ]\n',
      errors: [{ line: 6, column: 1, severity: 'info', message: 'its usage comment runs it with --privileged (line 4), which needs root; info' }],
    },
    {
      name: 'a device that needs root (gparted --device=/dev/sda): info',
      code: '#\tdocker run -v /tmp/.X11-unix:/tmp/.X11-unix \\\n#\t\t--device=/dev/sda:/dev/sda \\\n#\t\t-e DISPLAY=unix$DISPLAY gparted\nFROM debian:bookworm\nRUN apt-get install -y gparted\nCMD ["/usr/sbin/gparted"]\n',
      errors: [{ line: 4, column: 1, severity: 'info', message: 'with --device=/dev/sda (line 2), which needs root; info' }],
    },
    {
      code: 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n',
      errors: [{ line: 1, column: 1, endColumn: 22, severity: 'warning', message: "never sets USER, so the container runs as root ('python:3.12-slim' does not set one)" }],
    },
    {
      name: 'Windows images: USER ContainerUser, not useradd',
      code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nEXPOSE 80\nCMD ["caddy.exe", "run"]\n',
      errors: [{ line: 1, column: 1, message: 'add USER ContainerUser' }],
    },
    {
      name: 'a service: full severity, with the reason',
      code: 'FROM node:20-slim\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
      errors: [{ line: 1, column: 1, severity: 'warning', message: '(EXPOSE 3000 and CMD node server.js: a service)' }],
    },
    {
      name: 'a command-line tool image: info, with the reason',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache jq\nENTRYPOINT ["jq"]\n',
      errors: [{ line: 1, column: 1, severity: 'info', message: '(ENTRYPOINT jq and no port: a command-line tool image; info)' }],
    },
    {
      name: 'a base image: info',
      code: 'FROM debian:bookworm-slim\nRUN apt-get update\n',
      errors: [{ line: 1, column: 1, severity: 'info', message: 'a base image; info' }],
    },
    {
      name: 'last USER is root',
      code: 'FROM python:3.12-slim\nUSER app\nUSER root\n',
      errors: [{ line: 3, column: 1, endColumn: 10, message: "last USER of the shipped stage is 'root' (line 3)" }],
    },
    {
      name: 'root through an ARG, uid:gid form',
      code: 'FROM python:3.12-slim\nARG U=0\nUSER ${U}:0\n',
      errors: [{ line: 3, column: 1, message: "'0:0'" }],
    },
    {
      name: 'scratch: a numeric USER',
      code: 'FROM golang:1.22 AS b\nRUN go build -o /app\nFROM scratch\nCOPY --from=b /app /app\n',
      errors: [{ line: 3, column: 1, message: 'USER 65532:65532' }],
    },
    {
      name: 'unknown base image: worded as a possibility',
      code: 'FROM myorg/base:1\n',
      errors: [{ line: 1, column: 1, message: "unless 'myorg/base:1' sets one" }],
    },
  ],
});

ruleTester(userFixedUid, {
  valid: [
    'FROM python:3.12-slim\nRUN groupadd --gid 1001 app && useradd --uid 1001 --gid app app\n',
    {
      name: "the guide's own adduser/addgroup",
      code: 'FROM python:3.12-slim\nRUN addgroup --gid 1001 --system app && \\\n    adduser --no-create-home --shell /bin/false \\\n    --disabled-password --uid 1001 --system --group app\n',
    },
    { name: 'BusyBox -g / -u, and adding a user to a group', code: 'FROM alpine:3.20\nRUN addgroup -g 1000 -S app && adduser -S -u 1000 -G app app && adduser app wheel\n' },
    { name: 'builder stage', code: 'FROM alpine:3.20 AS b\nRUN adduser -D app\nFROM alpine:3.20\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nRUN useradd -m app && groupadd grp\n',
      errors: [
        { line: 2, column: 5, endColumn: 12, message: "useradd creates the user 'app' without a fixed UID: add --uid 1001" },
        { line: 2, column: 23, endColumn: 31, message: "groupadd creates the group 'grp' without a fixed GID: add --gid 1001" },
      ],
    },
    {
      name: 'a name from a variable is shown without its quotes',
      code: 'FROM python:3.12-slim\nARG NB_USER=jovyan\nRUN useradd --create-home "${NB_USER}"\n',
      errors: [{ line: 3, column: 5, message: "useradd creates the user '${NB_USER}' without a fixed UID" }],
    },
    {
      name: 'BusyBox advice on Alpine',
      code: 'FROM alpine:3.20\nRUN addgroup -S app && adduser -S -G app app\n',
      errors: [
        { line: 2, column: 5, message: 'add -g 1001' },
        { line: 2, column: 24, message: 'add -u 1001' },
      ],
    },
  ],
});

const GUIDE_BUILDER = 'FROM python:3.12-slim AS builder\nCOPY requirements.txt .\nRUN pip install --no-cache-dir --user -r requirements.txt\n\n';

ruleTester(filesUnderRootHome, {
  valid: [
    {
      name: "the guide's example without USER: root can read /root (non-root-user reports it)",
      code: `${GUIDE_BUILDER}FROM python:3.12-slim\nCOPY --from=builder /root/.local /root/.local\nENV PATH=/root/.local/bin:$PATH\n`,
    },
    {
      name: 'virtualenv in /opt/venv',
      code: 'FROM python:3.12-slim AS b\nRUN python -m venv /opt/venv\nFROM python:3.12-slim\nCOPY --from=b /opt/venv /opt/venv\nUSER 1001\n',
    },
    { name: 'pip --user run as the user itself', code: 'FROM python:3.12-slim\nUSER 1001\nRUN pip install --user flask\n' },
    { name: '/root opened with chmod', code: 'FROM python:3.12-slim\nCOPY x /root/x\nRUN chmod 755 /root\nUSER app\n' },
  ],
  invalid: [
    {
      name: "the guide's multi-stage example with a USER added",
      code: `${GUIDE_BUILDER}FROM python:3.12-slim\nWORKDIR /app\nCOPY --from=builder /root/.local /root/.local\nCOPY . .\nENV PATH=/root/.local/bin:$PATH\nRUN useradd -u 1001 app\nUSER app\nCMD ["python", "app.py"]\n`,
      errors: [{ line: 7, column: 1, endColumn: 46, message: "COPY puts files in /root/.local, but the image runs as 'app' (line 11), who cannot enter /root (and PATH on line 9 points into /root)" }],
    },
    {
      name: 'pip install --user as root, then USER',
      code: 'FROM python:3.12-slim\nRUN pip install --user flask\nUSER 1001\n',
      errors: [{ line: 2, column: 17, endColumn: 23, message: 'installs into /root/.local' }],
    },
    {
      name: 'relative destination under WORKDIR /root',
      code: 'FROM python:3.12-slim\nWORKDIR /root\nCOPY app.py .\nUSER app\n',
      errors: [{ line: 3, column: 1, message: 'files in /root,' }],
    },
  ],
});
