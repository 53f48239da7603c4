// The audited image: its config, its layers and the files each one ships. Plain data that the
// image rules (src/rules/image/) read; src/image/read-*.ts build it from streams.

/** One entry of the config's `history`: the instruction that made a layer (or changed only the config). */
export interface HistoryEntry {
  /** Position in the config's history. */
  index: number;
  /** `RUN |1 TOKEN=… /bin/sh -c …`, `COPY x /y # buildkit`; may hold build-arg values. */
  createdBy: string;
  /** ENV, LABEL, USER … make no layer. */
  emptyLayer: boolean;
}

export type EntryType = 'file' | 'dir' | 'symlink' | 'link' | 'other';

/** A file as one layer wrote it. */
export interface LayerFile {
  /** Absolute, normalised: `/root/.ssh/id_rsa`. */
  path: string;
  type: EntryType;
  /** Bytes of content (0 for all but regular files). */
  size: number;
  /** Permission bits with setuid (0o4000), setgid (0o2000) and sticky. */
  mode: number;
  /** Index of the layer that wrote it. */
  layer: number;
  /** The first bytes of small files whose content a rule needs (`.npmrc`, `.docker/config.json` …): see contentWanted. */
  content?: Buffer;
}

/** A file that a later layer deleted (whiteout, opaque directory) or overwrote: its bytes still ship in its layer. */
export interface HiddenFile extends LayerFile {
  hiddenBy: number;
  how: 'whiteout' | 'opaque' | 'overwritten';
}

export interface Layer {
  index: number;
  /** The config's rootfs.diff_ids entry (the uncompressed layer's digest): the same from `docker save` and a registry. */
  diffId: string;
  /** The history entry that made it, when the history has one. */
  history: HistoryEntry | null;
  /** Sum of the file sizes it holds (uncompressed content). */
  size: number;
  /** Every entry it holds, in tar order, whiteout markers excluded. */
  files: LayerFile[];
  /** Paths it deletes from lower layers (`.wh.NAME`), and directories it makes opaque (`.wh..wh..opq`). */
  whiteouts: string[];
  opaqueDirs: string[];
}

export interface ImageConfig {
  /** `User` as set (empty: root). */
  user: string;
  /** The HEALTHCHECK test, or null when none is set (`["NONE"]` counts as none). */
  healthcheck: string[] | null;
  env: { name: string; value: string }[];
  labels: { name: string; value: string }[];
  history: HistoryEntry[];
}

export interface ImageModel {
  /** The name it was asked for (`app:1`, a file path). */
  ref: string;
  config: ImageConfig;
  layers: Layer[];
  /** What a container sees: path → the top-most layer's file. */
  files: Map<string, LayerFile>;
  /** Files that the final view does not show but the image still ships. */
  hidden: HiddenFile[];
}

import { isEnvFileName } from '../parse/credentials.js';

/** Files whose first bytes are kept while streaming, because a rule judges them by content. */
export const CONTENT_LIMIT = 64 * 1024;
const CONTENT_NAMES = new Set(['.npmrc', '.git-credentials', '.netrc', '.pypirc', 'config.json', 'credentials']);

export function contentWanted(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (isEnvFileName(base)) return true; // `.env`: a secret or only settings, by its content
  if (!CONTENT_NAMES.has(base)) return false;
  if (base === 'config.json') return path.endsWith('/.docker/config.json');
  if (base === 'credentials') return path.endsWith('/.aws/credentials');
  return true;
}
