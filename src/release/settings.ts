// Release settings: flags first, then the `release:` section of .slipway.yaml, then defaults.
// Paths in the config file are relative to it; paths in flags to the working directory.

import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { readProjectFile } from '../project/read-file.js';
import type { Config } from '../config/config.js';
import { UsageError } from '../errors.js';
import { type ImageReference, imageRefProblem, parseImageRef, repositoryOf } from '../docker/ref.js';

/**
 * The repository to release to: --image (or a positional), else release.image (+ release.registry),
 * else `fallback` (the production compose file's image, see composeImage).
 */
export function resolveImage(flag: string | undefined, config: Config, fallback?: string | null): ImageReference {
  const section = config.release ?? {};
  const written = flag ?? (section.image && section.registry && parseImageRef(section.image).registry === null ? `${section.registry}/${section.image}` : section.image) ?? fallback ?? undefined;
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

const PRODUCTION_COMPOSE = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/**
 * The image the production compose file runs (`image: ghcr.io/acme/shop:${TAG:-latest}`, as
 * slipway init writes it), without its tag; null unless exactly one such image has a registry.
 */
export function composeImage(dir: string): string | null {
  const found = new Set<string>();
  for (const name of PRODUCTION_COMPOSE) {
    const r = readProjectFile(join(dir, name), { within: dir });
    if (!r.ok) continue;
    let doc: any;
    try {
      doc = parse(r.text);
    } catch {
      return null;
    }
    for (const service of Object.values(doc?.services ?? {}) as any[]) {
      const image = typeof service?.image === 'string' ? service.image.replace(/:\$\{[^}]*\}$/, '') : null;
      if (!image || image.includes('$') || imageRefProblem(image)) continue;
      const ref = parseImageRef(image);
      if (ref.registry !== null) found.add(repositoryOf(ref));
    }
    break; // docker compose reads the first of these names only
  }
  return found.size === 1 ? [...found][0]! : null;
}
