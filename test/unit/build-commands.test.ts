// The builds a project's scripts run, read without running them (src/parse/context/build-commands.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildsInScript, devcontainerBuild, makefileRecipes, packageScripts, withoutJsonComments } from '../../src/parse/context/build-commands.js';

describe('buildsInScript', () => {
  it('reads -f and the context among value options and flags', () => {
    assert.deepEqual(buildsInScript('npm run build && docker buildx build -f docker/dockerfile --platform linux/amd64,linux/arm64 -t louislam/uptime-kuma:pr-test2 --target pr-test2 . --push'), [
      { file: 'docker/dockerfile', context: '.' },
    ]);
    assert.deepEqual(buildsInScript('docker build --file=build/Dockerfile --build-arg=V=$VERSION app'), [{ file: 'build/Dockerfile', context: 'app' }]);
    assert.deepEqual(buildsInScript('podman build -t x ./svc'), [{ file: null, context: 'svc' }]);
  });
  it('follows a literal cd, and gives up after a dynamic one', () => {
    assert.deepEqual(buildsInScript('cd services/api && docker build -f ../../docker/api.Dockerfile ..'), [{ file: 'docker/api.Dockerfile', context: 'services' }]);
    assert.deepEqual(buildsInScript('cd "$DIR" && docker build .'), []);
  });
  it('leaves out dynamic contexts, stdin, URLs and other docker commands', () => {
    assert.deepEqual(buildsInScript('docker build -f app/Dockerfile $(CTX)'), []);
    assert.deepEqual(buildsInScript('docker build - < Dockerfile'), []);
    assert.deepEqual(buildsInScript('docker build https://github.com/o/r.git'), []);
    assert.deepEqual(buildsInScript('docker push x && docker run --rm x'), []);
  });
});

describe('script sources', () => {
  it('Makefile recipes: continuation lines joined, @/- dropped, $$ is $', () => {
    assert.deepEqual(makefileRecipes('IMG ?= x\nall:\n\t@docker build \\\n\t\t-f a/Dockerfile .\n\t-echo $$HOME\n'), ['docker build  -f a/Dockerfile .', 'echo $HOME']);
  });
  it('package.json scripts, and nothing from a broken file', () => {
    assert.deepEqual(packageScripts('{"scripts":{"a":"docker build .","b":1}}'), ['docker build .']);
    assert.deepEqual(packageScripts('{ not json'), []);
  });
  it('devcontainer.json is JSON with comments and trailing commas', () => {
    assert.deepEqual(devcontainerBuild('{\n // root\n "build": { "context": "..", "dockerfile": "Dockerfile", /* x */ },\n}'), { file: 'Dockerfile', context: '..' });
    assert.deepEqual(devcontainerBuild('{"dockerFile": "Dockerfile"}'), { file: 'Dockerfile', context: '.' });
    assert.equal(devcontainerBuild('{"image": "mcr.microsoft.com/devcontainers/base"}'), null);
    assert.equal(withoutJsonComments('{"u": "http://x//y"}'), '{"u": "http://x//y"}');
  });
});
