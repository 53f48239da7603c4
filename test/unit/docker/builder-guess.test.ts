// expectedBuilder: the guess of the builder from the environment alone (no process), which lets
// release start its build before docker has answered.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { expectedBuilder, pluginDirs } from '../../../src/docker/builder.js';

test('DOCKER_BUILDKIT=0 says classic, a buildx plugin file says buildx, DOCKER_BUILDKIT=1 alone says built-in BuildKit, nothing says nothing', (t) => {
  const home = mkdtempSync(join(tmpdir(), 'slipway-guess-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const config = join(home, 'docker-config');
  // This machine's own plugin directories decide the cases without a user plugin.
  const systemBuildx = pluginDirs({ DOCKER_CONFIG: config }).slice(1).some((d) => existsSync(join(d, 'docker-buildx')));
  const env = { HOME: home, DOCKER_CONFIG: config };
  assert.equal(expectedBuilder({ ...env, DOCKER_BUILDKIT: '0' }), 'classic');
  assert.equal(expectedBuilder({ ...env, DOCKER_BUILDKIT: '1' }), systemBuildx ? 'buildx' : 'buildkit');
  assert.equal(expectedBuilder(env), systemBuildx ? 'buildx' : null);
  mkdirSync(join(config, 'cli-plugins'), { recursive: true });
  writeFileSync(join(config, 'cli-plugins', 'docker-buildx'), '');
  chmodSync(join(config, 'cli-plugins', 'docker-buildx'), 0o755);
  assert.equal(expectedBuilder(env), 'buildx');
  assert.equal(expectedBuilder({ ...env, DOCKER_BUILDKIT: '1' }), 'buildx');
  assert.equal(expectedBuilder({ ...env, DOCKER_BUILDKIT: '0' }), 'classic', 'DOCKER_BUILDKIT=0 wins over the plugin, as in detectBuilder');
  // Without DOCKER_CONFIG, the user's plugins are in ~/.docker.
  assert.equal(pluginDirs({ HOME: home })[0], join(home, '.docker', 'cli-plugins'));
});
