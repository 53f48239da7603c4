import { composeImageTag } from '../../src/rules/compose/image-tag.js';
import { composeLiteralSecret } from '../../src/rules/compose/literal-secret.js';
import { composeProdUsesImage } from '../../src/rules/compose/prod-uses-image.js';
import { composeRestartMissing } from '../../src/rules/compose/restart-missing.js';
import { composeSourceBindMount } from '../../src/rules/compose/source-bind-mount.js';
import { composeUndefinedVariable } from '../../src/rules/compose/undefined-variable.js';
import { onDisk } from './context-fixtures.js';
import { projectRuleTester } from './project-harness.js';

const F = 'compose.yaml';
const O = 'compose.override.yaml';

projectRuleTester(composeProdUsesImage, {
  valid: [
    { name: 'image in base, build in override', files: { [F]: 'services:\n  app:\n    image: ghcr.io/o/app:${TAG:-latest}\n', [O]: 'services:\n  app:\n    build: .\n' } },
    { name: 'dev-named extra file', files: { 'docker-compose.dev.yml': 'services:\n  app:\n    build: .\n' } },
    { name: 'a test setup under test/', files: { 'test/integration/docker-compose.yml': 'services:\n  vm:\n    build: docker/vm\n    privileged: true\n' } },
    { name: 'a development target', files: { [F]: 'services:\n  web:\n    build:\n      context: .\n      target: development\n' } },
    { name: 'compose watch', files: { [F]: 'services:\n  web:\n    build: .\n    develop:\n      watch:\n        - action: sync\n          path: .\n          target: /app\n' } },
    { name: 'a development server', files: { [F]: 'services:\n  web:\n    build: .\n    command: python manage.py runserver 0.0.0.0:8000\n' } },
    { name: 'NODE_ENV=development', files: { [F]: 'services:\n  web:\n    build: .\n    environment:\n      - NODE_ENV=development\n' } },
    {
      name: 'Django development settings (wagtail bakerydemo)',
      files: { 'docker-compose.yml': "services:\n  app:\n    environment:\n      DJANGO_SECRET_KEY: changeme\n      DJANGO_SETTINGS_MODULE: bakerydemo.settings.dev\n    build:\n      context: .\n    volumes:\n      - ./bakerydemo:/code/bakerydemo\n    ports:\n      - '8000:8000'\n" },
    },
    { name: 'a published image next to build: compose pulls it first', files: { [F]: 'services:\n  cart:\n    image: ghcr.io/o/shop:${TAG}-cart\n    build:\n      context: ./\n      dockerfile: src/cart/Dockerfile\n' } },
  ],
  invalid: [
    {
      files: { [F]: 'services:\n  app:\n    build: .\n  db:\n    image: postgres:16\n' },
      errors: [{ file: F, line: 3, column: 5, message: "Service 'app' has 'build:' in the production file compose.yaml" }],
    },
    {
      name: 'a prod-named file is production too',
      files: { 'docker-compose.prod.yml': 'services:\n  app:\n    build:\n      context: .\n' },
      errors: [{ file: 'docker-compose.prod.yml', line: 3, column: 5 }],
    },
    {
      name: 'Django production settings are production',
      files: { [F]: 'services:\n  app:\n    build: .\n    environment:\n      DJANGO_SETTINGS_MODULE: config.settings.production\n' },
      errors: [{ file: F, line: 3, column: 5 }],
    },
    {
      name: 'a local image name next to build: the pull finds nothing, the server builds',
      files: { [F]: 'services:\n  etl:\n    image: etl-kafka\n    build:\n      context: etl\n    environment:\n      NODE_ENV: production\n' },
      errors: [{ file: F, line: 4, column: 5 }],
    },
  ],
});

projectRuleTester(composeSourceBindMount, {
  valid: [
    {
      name: 'data dirs, named volumes, absolute host paths; source mounts in the override',
      files: {
        [F]: 'services:\n  app:\n    image: x:1\n    volumes:\n      - ./data:/app/data\n      - pgdata:/var/lib/postgresql/data\n      - /srv/uploads:/app/uploads\n      - ./config/nginx.conf:/etc/nginx/nginx.conf:ro\n',
        [O]: 'services:\n  app:\n    volumes:\n      - .:/app\n',
      },
    },
    { name: 'a development-only compose file', files: { [F]: 'services:\n  web:\n    build: .\n    command: python /code/manage.py runserver 0.0.0.0:8000\n    volumes:\n      - .:/code\n' } },
  ],
  invalid: [
    {
      files: {
        [F]: 'services:\n  app:\n    image: x:1\n    volumes:\n      - .:/app\n      - ./src:/app/src\n      - type: bind\n        source: ./\n        target: /code\n      - ${PWD}:/w\n      - ./data:/app/data\n',
      },
      errors: [
        { file: F, line: 5, column: 9, message: "bind-mounts source code '.' into '/app'" },
        { file: F, line: 6, column: 9, message: "'./src'" },
        { file: F, line: 7, column: 9, message: "'./'" },
        { file: F, line: 10, column: 9 },
      ],
    },
  ],
});

