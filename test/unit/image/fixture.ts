// Builds saved images in memory (docker-archive and OCI layout tars, layers plain or gzipped) with
// tar-stream's packer, so the reader is tested on the same byte formats `docker save` and skopeo write.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

export interface FixtureFile {
  path: string;
  /** Content (default: `size` zero bytes). */
  content?: string | Buffer;
  size?: number;
  mode?: number;
  type?: 'file' | 'directory' | 'symlink';
  linkname?: string;
}

export interface FixtureLayer {
  createdBy: string;
  files: FixtureFile[];
}

export interface FixtureImage {
  /** Config-only history entries, placed before the layer at the same position in `steps`. */
  steps: (FixtureLayer | { createdBy: string; empty: true })[];
  user?: string;
  env?: string[];
  labels?: Record<string, string>;
  healthcheck?: string[];
}

async function tarOf(entries: { header: Partial<tar.Header> & { name: string }; body?: Buffer }[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack) chunks.push(c as Buffer);
  })();
  for (const e of entries) {
    // A fixed mtime: tar-stream stamps "now", so two builds of one fixture a second apart differed.
    const header = { mtime: new Date(0), ...e.header };
    await new Promise<void>((resolve, reject) => pack.entry(header, e.body ?? Buffer.alloc(0), (err) => (err ? reject(err) : resolve())));
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export async function layerTar(files: FixtureFile[]): Promise<Buffer> {
  return tarOf(
    files.map((f) => {
      const type = f.type ?? 'file';
      const body = type === 'file' ? (typeof f.content === 'string' ? Buffer.from(f.content) : (f.content ?? Buffer.alloc(f.size ?? 0))) : undefined;
      return { header: { name: f.path.replace(/^\//, ''), type, mode: f.mode ?? (type === 'directory' ? 0o755 : 0o644), linkname: f.linkname, size: body?.length ?? 0 }, body };
    }),
  );
}

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function parts(image: FixtureImage) {
  const layers: Buffer[] = [];
  const history: { created_by: string; empty_layer?: boolean }[] = [];
  for (const step of image.steps) {
    if ('empty' in step) history.push({ created_by: step.createdBy, empty_layer: true });
    else {
      layers.push(await layerTar(step.files));
      history.push({ created_by: step.createdBy });
    }
  }
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { User: image.user ?? '', Env: image.env ?? ['PATH=/bin'], Labels: image.labels ?? null, ...(image.healthcheck ? { Healthcheck: { Test: image.healthcheck } } : {}) },
      history,
      rootfs: { type: 'layers', diff_ids: layers.map(sha) },
    }),
  );
  return { layers, config };
}

/** A `docker save` archive as dockerd 20.10 writes it: layer folders, config, then manifest.json last. */
export async function dockerArchive(image: FixtureImage, repoTag = 'app:1'): Promise<Buffer> {
  const { layers, config } = await parts(image);
  const entries: { header: Partial<tar.Header> & { name: string }; body?: Buffer }[] = [];
  const names: string[] = [];
  layers.forEach((layer, i) => {
    const id = createHash('sha256').update(`${i}`).digest('hex');
    // A repeated layer is written once and linked, as docker save does.
    const first = layers.findIndex((l) => l.equals(layer));
    if (first < i) {
      entries.push({ header: { name: `${id}/layer.tar`, type: 'symlink', linkname: `../${names[first]!.split('/')[0]}/layer.tar` } });
    } else entries.push({ header: { name: `${id}/layer.tar`, size: layer.length }, body: layer });
    names.push(`${id}/layer.tar`);
  });
  const configName = `${sha(config).slice(7)}.json`;
  entries.push({ header: { name: configName, size: config.length }, body: config });
  const manifest = Buffer.from(JSON.stringify([{ Config: configName, RepoTags: [repoTag], Layers: names }]));
  entries.push({ header: { name: 'manifest.json', size: manifest.length }, body: manifest });
  return tarOf(entries);
}

/** The blobs of an OCI image (config, gzip layers, manifest, an attestation) and the index that lists them. */
export async function ociBlobs(image: FixtureImage): Promise<{ index: Buffer; blobs: Map<string, Buffer> }> {
  const { layers, config } = await parts(image);
  const gz = layers.map((l) => gzipSync(l));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(config), size: config.length },
      layers: gz.map((b) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha(b), size: b.length })),
    }),
  );
  const attestation = Buffer.from(JSON.stringify({ schemaVersion: 2, config: { digest: sha(Buffer.from('x')) }, layers: [] }));
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha(attestation), size: attestation.length, platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } },
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha(manifest), size: manifest.length, platform: { os: 'linux', architecture: 'amd64' } },
      ],
    }),
  );
  return { index, blobs: new Map([config, ...gz, manifest, attestation].map((b) => [sha(b), b])) };
}

/** An OCI layout tar (as `skopeo copy … oci-archive:`), gzipped layers, an index with an attestation first. */
export async function ociArchive(image: FixtureImage): Promise<Buffer> {
  const { index, blobs } = await ociBlobs(image);
  const entries = [
    { header: { name: 'oci-layout', size: 30 }, body: Buffer.from('{"imageLayoutVersion":"1.0.0"}') },
    // Blobs before index.json, so the reader cannot know what they are until the end.
    ...[...blobs].map(([digest, b]) => ({ header: { name: `blobs/sha256/${digest.slice(7)}`, size: b.length }, body: b })),
    { header: { name: 'index.json', size: index.length }, body: index },
  ];
  return tarOf(entries);
}

export async function* chunked(buf: Buffer, size = 7919): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}
