// Analyzers derive a kind's view of the project (the merged compose model, build contexts, ...),
// memoized per project, and push parse errors into project.errors. The engine runs each once,
// before the rules, so that a broken file is reported even when no rule reads it.
// Views memoize with memo.ts (not here: this file imports them).

import { composeOf } from '../parse/compose/project.js';
import { emptyDockerfileErrors } from '../parse/dockerfile/empty.js';
import { workflowOf } from '../parse/workflow/view.js';
import type { ProjectModel } from './model.js';

export type Analyzer = (project: ProjectModel) => unknown;

export const ANALYZERS: Analyzer[] = [emptyDockerfileErrors, composeOf, workflowOf];
