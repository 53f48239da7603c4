// Helpers of the Dockerfile ↔ compose rules: each merged service with the Dockerfile it builds.

import { composeOf, serviceDockerfile, type ComposeProject, type ComposeService, type LValue } from '../../parse/compose/index.js';
import { outlineFromChain, outlineOf, outlineStageNamed, type DockerfileOutline, type OutlineStage } from '../../parse/dockerfile/outline.js';
import { parseDockerfile } from '../../parse/dockerfile/parse.js';
import { dockerfileOutline } from '../../project/dockerfile-entry.js';
import type { ProjectModel } from '../../project/model.js';

export interface BuiltService {
  project: ComposeProject;
  service: ComposeService;
  /** Absolute path of the Dockerfile and of the context. */
  path: string;
  context: string;
  build: LValue;
  /** The Dockerfile's outline when it is one of the project's files, or written inline (a check may have dropped the model). */
  df: DockerfileOutline | null;
}

export function builtServices(project: ProjectModel): BuiltService[] {
  const out: BuiltService[] = [];
  for (const p of composeOf(project).projects) {
    for (const service of p.services) {
      const d = serviceDockerfile(p.dir, service.value);
      if (!d) continue;
      const entry = d.inline === undefined ? project.dockerfiles.find((x) => x.file.absPath === d.path) : undefined;
      const df =
        d.inline !== undefined ? outlineOf(parseDockerfile(d.inline, `the dockerfile_inline of '${service.name}'`)) : entry ? dockerfileOutline(entry) : null;
      out.push({ project: p, service, ...d, df });
    }
  }
  return out;
}

/** The stage that is built (`target`, or the last), and the stages it is FROM, nearest first. */
export function stageChain(df: DockerfileOutline, target: string | undefined): OutlineStage[] {
  const stage = target ? outlineStageNamed(df, target) : df.shipped;
  return stage ? outlineFromChain(stage) : [];
}
