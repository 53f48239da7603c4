// One Dockerfile's text checked and fixed on its own (the rule tests, the library API): a project of
// that one file, through the same engine path as a whole project (check-project.ts). With no disk
// facts, the rules' project facts are given as data.

import { buildProject, withTexts } from '../project/build.js';
import type { ProjectFacts } from '../project/facts.js';
import type { ProjectModel } from '../project/model.js';
import type { RuleSettings } from '../rules/types.js';
import type { FileError, Finding } from '../types.js';
import { checkProject, fixProject, type ProjectCheckOptions } from './check-project.js';
import type { ActiveRule } from './effective-rules.js';

export { RuleCrash } from './rule-crash.js';

export interface DockerfileCheckOptions {
  rules: ActiveRule[];
  settings: RuleSettings;
  project: ProjectFacts;
}

export interface FileCheck {
  findings: Finding[];
  errors: FileError[];
}

/** The in-memory project of one Dockerfile (no disk facts: nothing around it is known). */
function projectOf(text: string, file: string): ProjectModel {
  return buildProject('/', [{ kind: 'dockerfile', path: file, absPath: `/${file}`, text }]);
}

const projectOptions = (options: DockerfileCheckOptions): ProjectCheckOptions => ({
  rules: options.rules,
  settings: options.settings,
  factsFor: () => options.project,
});

export function checkDockerfileText(text: string, file: string, options: DockerfileCheckOptions): FileCheck {
  let project: ProjectModel;
  try {
    project = projectOf(text, file);
  } catch (e) {
    // dockerfile-ast is error-tolerant; this is a last line of defence, never a stack trace.
    return { findings: [], errors: [{ file, line: 1, column: 1, message: `cannot parse: ${(e as Error).message}` }] };
  }
  return checkProject(project, projectOptions(options));
}

/** Fixes until stable; returns the final text (unchanged when nothing was fixable). */
export function fixDockerfileText(text: string, file: string, options: DockerfileCheckOptions): string {
  let project: ProjectModel;
  try {
    project = projectOf(text, file);
  } catch {
    return text;
  }
  return fixProject(project, projectOptions(options), (texts) => withTexts(project, texts)).get(`/${file}`) ?? text;
}
