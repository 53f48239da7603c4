// Per-project memoization for derived views (kept apart from analyzers.ts, which imports the views).

import type { ProjectModel } from './model.js';

/** Memoizes `derive(project)` per project object. */
export function memoized<T>(derive: (project: ProjectModel) => T): (project: ProjectModel) => T {
  const cache = new WeakMap<ProjectModel, T>();
  return (project) => {
    if (!cache.has(project)) cache.set(project, derive(project));
    return cache.get(project)!;
  };
}
