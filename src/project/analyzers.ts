// Analyzers derive a kind's view of the project (the merged compose model, build contexts, ...),
// memoized per project, and push parse errors into project.errors. The engine runs each once,
// before the rules, so that a broken file is reported even when no rule reads it.

import { composeOf } from '../parse/compose/project.js';
import { workflowOf } from '../parse/workflow/view.js';
import type { ProjectModel } from './model.js';

export type Analyzer = (project: ProjectModel) => unknown;

export const ANALYZERS: Analyzer[] = [composeOf, workflowOf];

/** Memoizes `derive(project)` per project object. */
export function memoized<T>(derive: (project: ProjectModel) => T): (project: ProjectModel) => T {
  const cache = new WeakMap<ProjectModel, T>();
  return (project) => {
    if (!cache.has(project)) cache.set(project, derive(project));
    return cache.get(project)!;
  };
}
