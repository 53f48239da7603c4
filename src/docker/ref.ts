// The one image-reference parser: `[registry/]path[:tag][@digest]`, with the rules of
// distribution/reference (the grammar docker itself uses). Dockerfile FROM, compose `image:`,
// `init --image`, release and tags all read references through here.

export interface ImageReference {
  /** The registry host as written (`ghcr.io`, `127.0.0.1:5000`), null when implicit (Docker Hub). */
  registry: string | null;
  /** The repository path as written, without registry: `org/app`, `python`, `library/python`. */
  path: string;
  tag: string | null;
  /** `sha256:…` */
  digest: string | null;
}

export const DOCKER_HUB = 'docker.io';

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const HOST = /^(?:localhost|\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(?::[0-9]+)?$/;

/**
 * Splits a reference into its parts without judging it (for linting what users wrote).
 * The first path component is a registry when it has a `.` or `:`, is `localhost`, or has
 * capitals — the same test docker makes.
 */
export function parseImageRef(text: string): ImageReference {
  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | null = null;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const head = rest.slice(0, slash);
    if (/[.:]/.test(head) || head === 'localhost' || head !== head.toLowerCase()) {
      registry = head;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { registry, path: rest, tag, digest };
}

/** Why `text` is not a valid reference, or null when it is. */
export function imageRefProblem(text: string): string | null {
  if (text === '') return 'the image reference is empty';
  if (text.length > 255 + 128 + 80) return 'the image reference is too long';
  const ref = parseImageRef(text);
  if (ref.registry !== null && !HOST.test(ref.registry)) return `'${ref.registry}' is not a registry host`;
  if (ref.path === '') return 'the repository name is empty';
  if (ref.path.length > 255) return 'the repository name is longer than 255 characters';
  for (const c of ref.path.split('/')) {
    if (!PATH_COMPONENT.test(c)) {
      return c !== c.toLowerCase() ? `'${ref.path}' must be lower case` : `'${c}' is not a valid repository path component (lower-case letters, digits, and . _ __ - between them)`;
    }
  }
  if (ref.tag !== null && !TAG.test(ref.tag)) return `'${ref.tag}' is not a valid tag (letters, digits, _ . -, at most 128, not starting with . or -)`;
  if (ref.digest !== null && !DIGEST.test(ref.digest)) return `'${ref.digest}' is not a valid digest`;
  return null;
}

export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}

/** Parses a reference and throws an Error saying what is wrong with it. */
export function parseImageRefStrict(text: string): ImageReference {
  const problem = imageRefProblem(text);
  if (problem) throw new Error(`invalid image reference '${text}': ${problem}`);
  return parseImageRef(text);
}

/** `registry/path:tag@digest` with the parts that are set. */
export function formatImageRef(ref: ImageReference): string {
  return `${repositoryOf(ref)}${ref.tag !== null ? `:${ref.tag}` : ''}${ref.digest !== null ? `@${ref.digest}` : ''}`;
}

/** `registry/path` (no tag, no digest), as written. */
export function repositoryOf(ref: ImageReference): string {
  return ref.registry === null ? ref.path : `${ref.registry}/${ref.path}`;
}

/** The same reference with another tag and no digest. */
export function withTag(ref: ImageReference, tag: string): ImageReference {
  return { ...ref, tag, digest: null };
}

/** The registry the reference lives in, Docker Hub when none is written (`index.docker.io` → `docker.io`). */
export function registryOf(ref: ImageReference): string {
  if (ref.registry === null || ref.registry === 'index.docker.io' || ref.registry === 'registry-1.docker.io') return DOCKER_HUB;
  return ref.registry;
}

/** The repository path as the registry's API knows it: Docker Hub's official images live under `library/`. */
export function apiPath(ref: ImageReference): string {
  return registryOf(ref) === DOCKER_HUB && !ref.path.includes('/') ? `library/${ref.path}` : ref.path;
}

/** The path people read: `library/python` on Docker Hub is just `python`. */
export function familiarPath(ref: ImageReference): string {
  return registryOf(ref) === DOCKER_HUB && ref.path.startsWith('library/') ? ref.path.slice('library/'.length) : ref.path;
}
