// Which stage becomes the image: the last one, unless a build names a target
// (`docker build --target`, compose `build.target`).

import type { Dockerfile } from './model.js';
import { stageNamed } from './stages.js';

/** Makes the stage named `target` (case-insensitive, as BuildKit) the shipped one; false when there is none. */
export function selectShipped(df: Dockerfile, target: string): boolean {
  const stage = stageNamed(df, target);
  if (!stage) return false;
  for (const s of df.stages) s.shipped = s === stage;
  df.shipped = stage;
  return true;
}