projectRuleTester(composeUndefinedVariable, {
  valid: [
    {
      name: 'defaults, .env, .env.example, env_file, alternatives',
      files: {
        [F]: 'services:\n  app:\n    image: "x:${TAG:-latest}"\n    env_file: [config/app.env]\n    environment:\n      A: ${FROM_DOTENV}\n      B: ${FROM_EXAMPLE}\n      C: ${FROM_ENV_FILE}\n      D: ${UNSET-x}\n      E: ${UNSET:+x}\n      F: $$NOT_A_VAR\n      G: ${DOMAIN:?set DOMAIN on the server}\n      H: ${REGION?}\n    volumes:\n      - ${HOME}/.config/app:/config:ro\n      - ${PWD}/data:/data\n',
        '.env': 'FROM_DOTENV=1\n',
        '.env.example': 'FROM_EXAMPLE=\n',
        'config/app.env': 'FROM_ENV_FILE=1\n',
      },
    },
    {
      name: 'env files under other names beside the compose file: an installer\'s .env.production (coolify), a README\'s env-example-relational (nestjs-boilerplate)',
      ...onDisk({
        'docker-compose.yaml': 'services:\n  api:\n    build: .\n    ports:\n      - ${APP_PORT}:${APP_PORT}\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_DB: ${DATABASE_NAME}\n',
        'env-example-relational': 'NODE_ENV=development\nAPP_PORT=3000\nDATABASE_NAME=api\n',
        'other/nightly/docker-compose.prod.yml': 'services:\n  soketi:\n    image: x:1\n    environment:\n      SOKETI_DEFAULT_APP_SECRET: "${PUSHER_APP_SECRET}"\n',
        'other/nightly/.env.production': 'PUSHER_APP_ID=\nPUSHER_APP_SECRET=\n',
      }),
    },
  ],
  invalid: [
    {
      name: 'an env file in another folder documents nothing here',
      ...onDisk({
        'docker-compose.yaml': 'services:\n  api:\n    image: x:1\n    environment:\n      SECRET: ${PUSHER_APP_SECRET}\n',
        'other/.env.production': 'PUSHER_APP_SECRET=\n',
        'docs/env-example': 'PUSHER_APP_SECRET=\n',
      }),
      errors: [{ file: 'docker-compose.yaml', line: 5, column: 15, message: 'Variable PUSHER_APP_SECRET is not defined' }],
    },
    {
      files: { [F]: 'services:\n  app:\n    image: x:${TAG}\n    environment:\n      - KEY=$SECRET_KEY\n      - TAG_AGAIN=${TAG}\n' },
      errors: [
        { file: F, line: 3, column: 14, endColumn: 20, message: 'Variable TAG is not defined' },
        { file: F, line: 5, column: 13, message: 'Variable SECRET_KEY' },
      ],
    },
    {
      name: 'reported in the override too',
      files: { [F]: 'services:\n  app:\n    image: x:1\n', [O]: 'services:\n  app:\n    ports: ["${PORT}:80"]\n' },
      errors: [{ file: O, line: 3, column: 14 }],
    },
  ],
});

projectRuleTester(composeLiteralSecret, {
  valid: [
    {
      files: {
        [F]: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      POSTGRES_PASSWORD_FILE: /run/secrets/db\n      POSTGRES_USER: app\n      API_KEY: ""\n      JWT_TOKEN_EXPIRY: 3600\n      DATABASE_URL: postgres://app:${DB_PASSWORD}@db/app\n',
      },
    },
    {
      name: 'placeholders, an auth method, a path (field report: mealie, docker registry)',
      files: {
        [F]:
          "services:\n  app:\n    image: x:1\n    environment:\n      SMTP_PASSWORD: '****'\n      API_TOKEN: xxxxxxxx\n      SECRET_KEY: changeme\n      APP_SECRET: replace-me-with-a-random-string\n      ADMIN_PASSWORD: changethis\n      CLIENT_SECRET: <your-client-secret>\n      GITHUB_TOKEN: your-token-here\n      REGISTRY_AUTH: htpasswd\n      TLS_KEY: /run/secrets/tls.key\n      DATABASE_URL: postgres://app:changeme@db/app\n",
      },
    },
  ],
  invalid: [
    {
      files: {
        [F]: 'services:\n  app:\n    image: x:1\n    environment:\n      - API_KEY=abc123\n      - DATABASE_URL=postgres://app:s3cret@db:5432/app\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2\n',
      },
      errors: [
        { file: F, line: 5, column: 17, message: /API_KEY is written literally/ },
        { file: F, line: 6, column: 22, message: 'URL with a literal password' },
        { file: F, line: 10, column: 26, message: /^(?!.*hunter2)/ },
      ],
    },
    {
      name: 'one finding per secret, not per YAML-anchor copy',
      files: {
        [F]: 'x-env: &env\n  POSTGRES_PASSWORD: hunter2\nservices:\n  a:\n    image: x:1\n    environment:\n      <<: *env\n  b:\n    image: x:1\n    environment: *env\n  c:\n    image: x:1\n    environment:\n      <<: *env\n',
      },
      errors: [{ file: F, line: 2, column: 22, message: "Services 'a', 'b', 'c' (through a YAML anchor): POSTGRES_PASSWORD is written literally" }],
    },
  ],
});

