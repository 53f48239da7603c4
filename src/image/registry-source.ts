// An image in a registry as a BlobSource, through the one Registry API v2 client
// (src/docker/registry.ts: Basic and Bearer auth), logged in as `slipway tags` is.

import { dockerConfigCredentials } from '../docker/config-auth.js';
import { RegistryClient, type RegistryCredentials } from '../docker/registry.js';
import { resolveCredentials } from '../release/credentials.js';
import { apiPath, imageRefProblem, parseImageRef, registryOf } from '../docker/ref.js';
import type { ImageModel } from './model.js';
import { readRegistryImage, type BlobSource } from './read-registry.js';
import { ImageSourceError } from './sources.js';

/** The same login as `slipway tags`: SLIPWAY_REGISTRY_USER/PASSWORD, else what `docker login`/`slipway login` saved. */
export function registryCredentials(registry: string, env: NodeJS.ProcessEnv): RegistryCredentials | undefined {
  return resolveCredentials(env, {}) ?? dockerConfigCredentials(registry, env) ?? undefined;
}

export function blobSource(client: RegistryClient, repository: string): BlobSource {
  return {
    manifest: async (reference) => (await client.manifest(repository, reference)).body,
    json: (digest) => client.blobJson(repository, digest),
    blob: (digest) => client.blob(repository, digest),
  };
}

/** Reads `name` (`127.0.0.1:5000/app:1`, `ghcr.io/org/app@sha256:…`, `python:3.12`) from its registry. */
export async function readRemoteImage(name: string, env: NodeJS.ProcessEnv, options: { fetch?: typeof fetch } = {}): Promise<ImageModel> {
  const problem = imageRefProblem(name);
  if (problem) throw new ImageSourceError(`${name}: ${problem}`);
  const ref = parseImageRef(name);
  const client = new RegistryClient({ registry: registryOf(ref), credentials: registryCredentials(registryOf(ref), env), ...(options.fetch ? { fetch: options.fetch } : {}) });
  return readRegistryImage(blobSource(client, apiPath(ref)), ref.digest ?? ref.tag ?? 'latest', name);
}

/** A name that says which registry it lives in (`ghcr.io/…`, `localhost:5000/…`). */
export const isRegistryQualified = (name: string): boolean => parseImageRef(name).registry !== null;
