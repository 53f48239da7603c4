import type { Layer } from '../../image/model.js';
import type { ImageRule } from '../types.js';
import { mb } from './util.js';

/** The guide's base-image table: the default choice (`python:3.11-slim`) is ~130MB. */
export const GUIDE_DEFAULT_BYTES = 130e6;
/** Layers smaller than this are not worth naming. */
const MIN_LAYER_BYTES = 10e6;
const TOP = 3;

export const imageSize: ImageRule = {
  meta: {
    id: 'image-size',
    target: 'image',
    category: 'guide',
    severity: 'info',
    aliases: [],
    title: 'The image is larger than the guide\'s default base: its largest layers and files',
    description:
      "The guide's base-image table puts the default choice, `python:3.11-slim`, at ~130MB, the Alpine variant at ~52MB and the full `python:3.11` (build tools at runtime) at ~1GB. An image well past the slim base pays for it on every pull and deploy. This names the largest layers, the instruction that made each and the largest files in it, so the cause is one look away: build tools that belong in a builder stage, caches, data that should be a volume.",
    bad: 'FROM python:3.11\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n',
    good: 'FROM python:3.11-slim AS builder\nRUN pip install --user --no-cache-dir -r requirements.txt\nFROM python:3.11-slim\nCOPY --from=builder /root/.local /root/.local\n',
    fixable: false,
    differs: 'dockle DKL-LI-0003 lists unnecessary files by name; slipway weighs the layers and names what makes the image big, with the instruction behind it.',
  },
  check({ image, report }) {
    const total = image.layers.reduce((n, l) => n + l.size, 0);
    if (total <= GUIDE_DEFAULT_BYTES) return;
    const largest = [...image.layers].sort((a, b) => b.size - a.size).filter((l) => l.size >= MIN_LAYER_BYTES).slice(0, TOP);
    for (const layer of largest) report({ layer: layer.index, message: message(layer, total) });
  },
};

function message(layer: Layer, total: number): string {
  const files = layer.files.filter((f) => f.type === 'file').sort((a, b) => b.size - a.size).slice(0, TOP);
  const share = Math.round((layer.size / total) * 100);
  const names = files.map((f) => `${f.path} (${mb(f.size)})`).join(', ');
  return `Layer ${layer.index} adds ${mb(layer.size)}, ${share}% of the image's ${mb(total)} (the guide's default base, python:3.11-slim, is ~130MB); largest files: ${names}`;
}
