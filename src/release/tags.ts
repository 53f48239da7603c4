// Which tags a release gets, in the scheme of docker/metadata-action as the generated CI
// workflow configures it, so an image pushed by CI and one pushed by `slipway release` from
// the same commit carry the same tags:
//   sha-<7>            always (immutable: what you roll back to)
//   latest             on the default branch, or on a stable vX.Y.Z tag (metadata-action's latest=auto)
//   X.Y.Z, X.Y, X      on a vX.Y.Z tag; a pre-release (v1.2.3-rc.1) gets only X.Y.Z-rc.1,
//                      and major version zero gets no bare `0` (metadata-action does the same)
// A dirty work tree gets `sha-<7>-dirty` only: it is not the commit, so it is neither latest nor a version.

export interface TagInput {
  sha: string;
  dirty: boolean;
  /** HEAD is on the default branch. */
  onDefaultBranch: boolean;
  /** Git tags pointing at HEAD. */
  gitTags: readonly string[];
}

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string | null;
  /** The tag as written (`v1.2.3`). */
  raw: string;
}

export interface TagPlan {
  tags: string[];
  /** The version the image carries (label org.opencontainers.image.version): 1.2.3, else sha-abc1234. */
  version: string;
  semver: SemVer | null;
}

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;

/** A `vX.Y.Z[-pre][+build]` git tag (the workflow's `v*.*.*`), or null. */
export function parseVersionTag(tag: string): SemVer | null {
  if (!tag.startsWith('v')) return null;
  const m = SEMVER.exec(tag);
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease: m[4] ?? null, raw: tag };
}

/** The highest version among the tags (a stable release beats its pre-releases). */
export function highestVersion(tags: readonly string[]): SemVer | null {
  let best: SemVer | null = null;
  for (const t of tags) {
    const v = parseVersionTag(t);
    if (v && (!best || compareSemVer(v, best) > 0)) best = v;
  }
  return best;
}

function compareSemVer(a: SemVer, b: SemVer): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || (a.prerelease === b.prerelease ? 0 : a.prerelease === null ? 1 : b.prerelease === null ? -1 : a.prerelease.localeCompare(b.prerelease, 'en', { numeric: true }));
}

export function versionString(v: SemVer): string {
  return `${v.major}.${v.minor}.${v.patch}${v.prerelease ? `-${v.prerelease}` : ''}`;
}

export function releaseTags(input: TagInput): TagPlan {
  const short = input.sha.slice(0, 7);
  if (input.dirty) return { tags: [`sha-${short}-dirty`], version: `sha-${short}-dirty`, semver: null };
  const semver = highestVersion(input.gitTags);
  const tags: string[] = [];
  const stable = semver !== null && semver.prerelease === null;
  if (input.onDefaultBranch || stable) tags.push('latest');
  tags.push(`sha-${short}`);
  if (semver) {
    tags.push(versionString(semver));
    if (stable) {
      tags.push(`${semver.major}.${semver.minor}`);
      if (semver.major > 0) tags.push(String(semver.major));
    }
  }
  return { tags, version: semver ? versionString(semver) : `sha-${short}`, semver };
}
