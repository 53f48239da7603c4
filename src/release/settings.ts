// Release settings: flags first, then the `release:` section of .slipway.yaml, then defaults.
// Paths in the config file are relative to it; paths in flags to the working directory.

import { dirname, resolve } from 'node:path';
import type { Config } from '../config/config.js';
import { UsageError } from '../errors.js';
import { type ImageReference, imageRefProblem, parseImageRef } from '../docker/ref.js';

/** The repository to release to, from --image (or a positional) or release.image (+ release.registry). */
export function resolveImage(flag: string | undefined, config: Config): ImageReference {
  const section = config.release ?? {};
  const written = flag ?? (section.image && section.registry && parseImageRef(section.image).registry === null ? `${section.registry}/${section.image}` : section.image);
  if (!written) {
    throw new UsageError(`no image: pass --image REGISTRY/OWNER/NAME (e.g. ghcr.io/acme/shop), or set release.image in .slipway.yaml`);
  }
  const problem = imageRefProblem(written);
  if (problem) throw new UsageError(`--image ${written}: ${problem}`);
  const ref = parseImageRef(written);
  if (ref.tag !== null || ref.digest !== null) throw new UsageError(`--image ${written}: give the repository without a tag; release adds the tags (latest, sha-…, versions)`);
  return ref;
}

/** The directory config-relative paths start from. */
export function configBase(config: Config, cwd: string): string {
  return config.source ? dirname(config.source) : cwd;
}

/** KEY=VALUE flags over the config's build-args. */
export function buildArgs(flags: string[], config: Config): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(config.release?.['build-args'] ?? {})) out[k] = String(v);
  for (const f of flags) {
    const eq = f.indexOf('=');
    if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(f.slice(0, eq))) throw new UsageError(`--build-arg takes KEY=VALUE, got '${f}'`);
    out[f.slice(0, eq)] = f.slice(eq + 1);
  }
  return out;
}

export function resolvePath(flag: string | undefined, fromConfig: string | undefined, cwd: string, base: string, fallback: string): string {
  if (flag) return resolve(cwd, flag);
  if (fromConfig) return resolve(base, fromConfig);
  return resolve(cwd, fallback);
}

/** The docker client: SLIPWAY_DOCKER (a path), else `docker` on PATH. */
export function dockerClient(env: NodeJS.ProcessEnv): string {
  return env.SLIPWAY_DOCKER || 'docker';
}
