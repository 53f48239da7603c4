// Walking the stage graph: a stage's FROM chain, and stages by name.

import type { Dockerfile, Stage } from './model.js';

/** The stage and the earlier stages it is built FROM, nearest first (cycles cut). */
export function fromChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | null = stage; s && !chain.includes(s); s = s.image.stage) chain.push(s);
  return chain;
}

/** The stage named `name`, compared case-insensitively as BuildKit does. */
export function stageNamed(df: Dockerfile, name: string): Stage | undefined {
  const lower = name.toLowerCase();
  return df.stages.find((s) => s.name?.toLowerCase() === lower);
}
