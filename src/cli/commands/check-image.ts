// `slipway check --image NAME` / `--image-file FILE`: reads each image as a stream and runs the
// image rules on it; an image that cannot be read is reported like an unreadable file.

import { join, resolve } from 'node:path';
import { checkImage, type ImageCheckOptions } from '../../engine/check-image.js';
import { mapHistory } from '../../image/dockerfile-map.js';
import type { ImageModel } from '../../image/model.js';
import { ImageFormatError } from '../../image/scan-layer.js';
import { RegistryError } from '../../docker/registry.js';
import { isRegistryQualified, readRemoteImage } from '../../image/registry-source.js';
import { engineHas, ImageSourceError, readImageFile, readLocalImage } from '../../image/sources.js';
import type { Dockerfile } from '../../parse/dockerfile/model.js';
import type { ProjectModel } from '../../project/model.js';
import type { CheckResult } from '../../types.js';
import type { CliIO } from '../io.js';

export interface ImageTarget {
  /** `image`: the engine's (through docker save), or the registry's when forced or the engine lacks a registry-qualified name. */
  kind: 'image' | 'registry' | 'file';
  /** The name or path as given. */
  name: string;
}

/**
 * The Dockerfile an image was built from: of the Dockerfiles checked, the one whose instructions
 * explain the most history entries (ties: the one at a project's root).
 */
export function dockerfileFor(projects: ProjectModel[], image: ImageModel): Dockerfile | null {
  let best: { df: Dockerfile; score: number } | null = null;
  for (const p of projects) {
    for (const { file, df } of p.dockerfiles) {
      const score = mapHistory(image.config.history, df).size * 2 + (file.absPath === join(p.root, 'Dockerfile') ? 1 : 0);
      if (score > 1 && (!best || score > best.score)) best = { df, score };
    }
  }
  return best?.df ?? null;
}

async function read(target: ImageTarget, io: CliIO): Promise<ImageModel> {
  if (target.kind === 'file') return readImageFile(resolve(io.cwd, target.name), target.name);
  const env = { ...process.env, ...io.env };
  const fromRegistry = target.kind === 'registry' || (isRegistryQualified(target.name) && !(await engineHas(target.name, env)));
  return fromRegistry ? readRemoteImage(target.name, env) : readLocalImage(target.name, env);
}

export async function auditImages(targets: ImageTarget[], options: Omit<ImageCheckOptions, 'dockerfile'>, projects: ProjectModel[], io: CliIO): Promise<CheckResult> {
  const result: CheckResult = { findings: [], errors: [] };
  for (const target of targets) {
    let image: ImageModel;
    try {
      image = await read(target, io);
    } catch (e) {
      if (!(e instanceof ImageSourceError || e instanceof ImageFormatError || e instanceof RegistryError)) throw e;
      result.errors.push({ file: target.name, line: 1, column: 1, message: e.message });
      continue;
    }
    result.findings.push(...checkImage(image, { ...options, dockerfile: dockerfileFor(projects, image) }));
  }
  return result;
}
