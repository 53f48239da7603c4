import { composeBuildAndImage } from '../../src/rules/compose/build-and-image.js';
import { composeCapAddAll } from '../../src/rules/compose/cap-add-all.js';
import { composeContainerNameRegex } from '../../src/rules/compose/container-name-regex.js';
import { composeDbPortPublic } from '../../src/rules/compose/db-port-public.js';
import { composeDockerSocket } from '../../src/rules/compose/docker-socket.js';
import { composeDuplicateContainerName } from '../../src/rules/compose/duplicate-container-name.js';
import { composeDuplicatePublishedPort } from '../../src/rules/compose/duplicate-published-port.js';
import { composeHostNetwork } from '../../src/rules/compose/host-network.js';
import { composePrivileged } from '../../src/rules/compose/privileged.js';
import { composeProjectName } from '../../src/rules/compose/project-name.js';
import { composeUnboundPort } from '../../src/rules/compose/unbound-port.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { projectRuleTester, runProjectRule } from './project-harness.js';

const F = 'compose.yaml';
const O = 'compose.override.yaml';

projectRuleTester(composePrivileged, {
  valid: [{ files: { [F]: 'services:\n  a:\n    image: x:1\n    privileged: false\n' } }],
  invalid: [
    {
      files: { [F]: 'x-p: &p\n  privileged: true\nservices:\n  a:\n    image: x:1\n    privileged: "true"\n  b:\n    <<: *p\n    image: x:1\n' },
      errors: [
        { file: F, line: 2, column: 3, message: "Service 'b' runs privileged" },
        { file: F, line: 6, column: 5, message: "Service 'a'" },
      ],
    },
  ],
});

projectRuleTester(composeDockerSocket, {
  valid: [{ files: { [F]: 'services:\n  a:\n    image: x:1\n    volumes:\n      - ./docker.sock:/x\n' } }],
  invalid: [
    {
      files: { [F]: 'services:\n  a:\n    image: x:1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n      - type: bind\n        source: /run/docker.sock\n        target: /s\n' },
      errors: [
        { file: F, line: 5, column: 9, message: 'mounts the Docker socket (/var/run/docker.sock)' },
        { file: F, line: 6, column: 9 },
      ],
    },
  ],
});

projectRuleTester(composeCapAddAll, {
  valid: [{ files: { [F]: 'services:\n  a:\n    image: x:1\n    cap_add: [NET_ADMIN]\n    cap_drop: [ALL]\n' } }],
  invalid: [{ files: { [F]: 'services:\n  a:\n    image: x:1\n    cap_add: [NET_ADMIN, ALL]\n' }, errors: [{ file: F, line: 4, column: 26, message: 'adds ALL capabilities' }] }],
});

projectRuleTester(composeHostNetwork, {
  valid: [{ files: { [F]: 'services:\n  a:\n    image: x:1\n    network_mode: bridge\n    pid: "service:b"\n' } }],
  invalid: [
    {
      files: { [F]: 'services:\n  a:\n    image: x:1\n    network_mode: host\n    pid: host\n    ipc: host\n' },
      errors: [
        { file: F, line: 4, column: 19, message: 'network_mode: host' },
        { file: F, line: 5, column: 10, message: 'pid: host' },
        { file: F, line: 6, column: 10, message: 'ipc: host' },
      ],
    },
  ],
});

