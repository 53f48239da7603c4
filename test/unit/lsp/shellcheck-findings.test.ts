// The editor's ShellCheck findings are kept per parse (an unchanged Dockerfile keeps its parse between
// keystrokes) and per rule levels: a level changed in the editor's settings still changes them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShellcheckCache } from '../../../src/lsp/shellcheck.js';
import { parseDockerfile } from '../../../src/parse/dockerfile/parse.js';

test('kept ShellCheck findings follow the rule levels and the parse they were taken from', async () => {
  const cache = new ShellcheckCache();
  const unquoted = parseDockerfile('FROM debian:12\nRUN echo $1 > /tmp/x\n', 'Dockerfile');
  const quoted = parseDockerfile('FROM debian:12\nRUN echo "$1" > /tmp/x\n', 'Dockerfile');
  const setup = (overrides: Record<string, 'off' | 'error' | 'info'>) => ({ binary: null, overrides });
  const sc2086 = (dfs = [unquoted], overrides = {}) => cache.findings(dfs, setup(overrides))?.filter((f) => f.rule === 'SC2086');

  assert.equal(cache.findings([unquoted], setup({})), null, 'not checked yet');
  await cache.learn([unquoted, quoted], setup({}));
  assert.equal(cache.note, null);
  assert.equal(sc2086()?.length, 1);
  assert.equal(sc2086()?.length, 1, 'asked again: the same');
  assert.deepEqual(sc2086([unquoted], { SC2086: 'off' }), []);
  assert.equal(sc2086([unquoted], { SC2086: 'error' })?.[0]?.severity, 'error');
  assert.notEqual(sc2086()?.[0]?.severity, 'error', 'back to the config levels');
  assert.deepEqual(sc2086([quoted]), [], 'another parse: its own findings');
  assert.equal(sc2086([unquoted, quoted])?.length, 1);
});
