import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { GENERATED_PATH, generateValidator } from '../../src/parse/compose/schema-codegen.js';
import { composeBuildTargetMissing } from '../../src/rules/compose/build-target-missing.js';
import { composeDockerfileMissing } from '../../src/rules/compose/dockerfile-missing.js';
import { composePortNotExposed } from '../../src/rules/compose/port-not-exposed.js';
import { composePrivileged } from '../../src/rules/compose/privileged.js';
import { composeSchema } from '../../src/rules/compose/schema.js';
import { projectRuleTester, runProjectRule } from './project-harness.js';

const F = 'compose.yaml';
const O = 'compose.override.yaml';

projectRuleTester(composeSchema, {
  valid: [
    { files: { [F]: 'x-any: {whatever: 1}\nname: app\nservices:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n    healthcheck:\n      test: ["CMD", "true"]\n      interval: 30s\n    develop:\n      watch:\n        - path: ./src\n          action: sync\n          target: /app/src\n    networks:\n      front:\n        gw_priority: 1\nnetworks:\n  front: {}\n' } },
    {
      name: 'a comment-only layer loaded with -f (opentelemetry-demo compose.extras.yaml): compose-go skips it',
      files: { [F]: 'services:\n  web:\n    image: nginx:1.27\n', 'compose.extras.yaml': '# Extras layer: override this file in your fork.\n#\n# services:\n#   my-backend:\n#     image: myvendor/backend:1\n' },
    },
    { name: 'interpolated values validate after substitution', files: { [F]: 'services:\n  web:\n    image: nginx:${TAG:-1}\n    cpus: ${CPUS:-0.5}\n', [O]: 'services:\n  web:\n    build: .\n' } },
  ],
  invalid: [
    {
      name: 'the folder\'s compose file with nothing but comments: compose refuses an empty project',
      files: { [F]: '# nothing yet\n' },
      errors: [{ file: F, line: 1, column: 1, message: 'the compose file is empty' }],
    },
    {
      name: 'a Compose file format v1 file: one message, not one per service',
      files: { [F]: 'web:\n  build: .\n  ports:\n    - "80:80"\ndb:\n  image: postgres:16\n  restart: always\n' },
      errors: [{ file: F, line: 1, column: 1, message: "this is a Compose file format v1 file (services 'web', 'db' at the top level), which Docker Compose v2 does not read: put the services under a top-level `services:` key" }],
    },
    {
      files: {
        [F]: 'services:\n  web:\n    image: nginx:1.27\n    enviroment:\n      TZ: UTC\n    ports: 80\n    build:\n      context: .\n      foo: 1\n    depends_on:\n      db:\n        condition: sometimes\nservics: {}\n',
      },
      errors: [
        { file: F, line: 4, column: 5, message: "'services.web' has an unknown key 'enviroment'" },
        { file: F, line: 6, column: 12, message: "'services.web.ports' must be a list" },
        { file: F, line: 9, column: 7, message: "'services.web.build' has an unknown key 'foo'" },
        { file: F, line: 12, column: 20, message: "'services.web.depends_on.db.condition' must be one of 'service_started'" },
        { file: F, line: 13, column: 1, message: "unknown top-level key 'servics'" },
      ],
    },
    {
      name: 'through an alias and a merge key, at the anchored value',
      files: { [F]: 'x-h: &h\n  interval: 5\nservices:\n  web:\n    image: x:1\n    healthcheck: *h\n' },
      errors: [{ file: F, line: 2, column: 13, message: "'services.web.healthcheck.interval' must be a string" }],
    },
    {
      name: 'malformed interpolation',
      files: { [F]: 'services:\n  web:\n    image: "x:${TAG"\n' },
      errors: [{ file: F, line: 3, column: 12, message: 'invalid interpolation: unterminated' }],
    },
    {
      name: 'only the valid file of two is silent; invalid YAML is an error entry, not a finding',
      files: { [F]: 'services: [\n', 'sub/compose.yaml': 'services:\n  a:\n    imag: x\n' },
      errors: [{ file: 'sub/compose.yaml', line: 3, column: 5 }],
    },
  ],
});

