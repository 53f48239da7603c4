// The GitHub Actions workflow view (see view.ts) and its schema validation.
export * from './model.js';
export { workflowOf, allBuilds, fileOfJob, triggersOf, pushesOnMain, runsOnTags, usesRef, actionRepo, runCommands, dockerSub } from './view.js';
export { validateWorkflowFile, type WorkflowSchemaProblem } from './schema.js';
export { parseWorkflowYaml, valueOffsets } from './yaml.js';
