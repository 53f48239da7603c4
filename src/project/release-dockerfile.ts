// After a Dockerfile's rules: what the project rules will still ask of it is taken from its model,
// then the model is dropped (dockerfile-entry.ts). Pure: everything read is in the project already.

import { contextsFor } from '../parse/context/context.js';
import { neededSources } from '../parse/context/missing-sources.js';
import { outlineOf } from '../parse/dockerfile/outline.js';
import { shippedOutlineOf } from '../parse/dockerfile/shipped-outline.js';
import type { DockerfileEntry } from './dockerfile-entry.js';
import { dockerfileFacts, forgetDockerfileFacts } from './dockerfile-facts.js';
import { imagePurpose } from './image-purpose.js';
import { namedScripts } from '../rules/dockerfile/guide/cmd-script-missing.js';
import type { ProjectModel } from './model.js';

export function releaseDockerfile(project: ProjectModel, entry: DockerfileEntry): void {
  const df = entry.df;
  const contexts = contextsFor(project, entry.file);
  // The context rules' COPY/ADD sources: loading the disk facts took them already, except for a
  // context too big to list; taken here for those, after the target was selected, as a later read would.
  for (const c of contexts) neededSources(c);
  const outline = outlineOf(df);
  entry.release({
    outline,
    shipped: shippedOutlineOf(outline),
    // dockerignore-missing weighs a context without .dockerignore by what the image is for.
    purpose: contexts.some((c) => !c.dockerignore) ? imagePurpose(df, dockerfileFacts(project, entry.file)) : null,
    // cmd-script-missing's view of the Dockerfile, for its contexts that could be listed.
    namedScripts: contexts.some((c) => !c.truncated) ? namedScripts(df) : null,
  });
  forgetDockerfileFacts(project, entry.file); // the kept purpose above is the last ask
}
