// Which stage `slipway release` builds: the same one `slipway check` judges (--target, else the
// production compose build.target for this Dockerfile, else the last stage), read from the same
// parsed project so the two cannot disagree.

import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UsageError } from '../errors.js';
import { selectShipped } from '../parse/dockerfile/shipped.js';
import { buildProject, type FileText } from '../project/build.js';
import { kindOf } from '../project/discover.js';
import { readProjectFile } from '../project/read-file.js';
import { shippedTarget } from '../project/shipped-target.js';

export interface ShippedStage {
  /** What to pass as --target; null builds the last stage. */
  target: string | null;
  /** How the stage is called in messages: "runtime (line 12)" or "the last stage (line 9)". */
  description: string;
}

/** `root`: the folder whose compose files count (the context's); `dockerfile`: absolute path. */
export function releaseStage(root: string, dockerfile: string, explicit: string | null): ShippedStage {
  const shown = relative(root, dockerfile) || dockerfile;
  const files: FileText[] = [];
  const r = readProjectFile(dockerfile);
  if (!r.ok) throw new UsageError(`${shown}: ${r.message}`);
  files.push({ kind: 'dockerfile', path: shown, absPath: dockerfile, text: r.text });
  let names: string[] = [];
  try {
    names = readdirSync(root);
  } catch {
    names = [];
  }
  for (const name of names) {
    if (kindOf(name) !== 'compose') continue;
    const c = readProjectFile(join(root, name), { within: root });
    if (c.ok) files.push({ kind: 'compose', path: name, absPath: join(root, name), text: c.text });
  }
  const project = buildProject(root, files);
  const df = project.dockerfiles[0]!.df;
  if (!df.stages.length) throw new UsageError(`${shown}: no FROM instruction, nothing to build`);
  const target = shippedTarget(project, dockerfile, explicit);
  if (target !== null && !selectShipped(df, target)) {
    const names = df.stages.map((s) => s.name).filter(Boolean);
    throw new UsageError(`${shown} has no stage named '${target}'${names.length ? ` (stages: ${names.join(', ')})` : ' (no stage has a name)'}`);
  }
  const stage = df.shipped ?? df.stages[df.stages.length - 1]!;
  const line = stage.from.line;
  const why = explicit ? '--target' : target ? 'build.target of the production compose file' : df.stages.length === 1 ? 'the only stage' : 'the last stage';
  return { target, description: `${stage.name ?? `stage ${stage.index}`} (${shown}:${line}, ${why})` };
}
