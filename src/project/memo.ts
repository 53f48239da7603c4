// Per-project memoization for derived views (kept apart from analyzers.ts, which imports the views).

import type { ProjectModel, SourceFile } from './model.js';

/** Memoizes `derive(project)` per project object. */
export function memoized<T>(derive: (project: ProjectModel) => T): (project: ProjectModel) => T {
  const cache = new WeakMap<ProjectModel, T>();
  return (project) => {
    if (!cache.has(project)) cache.set(project, derive(project));
    return cache.get(project)!;
  };
}

/**
 * Memoizes `derive(file, key)` per source file object, for its last `key` (what else the result depends
 * on, as a string). `check` makes new file objects for each project (and each --fix pass); the language
 * server keeps the object of a file whose text did not change, so a keystroke in one file re-derives
 * only that file's view. Results are shared: never mutate them.
 */
export function memoizedPerFile<T>(derive: (file: SourceFile, key: string) => T): (file: SourceFile, key?: string) => T {
  const cache = new WeakMap<SourceFile, { key: string; value: T }>();
  return (file, key = '') => {
    const hit = cache.get(file);
    if (hit && hit.key === key) return hit.value;
    const value = derive(file, key);
    cache.set(file, { key, value });
    return value;
  };
}
