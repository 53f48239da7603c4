import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highestVersion, parseVersionTag, releaseTags } from '../../../src/release/tags.js';
import { ociLabels } from '../../../src/release/labels.js';

const sha = 'abc1234def5678abc1234def5678abc1234def56';
const tags = (onDefaultBranch: boolean, gitTags: string[], dirty = false) => releaseTags({ sha, dirty, onDefaultBranch, gitTags });

test('the metadata-action scheme', () => {
  assert.deepEqual(tags(true, []).tags, ['latest', 'sha-abc1234']);
  assert.deepEqual(tags(false, []).tags, ['sha-abc1234']);
  assert.deepEqual(tags(true, ['v1.2.3']).tags, ['latest', 'sha-abc1234', '1.2.3', '1.2', '1']);
  assert.equal(tags(true, ['v1.2.3']).version, '1.2.3');
  // A stable tag off the default branch still gets latest (latest=auto), a pre-release does not.
  assert.deepEqual(tags(false, ['v1.2.3']).tags, ['latest', 'sha-abc1234', '1.2.3', '1.2', '1']);
  assert.deepEqual(tags(false, ['v2.0.0-rc.1']).tags, ['sha-abc1234', '2.0.0-rc.1']);
  assert.deepEqual(tags(true, ['v2.0.0-rc.1']).tags, ['latest', 'sha-abc1234', '2.0.0-rc.1']);
  // Major version zero: no bare 0.
  assert.deepEqual(tags(true, ['v0.4.1']).tags, ['latest', 'sha-abc1234', '0.4.1', '0.4']);
  // Tags that are not vX.Y.Z are ignored; the highest version wins.
  assert.deepEqual(tags(true, ['release-1', '1.0.0', 'v1.2', 'v1.10.0', 'v1.9.0', 'v1.10.0-rc.1']).tags, ['latest', 'sha-abc1234', '1.10.0', '1.10', '1']);
  assert.equal(tags(false, []).version, 'sha-abc1234');
});

test('a dirty tree gets only a -dirty SHA tag', () => {
  assert.deepEqual(tags(true, ['v1.2.3'], true), { tags: ['sha-abc1234-dirty'], version: 'sha-abc1234-dirty', semver: null });
});

test('version tags', () => {
  assert.deepEqual(parseVersionTag('v1.2.3-rc.1+build.5'), { major: 1, minor: 2, patch: 3, prerelease: 'rc.1', raw: 'v1.2.3-rc.1+build.5' });
  for (const bad of ['1.2.3', 'v1.2', 'v01.2.3', 'v1.2.3.4', 'vx']) assert.equal(parseVersionTag(bad), null, bad);
  assert.equal(highestVersion(['v1.0.0-rc.2', 'v1.0.0', 'v1.0.0-rc.10'])!.raw, 'v1.0.0');
  assert.equal(highestVersion(['v1.0.0-rc.2', 'v1.0.0-rc.10'])!.raw, 'v1.0.0-rc.10');
});

test('OCI labels', () => {
  assert.deepEqual(ociLabels({ revision: sha, source: 'https://github.com/o/a', created: '2026-01-01T00:00:00.000Z', version: '1.2.3', title: 'a' }), {
    'org.opencontainers.image.title': 'a',
    'org.opencontainers.image.version': '1.2.3',
    'org.opencontainers.image.revision': sha,
    'org.opencontainers.image.created': '2026-01-01T00:00:00.000Z',
    'org.opencontainers.image.source': 'https://github.com/o/a',
    'org.opencontainers.image.url': 'https://github.com/o/a',
  });
});