projectRuleTester(composeRestartMissing, {
  valid: [
    {
      name: 'compose files test scripts start (jaeger: scripts/e2e/*.sh, variables in the path, the repository root as a variable)',
      ...onDisk({
        'docker-compose/cassandra/v4/docker-compose.yaml': 'services:\n  cassandra:\n    image: cassandra:4.1\n    ports: ["127.0.0.1:9042:9042"]\n',
        'docker-compose/elasticsearch/v8/docker-compose.yml': 'services:\n  elasticsearch:\n    image: elasticsearch:8.15.0\n',
        'examples/reverse-proxy/docker-compose.yml': 'services:\n  httpd:\n    image: httpd:2.4\n',
        'scripts/e2e/cassandra.sh': '#!/bin/bash\nsetup() {\n  local compose_file="docker-compose/cassandra/v$major_version/docker-compose.yaml"\n  docker compose -f "$compose_file" up -d\n}\n',
        'scripts/e2e/elasticsearch.sh': 'compose_file="docker-compose/${distro}/v${major_version}/docker-compose.yml"\n',
        'scripts/e2e/ui-reverse-proxy.sh': 'COMPOSE_FILE="${REPO_ROOT}/examples/reverse-proxy/docker-compose.yml"\ndocker compose -f "${COMPOSE_FILE}" up -d\n',
      }),
    },
    { files: { [F]: 'x-common: &c\n  restart: always\nservices:\n  a:\n    <<: *c\n    image: x:1\n  b:\n    image: x:1\n    deploy:\n      restart_policy:\n        condition: on-failure\n' } },
    { name: 'the override is not production', files: { [F]: 'services:\n  a:\n    image: x:1\n    restart: always\n', [O]: 'services:\n  dev:\n    image: x:1\n' } },
    {
      name: 'a one-shot job another service waits to complete',
      files: { [F]: 'services:\n  migrate:\n    image: x:1\n    command: ["migrate"]\n  app:\n    image: x:1\n    restart: unless-stopped\n    depends_on:\n      migrate:\n        condition: service_completed_successfully\n' },
    },
    { name: 'a tool behind a profile', files: { [F]: 'services:\n  app:\n    image: x:1\n    restart: always\n  backup:\n    image: x:1\n    profiles: [tools]\n' } },
  ],
  invalid: [
    {
      name: 'a script outside test folders (a deploy script) does not make its compose file a test setup',
      ...onDisk({
        'deploy/docker-compose.yml': 'services:\n  api:\n    image: x:1\n',
        'scripts/deploy.sh': 'docker compose -f deploy/docker-compose.yml up -d\n',
        'scripts/e2e/smoke.sh': 'docker compose -f docker-compose.test.yml up -d\n',
      }),
      errors: [{ file: 'deploy/docker-compose.yml', line: 2, column: 3 }],
    },
    { files: { [F]: 'services:\n  web:\n    image: x:1\n' }, errors: [{ file: F, line: 2, column: 3, message: "Service 'web' has no restart policy" }] },
    {
      name: 'a dependency that must only start (service_started) is a service',
      files: { [F]: 'services:\n  db:\n    image: x:1\n  app:\n    image: x:1\n    restart: always\n    depends_on:\n      db:\n        condition: service_started\n' },
      errors: [{ file: F, line: 2, column: 3, message: "Service 'db'" }],
    },
  ],
});

projectRuleTester(composeImageTag, {
  valid: [{ files: { [F]: 'services:\n  a:\n    image: ghcr.io/o/a:${TAG:-latest}\n  b:\n    image: localhost:5000/b:1.2\n  c:\n    image: redis@sha256:abc\n  d:\n    build: .\n' } }],
  invalid: [
    {
      files: { [F]: 'services:\n  a:\n    image: ghcr.io/o/a\n  b:\n    image: "localhost:5000/b:latest"\n  c:\n    image: node:lts\n' },
      errors: [
        { file: F, line: 3, column: 12, message: "with no tag: pin a version, or use 'ghcr.io/o/a:${TAG:-latest}'" },
        { file: F, line: 5, column: 12, message: "the floating tag 'latest'" },
        { file: F, line: 7, column: 12, message: "'node:${TAG:-latest}'" },
      ],
    },
  ],
});
