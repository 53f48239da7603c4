// expectedBuilder: the guess of the builder from the environment alone (no process), which lets
// release start its build before docker has answered.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildxPluginMissing, expectedBuilder, pluginDirs } from '../../../src/docker/builder.js';

test('DOCKER_BUILDKIT=0 says classic, a buildx plugin file says buildx, DOCKER_BUILDKIT=1 alone says built-in BuildKit, nothing says nothing', (t) => {
  const home = mkdtempSync(join(tmpdir(), 'slipway-guess-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const config = join(home, 'docker-config');
  // This machine's own plugin directories decide the cases without a user plugin.
  const systemBuildx = pluginDirs({ DOCKER_CONFIG: config })!.slice(1).some((d) => existsSync(join(d, 'docker-buildx')));
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
  assert.equal(pluginDirs({ HOME: home })![0], join(home, '.docker', 'cli-plugins'));
});

// detectBuilder skips `docker buildx version` when buildxPluginMissing: that must never be true
// while docker could find the plugin, so every place docker looks is looked at, and anything we
// cannot read means "ask docker".
test('buildxPluginMissing: false as soon as a docker-buildx file is in the config dir, a cliPluginsExtraDirs dir, or the config cannot be read', { skip: process.platform !== 'linux' }, (t) => {
  const home = mkdtempSync(join(tmpdir(), 'slipway-plugins-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const config = join(home, 'docker-config');
  mkdirSync(config);
  const env = { HOME: home, DOCKER_CONFIG: config };
  const systemBuildx = pluginDirs(env)!.some((d) => existsSync(join(d, 'docker-buildx')));
  t.diagnostic(`this machine has a system buildx plugin: ${systemBuildx}`);
  assert.equal(buildxPluginMissing(env), !systemBuildx, 'no config file: only the default directories');

  const extra = join(home, 'brew', 'cli-plugins');
  mkdirSync(extra, { recursive: true });
  writeFileSync(join(config, 'config.json'), JSON.stringify({ auths: {}, cliPluginsExtraDirs: [extra] }));
  assert.equal(pluginDirs(env)![0], extra, 'the extra directories come first, as docker/cli searches them');
  assert.equal(buildxPluginMissing(env), !systemBuildx, 'an empty extra directory changes nothing');
  writeFileSync(join(extra, 'docker-buildx'), '#!/bin/sh\n', { mode: 0o755 });
  assert.equal(buildxPluginMissing(env), false, 'a plugin in cliPluginsExtraDirs is found');
  assert.equal(expectedBuilder({ ...env, DOCKER_BUILDKIT: '1' }), 'buildx', 'and the guess follows it');
  rmSync(join(extra, 'docker-buildx'));

  for (const text of ['{ not json', JSON.stringify({ cliPluginsExtraDirs: 'one/dir' }), JSON.stringify({ cliPluginsExtraDirs: [1] })]) {
    writeFileSync(join(config, 'config.json'), text);
    assert.equal(pluginDirs(env), null, text);
    assert.equal(buildxPluginMissing(env), false, `a config docker may read differently (${text}): ask docker`);
  }
  writeFileSync(join(config, 'config.json'), 'null');
  assert.equal(buildxPluginMissing(env), !systemBuildx, 'a JSON null config names no extra directories');
  rmSync(join(config, 'config.json'));
  mkdirSync(join(config, 'config.json'));
  assert.equal(buildxPluginMissing(env), false, 'a config.json that cannot be read (a directory): ask docker');
});
