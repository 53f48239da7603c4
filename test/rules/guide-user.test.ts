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
    { name: 'grafana/grafana ends with USER grafana (temporal deployment/grafana)', code: 'FROM grafana/grafana:7.5.16\nCOPY ./provisioning /etc/grafana/provisioning\n' },
    { name: 'prom/prometheus ends with USER nobody (spring-petclinic-microservices docker/prometheus)', code: 'FROM prom/prometheus:v2.4.2\nADD prometheus.yml /etc/prometheus/\n' },
    { name: 'selenium images run as seluser', code: 'FROM selenium/standalone-chrome:4.21\nEXPOSE 4444\n' },
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
      name: 'an app FROM nginx (awesome-compose react-nginx): the master is root, the workers are nginx — info, naming the unprivileged image',
      code: 'FROM node:20 AS build\nRUN npm run build\nFROM nginx:1.25-alpine\nCOPY --from=build /app/build /usr/share/nginx/html\nCOPY nginx.conf /etc/nginx/conf.d/default.conf\n',
      errors: [{ line: 3, column: 1, severity: 'info', message: "nginx's master process runs as root and its workers, which handle the requests, as an unprivileged user (`user nginx;` in the official image's nginx.conf" }],
    },
    {
      name: 'the official nginx image itself (docker-nginx stable/debian: ENTRYPOINT script, CMD nginx): info',
      code: 'FROM debian:bookworm-slim\nRUN apt-get install -y nginx\nCOPY docker-entrypoint.sh /\nENTRYPOINT ["/docker-entrypoint.sh"]\nEXPOSE 80\nSTOPSIGNAL SIGQUIT\nCMD ["nginx", "-g", "daemon off;"]\n',
      errors: [{ line: 1, column: 1, severity: 'info', message: 'Base on nginxinc/nginx-unprivileged (it listens on 8080)' }],
    },
    {
      name: 'php:apache (awesome-compose apache-php): apache2 workers run as www-data — info',
      code: 'FROM php:8.3-apache\nCOPY index.php /var/www/html/\n',
      errors: [{ line: 1, column: 1, severity: 'info', message: "apache2's master process runs as root" }],
    },
    {
      name: 'php-fpm: info, advising USER www-data',
      code: 'FROM php:8.3-fpm-alpine\nRUN docker-php-ext-install pdo_mysql\nCOPY . /var/www/html\n',
      errors: [{ line: 1, column: 1, severity: 'info', message: 'add USER www-data' }],
    },
    {
      name: 'FROM nginx but the command is a node server: not the class, full severity',
      code: 'FROM nginx:alpine\nRUN apk add nodejs\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
      errors: [{ line: 1, column: 1, severity: 'warning', message: 'never sets USER, so the container runs as root' }],
    },
    {
      name: 'caddy does not drop privileges: full severity',
      code: 'FROM alpine:3.20\nRUN apk add caddy\nEXPOSE 80 443\nCMD ["caddy", "run"]\n',
      errors: [{ line: 1, column: 1, severity: 'warning' }],
    },
    {
      name: 'htop run with --pid host (jessfraz htop): info, with the usage line',
      code: '# htop in a container\n#\n# docker run --rm -it \\\n# \t--pid host \\\n# \tjess/htop\n#\nFROM alpine:latest\nRUN apk --no-cache add htop\nCMD [ "htop" ]\n',
      errors: [{ line: 7, column: 1, severity: 'info', message: "with --pid host (line 4), to inspect the host's processes" }],
    },
    {
      name: 'USB devices passed in (jessfraz ykpersonalize --device /dev/bus/usb): info',
      code: '# docker run --rm -it \\\n# \t--device /dev/bus/usb \\\n# \t--device /dev/usb\n#\tjess/ykpersonalize\nFROM ubuntu:16.04\nRUN apt-get install -y yubikey-personalization\nCOPY entrypoint.sh /usr/local/bin/entrypoint.sh\nENTRYPOINT [ "entrypoint.sh" ]\nCMD [ "ykpersonalize" ]\n',
      errors: [{ line: 5, column: 1, severity: 'info', message: 'with --device /dev/bus/usb (line 2), which needs root' }],
    },
    {
      name: 'the Docker socket in the usage comment: info',
      code: '# docker run -v /var/run/docker.sock:/var/run/docker.sock me/ctop\nFROM alpine:3.20\nRUN apk add ctop\nCMD ["ctop"]\n',
      errors: [{ line: 2, column: 1, severity: 'info', message: 'the Docker socket is root on the host' }],
    },
    {
      name: '--net host alone stays full severity (a browser with host networking still renders untrusted pages)',
      code: '# docker run --net host -v /tmp/.X11-unix:/tmp/.X11-unix -e DISPLAY me/surf\nFROM debian:bookworm-slim\nRUN apt-get install -y surf\nENTRYPOINT ["surf"]\n',
      errors: [{ line: 2, column: 1, severity: 'warning' }],
    },
    {
      name: 'a WebAssembly module (awesome-compose wasmedge-kafka-mysql etl): no Unix users in WASI — info',
      code: 'FROM rust:1.70 AS build\nRUN cargo build --target wasm32-wasi --release\nFROM scratch\nENTRYPOINT [ "kafka.wasm" ]\nCOPY --link --from=build /kafka.wasm /kafka.wasm\n',
      errors: [{ line: 3, column: 1, severity: 'info', message: 'kafka.wasm is a WebAssembly module' }],
    },
    {
      name: 'a Playwright test image whose compose override publishes the report port (fastapi template): a test image, info',
      code: 'FROM mcr.microsoft.com/playwright:v1.62.1-noble\nWORKDIR /app\nCOPY package.json bun.lock /app/\nRUN bun install\nCOPY ./frontend /app/frontend\n',
      errors: [{ line: 1, column: 1, severity: 'info', message: 'FROM mcr.microsoft.com/playwright:v1.62.1-noble, a browser-test image: an image for tests' }],
    },
    {
      name: 'an .apk carried in a scratch image (opentelemetry-demo react-native android): build output, info',
      code: 'FROM node:22 AS builder\nRUN ./gradlew assembleRelease\nFROM scratch\nCOPY --from=builder /src/app-release.apk /reactnativeapp.apk\nENTRYPOINT ["/reactnativeapp.apk"]\n',
      errors: [{ line: 3, column: 1, severity: 'info', message: 'ENTRYPOINT reactnativeapp.apk is a package file, not a program' }],
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
