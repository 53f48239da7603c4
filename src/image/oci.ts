// OCI image index / manifest handling shared by the archive reader and the registry reader:
// which manifest of an index is the image for this machine, and its config and layer digests.

import { ImageFormatError } from './scan-layer.js';

export interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface Manifest {
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
}

export interface Index {
  mediaType?: string;
  manifests: Descriptor[];
}

const ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', ia32: '386' };

export const isIndex = (doc: unknown): doc is Index => Array.isArray((doc as Index)?.manifests);
export const isManifest = (doc: unknown): doc is Manifest =>
  typeof (doc as Manifest)?.config?.digest === 'string' && Array.isArray((doc as Manifest).layers);

/**
 * The manifest descriptor to read from an index: the one named `ref` (a containerd/OCI ref-name
 * annotation), else the one for linux on this machine's architecture, else the first image.
 * Attestations (BuildKit provenance) are never images.
 */
export function pickFromIndex(index: Index, ref?: string): Descriptor {
  const images = index.manifests.filter((m) => m.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest' && m.platform?.os !== 'unknown');
  if (!images.length) throw new ImageFormatError('the image index lists no image manifest');
  if (ref) {
    const named = images.filter((m) => {
      const a = m.annotations ?? {};
      const name = a['io.containerd.image.name'] ?? a['org.opencontainers.image.ref.name'];
      return name !== undefined && (name === ref || name.endsWith(`/${ref}`) || ref.endsWith(`:${name}`));
    });
    if (named.length === 1) return named[0]!;
  }
  const arch = ARCH[process.arch] ?? process.arch;
  return images.find((m) => m.platform?.os === 'linux' && m.platform.architecture === arch) ?? images[0]!;
}

/** `sha256:abc…` → `blobs/sha256/abc…` (the OCI layout path). */
export function blobPath(digest: string): string {
  const [alg, hex] = digest.split(':');
  if (!alg || !hex || !/^[a-z0-9]+$/.test(alg) || !/^[a-f0-9]+$/i.test(hex)) throw new ImageFormatError(`not a digest: ${digest}`);
  return `blobs/${alg}/${hex}`;
}