test('invalid YAML: an errors entry with its position, the rest still checked', () => {
  const { result } = runProjectRule(composePrivileged, {
    files: { [F]: 'services:\n  web:\n    image: "unclosed\n', 'b/compose.yaml': 'services:\n  a:\n    image: x:1\n    privileged: true\n' },
  });
  assert.deepEqual(result.errors.map((e) => e.file), [F]);
  assert.match(result.errors[0]!.message, /^invalid YAML/);
  assert.ok(result.errors[0]!.line >= 3);
  assert.deepEqual(result.findings.map((f) => `${f.file}:${f.line}`), ['b/compose.yaml:4']);
});

test('dclint and slipway suppression comments apply to compose findings', () => {
  const { result } = runProjectRule(composePrivileged, {
    files: { [F]: 'services:\n  a:\n    image: x:1\n    privileged: true # dclint disable-line\n  b:\n    image: x:1\n    # slipway ignore=compose-privileged -- needs /dev\n    privileged: true\n' },
  });
  assert.deepEqual(result.findings, []);
});

test('the generated schema validator is up to date', () => {
  assert.equal(readFileSync(GENERATED_PATH, 'utf8'), generateValidator(), 'run: npx tsx src/parse/compose/schema-codegen.ts');
});

const DF = 'FROM node:22 AS build\nRUN npm ci\nFROM node:22-slim AS runtime\nEXPOSE 3000\nCMD ["node", "server.js"]\n';

projectRuleTester(composeBuildTargetMissing, {
  valid: [
    { files: { [F]: 'services:\n  a:\n    build:\n      context: .\n      target: runtime\n', Dockerfile: DF } },
    { name: 'no Dockerfile to check', files: { [F]: 'services:\n  a:\n    build:\n      context: ./x\n      target: nope\n' } },
  ],
  invalid: [
    {
      files: { [F]: 'services:\n  a:\n    image: x:1\n', [O]: 'services:\n  a:\n    build:\n      context: ./app\n      dockerfile: Dockerfile.prod\n      target: prod\n', 'app/Dockerfile.prod': DF },
      errors: [{ file: O, line: 6, column: 15, message: "builds target 'prod', but app/Dockerfile.prod has only the stages 'build', 'runtime'" }],
    },
  ],
});

projectRuleTester(composeDockerfileMissing, {
  valid: [
    { files: { [F]: 'services:\n  a:\n    build: .\n', Dockerfile: DF } },
    { files: { [F]: 'services:\n  a:\n    build:\n      context: https://github.com/o/r.git\n  b:\n    build:\n      dockerfile_inline: "FROM x"\n' } },
  ],
  invalid: [
    {
      files: { [F]: 'services:\n  a:\n    build:\n      context: .\n      dockerfile: docker/prod.Dockerfile\n  b:\n    build: ./missing\n', Dockerfile: DF },
      errors: [
        { file: F, line: 5, column: 19, message: "builds with 'docker/prod.Dockerfile', which does not exist" },
        { file: F, line: 7, column: 12, message: "builds from 'missing', which does not exist" },
      ],
    },
  ],
});

projectRuleTester(composePortNotExposed, {
  valid: [
    { files: { [F]: 'services:\n  a:\n    build: .\n    ports: ["8080:3000", "127.0.0.1:9229:9229"]\n', Dockerfile: DF.replace('EXPOSE 3000', 'EXPOSE 3000 9229') } },
    { name: 'no EXPOSE at all says nothing', files: { [F]: 'services:\n  a:\n    build: .\n    ports: ["80:80"]\n', Dockerfile: 'FROM nginx\n' } },
  ],
  invalid: [
    {
      files: { [F]: 'services:\n  a:\n    image: x:1\n    ports:\n      - "80:8000"\n', [O]: 'services:\n  a:\n    build: .\n', Dockerfile: DF },
      errors: [{ file: F, line: 5, column: 9, message: 'publishes container port 8000, which Dockerfile does not EXPOSE (it exposes 3000/tcp)' }],
    },
  ],
});