projectRuleTester(composeDbPortPublic, {
  valid: [
    { files: { [F]: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n      - "[::1]:6379:6379"\n      - target: 3306\n        host_ip: 127.0.0.1\n        published: "3306"\n  web:\n    image: nginx:1\n    ports: ["80:80"]\n' } },
  ],
  invalid: [
    {
      files: { [F]: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n      - 0.0.0.0:6379:6379\n      - "27017"\n      - target: 9200\n        published: 9200\n' },
      errors: [
        { file: F, line: 5, column: 9, message: 'publishes PostgreSQL port 5432 on all interfaces' },
        { file: F, line: 6, column: 9, message: 'Redis' },
        { file: F, line: 7, column: 9, message: 'MongoDB' },
        { file: F, line: 8, column: 9, message: 'Elasticsearch' },
      ],
    },
  ],
});

// Deployment scenarios as profiles (hoppscotch's shape): an all-in-one service and its no-database variant
// share the container name and ports; separate services publish the same ports under other profiles.
const SCENARIOS =
  'services:\n' +
  '  backend:\n    profiles: ["backend", "app"]\n    image: x:1\n    container_name: hopp-backend\n    ports: ["3170:3170"]\n' +
  '  app:\n    profiles: ["app"]\n    image: x:1\n    ports: ["3000:3000", "3080:80"]\n' +
  '  aio:\n    profiles: ["default"]\n    image: x:1\n    container_name: hopp-aio\n    ports: ["3000:3000", "3170:3170", "3080:80"]\n' +
  '  aio-no-db:\n    profiles: ["default-no-db"]\n    image: x:1\n    container_name: hopp-aio\n    ports: ["3000:3000", "3170:3170", "3080:80"]\n' +
  '  migrate:\n    profiles: ["default", "backend"]\n    image: x:1\n';

projectRuleTester(composeDuplicateContainerName, {
  valid: [
    { files: { [F]: 'services:\n  a:\n    image: x:1\n    container_name: a\n  b:\n    image: x:1\n    container_name: b\n' } },
    { name: 'alternatives in profiles that share none', files: { [F]: SCENARIOS } },
  ],
  invalid: [
    {
      name: 'two profiled services that one profile starts together',
      files: { [F]: 'services:\n  a:\n    profiles: [web, all]\n    image: x:1\n    container_name: app\n  b:\n    profiles: [all]\n    image: x:1\n    container_name: app\n' },
      errors: [{ file: F, line: 9, column: 21, message: "already used by service 'a'" }],
    },
    {
      name: 'a service without profiles meets every profiled one',
      files: { [F]: 'services:\n  a:\n    image: x:1\n    container_name: app\n  b:\n    profiles: [debug]\n    image: x:1\n    container_name: app\n' },
      errors: [{ file: F, line: 8, column: 21, message: "already used by service 'a'" }],
    },
    {
      name: 'across base and override',
      files: { [F]: 'services:\n  a:\n    image: x:1\n    container_name: app\n', [O]: 'services:\n  b:\n    image: x:1\n    container_name: app\n' },
      errors: [{ file: O, line: 4, column: 21, message: "container_name 'app', already used by service 'a'" }],
    },
  ],
});

projectRuleTester(composeDuplicatePublishedPort, {
  valid: [
    { files: { [F]: 'services:\n  a:\n    image: x:1\n    ports: ["127.0.0.1:80:80", "8080:80/udp"]\n  b:\n    image: x:1\n    ports: ["127.0.0.2:80:80", "8080:80"]\n' } },
    { name: 'the override repeats the same mapping of the same service', files: { [F]: 'services:\n  a:\n    image: x:1\n    ports: ["80:80"]\n', [O]: 'services:\n  a:\n    ports: ["80:80"]\n' } },
    { name: 'alternatives in profiles that share none', files: { [F]: SCENARIOS } },
  ],
  invalid: [
    {
      name: 'a later profiled service clashes with the one of its profiles that publishes the port, not with the alternative',
      files: { [F]: SCENARIOS + '  admin:\n    profiles: ["app"]\n    image: x:1\n    ports: ["3080:8080"]\n' },
      errors: [{ file: F, line: 27, column: 13, message: "host port 3080/tcp, already published by service 'app'" }],
    },
    {
      name: 'a service without profiles meets every profiled one',
      files: { [F]: 'services:\n  a:\n    profiles: [tools]\n    image: x:1\n    ports: ["127.0.0.1:9000:9000"]\n  b:\n    image: x:1\n    ports: ["9000:9000"]\n' },
      errors: [{ file: F, line: 8, column: 13, message: "host port 9000/tcp, already published by service 'a'" }],
    },
    {
      files: { [F]: 'services:\n  a:\n    image: x:1\n    ports: ["8000-8002:8000-8002"]\n', [O]: 'services:\n  b:\n    image: x:1\n    ports:\n      - "${B_PORT:-8001}:80"\n' },
      errors: [{ file: O, line: 5, column: 9, message: "host port 8001/tcp, already published by service 'a'" }],
    },
  ],
});

projectRuleTester(composeUnboundPort, {
  valid: [{ files: { [F]: 'services:\n  a:\n    image: x:1\n    ports: ["127.0.0.1:80:80", "${PORT}:80", "0.0.0.0:443:443"]\n' } }],
  invalid: [{ files: { [F]: 'services:\n  a:\n    image: x:1\n    ports:\n      - "80:80"\n' }, errors: [{ file: F, line: 5, column: 9, message: '"127.0.0.1:80:80"' }] }],
});

projectRuleTester(composeBuildAndImage, {
  valid: [
    { files: { [F]: 'services:\n  a:\n    image: x:1\n', [O]: 'services:\n  a:\n    build: .\n' } },
    { files: { [F]: 'services:\n  a:\n    image: x:1\n    build: .\n    pull_policy: build\n' } },
  ],
  invalid: [{ files: { [F]: 'services:\n  a:\n    image: x:1\n    build: .\n' }, errors: [{ file: F, line: 4, column: 5 }] }],
});

projectRuleTester(composeContainerNameRegex, {
  valid: [{ files: { [F]: 'services:\n  a:\n    image: x:1\n    container_name: my_app.1-x\n  b:\n    image: x:1\n    container_name: ${NAME}\n' } }],
  invalid: [{ files: { [F]: 'services:\n  a:\n    image: x:1\n    container_name: -bad\n' }, errors: [{ file: F, line: 4, column: 21 }] }],
});

projectRuleTester(composeProjectName, {
  valid: [{ files: { [F]: 'name: app\nservices: {}\n', [O]: 'services: {}\n' } }],
  invalid: [{ files: { [F]: '# top\nservices: {}\n' }, errors: [{ file: F, line: 2, column: 1 }] }],
});

test('duplicate-published-port: wide port ranges on all interfaces are checked in linear time', () => {
  // Alternatives by profile (no clash): each of b's ports is looked up among its own port's bindings only.
  const files = { 'compose.yaml': 'services:\n  a:\n    image: x:1\n    profiles: [one]\n    ports: ["1-65535:1-65535"]\n  b:\n    image: x:1\n    profiles: [two]\n    ports: ["1-65535:1-65535"]\n' };
  const started = performance.now();
  const { result } = runProjectRule(composeDuplicatePublishedPort, { files });
  assert.deepEqual(result.findings, []);
  // A timeout, not a speed figure: scanning every earlier binding per port took ~3 s for 1-15000, so about a
  // minute for the whole range on a quiet machine; the linear scan takes well under a second there, and under
  // 30 s even on a machine loaded forty times over.
  assert.ok(performance.now() - started < 30_000, `took ${(performance.now() - started).toFixed(0)} ms`);
});
