// The stage a build of a Dockerfile ships, decided once for `check` and `release`: --target,
// else the one build.target the production compose files set for it, else the last stage (null).

import { composeTargetsFor } from '../parse/compose/project.js';
import type { ProjectModel } from './model.js';

export function shippedTarget(project: ProjectModel, dockerfileAbsPath: string, explicit?: string | null): string | null {
  if (explicit) return explicit;
  const targets = composeTargetsFor(project, dockerfileAbsPath);
  return targets.length === 1 ? targets[0]! : null; // several services, several targets: no single image
}
