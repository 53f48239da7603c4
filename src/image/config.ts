// The image config (OCI image config / Docker image JSON) → ImageConfig; and the model assembled from
// it and the scanned layers.

import { layerView } from './filesystem.js';
import type { HistoryEntry, ImageConfig, ImageModel, Layer } from './model.js';
import { ImageFormatError, type LayerScan } from './scan-layer.js';

interface RawConfig {
  config?: {
    User?: string;
    Healthcheck?: { Test?: string[] | null } | null;
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
  } | null;
  history?: { created_by?: string; empty_layer?: boolean }[] | null;
  rootfs?: { diff_ids?: string[] } | null;
}

export function parseConfig(raw: unknown): { config: ImageConfig; diffIds: string[] } {
  const c = (raw ?? {}) as RawConfig;
  const cfg = c.config ?? {};
  const test = cfg.Healthcheck?.Test ?? null;
  const history: HistoryEntry[] = (c.history ?? []).map((h, index) => ({ index, createdBy: h.created_by ?? '', emptyLayer: h.empty_layer === true }));
  return {
    config: {
      user: cfg.User ?? '',
      healthcheck: test && test.length && test[0] !== 'NONE' ? test : null,
      env: (cfg.Env ?? []).map((e) => {
        const eq = e.indexOf('=');
        return eq < 0 ? { name: e, value: '' } : { name: e.slice(0, eq), value: e.slice(eq + 1) };
      }),
      labels: Object.entries(cfg.Labels ?? {}).map(([name, value]) => ({ name, value: String(value) })),
      history,
    },
    diffIds: c.rootfs?.diff_ids ?? [],
  };
}

/** The model from the config and the layers' scans, in the order the manifest lists them. */
export function assemble(ref: string, rawConfig: unknown, scans: LayerScan[]): ImageModel {
  const { config, diffIds } = parseConfig(rawConfig);
  if (diffIds.length && diffIds.length !== scans.length) {
    throw new ImageFormatError(`${ref}: the config lists ${diffIds.length} layers but the manifest ${scans.length}`);
  }
  // History entries that made a layer, in order; base images built long ago may lack some.
  const made = config.history.filter((h) => !h.emptyLayer);
  const aligned = made.length === scans.length;
  const layers: Layer[] = scans.map((s, index) => {
    // A blob listed twice (rare) gets its own copies, so each file names its own layer.
    const files = s.files[0]?.layer === -1 || !s.files.length ? s.files : s.files.map((f) => ({ ...f }));
    for (const f of files) f.layer = index;
    return {
      index,
      diffId: diffIds[index] ?? '',
      history: aligned ? made[index]! : null,
      size: s.size,
      files,
      whiteouts: s.whiteouts,
      opaqueDirs: s.opaqueDirs,
    };
  });
  const { files, hidden } = layerView(layers);
  return { ref, config, layers, files, hidden };
}
