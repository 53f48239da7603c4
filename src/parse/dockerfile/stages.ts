// Walking the stage graph: a stage's FROM chain, and stages by name.

import type { Dockerfile, Stage } from './model.js';

/** The stage and the earlier stages it is built FROM, nearest first (cycles cut). */
export function fromChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  // A set, not chain.includes: a hostile chain of 4,000 stages made that cubic over a check.
  const seen = new Set<Stage>();
  for (let s: Stage | null = stage; s && !seen.has(s); s = s.image.stage) {
    seen.add(s);
    chain.push(s);
  }
  return chain;
}

/** The stage named `name`, compared case-insensitively as BuildKit does. */
export function stageNamed(df: Dockerfile, name: string): Stage | undefined {
  const lower = name.toLowerCase();
  return df.stages.find((s) => s.name?.toLowerCase() === lower);
}

/**
 * The stages a build of the shipped stage runs: it and what it needs through FROM, COPY --from and
 * RUN --mount=from (BuildKit skips the others). When a needed stage names another one through a
 * variable slipway cannot resolve, every stage counts (the build may need any of them).
 */
export function neededStages(df: Dockerfile): Set<Stage> {
  const all = new Set(df.stages);
  if (!df.shipped) return all;
  const needed = new Set<Stage>();
  const todo: Stage[] = [df.shipped];
  while (todo.length) {
    const s = todo.pop()!;
    if (needed.has(s)) continue;
    needed.add(s);
    if (s.image.unresolved.length) return all;
    for (const inst of s.instructions) {
      for (const f of inst.flags) {
        const ref = f.name === 'from' ? f.value : f.name === 'mount' ? (f.options.get('from') ?? null) : null;
        if (ref?.includes('$')) return all;
      }
    }
    todo.push(...s.dependsOn);
  }
  return needed;
}
