// Helpers of the Dockerfile ↔ compose rules: each merged service with the Dockerfile it builds.

import { composeOf, serviceDockerfile, type ComposeProject, type ComposeService, type LValue } from '../../parse/compose/index.js';
import type { Dockerfile, Stage } from '../../parse/dockerfile/model.js';
import { parseDockerfile } from '../../parse/dockerfile/parse.js';
import type { ProjectModel } from '../../project/model.js';
import { fromChain, stageNamed } from '../../parse/dockerfile/stages.js';

export interface BuiltService {
  project: ComposeProject;
  service: ComposeService;
  /** Absolute path of the Dockerfile and of the context. */
  path: string;
  context: string;
  build: LValue;
  /** The parsed Dockerfile when it is one of the project's files, or written inline. */
  df: Dockerfile | null;
}

export function builtServices(project: ProjectModel): BuiltService[] {
  const out: BuiltService[] = [];
  for (const p of composeOf(project).projects) {
    for (const service of p.services) {
      const d = serviceDockerfile(p.dir, service.value);
      if (!d) continue;
      const df =
        d.inline !== undefined
          ? parseDockerfile(d.inline, `the dockerfile_inline of '${service.name}'`)
          : (project.dockerfiles.find((x) => x.file.absPath === d.path)?.df ?? null);
      out.push({ project: p, service, ...d, df });
    }
  }
  return out;
}

/** The stage that is built (`target`, or the last), and the stages it is FROM, nearest first. */
export function stageChain(df: Dockerfile, target: string | undefined): Stage[] {
  const stage = target ? stageNamed(df, target) : df.shipped;
  return stage ? fromChain(stage) : [];
}
