// Where image bytes come from: `docker save` streamed from the engine, or a saved file. Both are read
// as a stream by readArchive; the image is never unpacked.

import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { readArchive, type ReadStats } from './read-archive.js';
import type { ImageModel } from './model.js';
import { ImageFormatError } from './scan-layer.js';

/** Debian's docker client by default; SLIPWAY_DOCKER overrides it. */
export const dockerBinary = (env: NodeJS.ProcessEnv): string => env.SLIPWAY_DOCKER || 'docker';

export class ImageSourceError extends Error {
  override name = 'ImageSourceError';
}

/** Reads a local image through `docker save NAME` (the engine streams it; nothing lands on disk). */
export async function readLocalImage(ref: string, env: NodeJS.ProcessEnv, stats?: ReadStats): Promise<ImageModel> {
  if (ref.startsWith('-')) throw new ImageSourceError(`not an image name: ${ref}`);
  const child = spawn(dockerBinary(env), ['save', ref], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (e) => reject(new ImageSourceError(`could not run ${dockerBinary(env)}: ${e.message}`)));
    child.on('close', (code) => resolve(code ?? 1));
  });
  exited.catch(() => {});
  let image: ImageModel | undefined;
  let readError: unknown;
  try {
    image = await readArchive(child.stdout, ref, stats);
  } catch (e) {
    readError = e;
    child.kill();
  }
  const code = await exited;
  if (code !== 0) throw new ImageSourceError(`docker save ${ref} failed (exit ${code}): ${stderr.trim().split('\n').at(-1) ?? ''}`);
  if (readError) throw readError;
  return image!;
}

/** Whether the local engine has the image (false too when there is no engine or docker client). */
export function engineHas(ref: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(dockerBinary(env), ['image', 'inspect', '--format', '{{.Id}}', '--', ref], { env, stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}

/** Reads a file written by `docker save` (or `docker save | gzip`, or an OCI layout tar). */
export async function readImageFile(path: string, shownAs: string, stats?: ReadStats): Promise<ImageModel> {
  // 128 KB reads: 256 KB ones were no faster and left more freed buffers in the heap (peak RSS up to 156 MB).
  const stream = createReadStream(path, { highWaterMark: 128 * 1024 });
  try {
    return await readArchive(stream, shownAs, stats);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.syscall) throw new ImageSourceError(`cannot read ${shownAs}: ${err.code ?? err.message}`);
    throw e instanceof ImageFormatError ? e : new ImageFormatError(`${shownAs}: ${(e as Error).message}`);
  } finally {
    stream.destroy();
  }
}
