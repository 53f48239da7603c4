// Which file names discovery takes for which kind: compose files as dclint finds them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kindOf } from '../../src/project/discover.js';

test('compose files: the defaults, and the ones `docker compose -f` is given (dot, dash or underscore after compose)', () => {
  for (const name of [
    'compose.yaml',
    'docker-compose.yml',
    'compose.override.yml',
    'docker-compose.test.yml',
    'compose.prod.yaml',
    // go-clean-template, temporalio/docker-compose, uptime-kuma
    'docker-compose-integration-test.yml',
    'docker-compose-postgres-opensearch.yml',
    'docker-compose-dev.yml',
    'compose-prod.yaml',
    'docker-compose_test.yml',
  ]) {
    assert.equal(kindOf(name), 'compose', name);
  }
  for (const name of ['composer.yml', 'compose.json', 'my-compose.yml', 'docker-compose.yml.bak', 'podman-compose.yml', 'composefile.yaml']) {
    assert.notEqual(kindOf(name), 'compose', name);
  }
});
