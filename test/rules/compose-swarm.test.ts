// Rules judged by the engine .slipway.yaml names: with deploy.engine: swarm, docker stack deploy
// ignores some keys and a port's host address, and Swarm restarts tasks by itself.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config/load.js';
import { composeRestartMissing } from '../../src/rules/compose/restart-missing.js';
import { composeSwarmHostIp } from '../../src/rules/compose/swarm-host-ip.js';
import { composeSwarmIgnored } from '../../src/rules/compose/swarm-ignored.js';
import { projectRuleTester, runProjectRule } from './project-harness.js';

const F = 'compose.yaml';
const SWARM = { deployEngine: 'swarm' as const };

projectRuleTester(composeSwarmIgnored, {
  valid: [
    { name: 'compose engine: restart and container_name are compose keys', files: { [F]: 'services:\n  a:\n    image: x:1\n    restart: always\n    container_name: a\n' } },
    { name: 'swarm: deploy.restart_policy', files: { [F]: 'services:\n  a:\n    image: x:1\n    deploy:\n      restart_policy:\n        condition: any\n' }, settings: SWARM },
    { name: 'swarm: the override is not deployed', files: { [F]: 'services:\n  a:\n    image: x:1\n', 'compose.override.yaml': 'services:\n  a:\n    build: .\n' }, settings: SWARM },
  ],
  invalid: [
    {
      files: { [F]: 'services:\n  a:\n    image: x:1\n    restart: always\n    container_name: a\n    depends_on: [b]\n  b:\n    image: y:1\n    network_mode: host\n' },
      settings: SWARM,
      errors: [
        { file: F, line: 4, column: 5, message: "Service 'a': docker stack deploy ignores restart: — Swarm restarts tasks itself; set deploy.restart_policy to change how" },
        { file: F, line: 5, column: 5, message: /ignores container_name:/ },
        { file: F, line: 6, column: 5, severity: 'info', message: /ignores depends_on: — Swarm starts services in no order/ },
        { file: F, line: 9, column: 5, message: /ignores network_mode:/ },
      ],
    },
    {
      name: 'build without image cannot be deployed at all',
      files: { [F]: 'services:\n  a:\n    build: .\n' },
      settings: SWARM,
      errors: [{ file: F, line: 3, column: 5, severity: 'warning', message: /has build: and no image: — docker stack deploy cannot run it/ }],
    },
  ],
});

projectRuleTester(composeSwarmHostIp, {
  valid: [
    { name: 'compose engine: loopback binding is private', files: { [F]: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n' } },
    { name: 'swarm: no address, or all of them', files: { [F]: 'services:\n  web:\n    image: x:1\n    ports:\n      - "8080:80"\n      - "0.0.0.0:8443:443"\n' }, settings: SWARM },
  ],
  invalid: [
    {
      files: { [F]: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n      - target: 6379\n        published: 6379\n        host_ip: 10.0.0.5\n' },
      settings: SWARM,
      errors: [
        { file: F, line: 5, column: 9, message: /binds port 5432 to 127\.0\.0\.1, but docker stack deploy ignores the address/ },
        { file: F, line: 6, column: 9, message: /binds port 6379 to 10\.0\.0\.5/ },
      ],
    },
  ],
});

test('compose-restart-missing is off under swarm (Swarm restarts by default), on under compose', () => {
  const files = { [F]: 'services:\n  web:\n    image: x:1\n' };
  assert.equal(runProjectRule(composeRestartMissing, { files }).result.findings.length, 1);
  assert.equal(runProjectRule(composeRestartMissing, { files, settings: SWARM }).result.findings.length, 0);
});

test('deploy.engine in .slipway.yaml reaches the rules as settings.deployEngine', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-swarm-cfg-'));
  writeFileSync(join(dir, '.slipway.yaml'), 'deploy:\n  engine: swarm\n  servers: [m1]\n');
  assert.equal((await loadConfig(dir)).settings.deployEngine, 'swarm');
  const dir2 = mkdtempSync(join(tmpdir(), 'slipway-swarm-cfg-'));
  writeFileSync(join(dir2, '.slipway.yaml'), 'deploy:\n  servers: [m1]\n');
  assert.equal((await loadConfig(dir2)).settings.deployEngine, undefined);
});
