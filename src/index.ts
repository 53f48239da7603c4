// slipway as a library: parse and check Dockerfiles without the CLI.

export { parseDockerfile } from './parse/dockerfile/parse.js';
export type { Dockerfile, Instruction, Stage } from './parse/dockerfile/model.js';
export { checkDockerfileText, fixDockerfileText } from './engine/check-dockerfile.js';
export { activeRules } from './engine/effective-rules.js';
export { RULES, ruleById } from './rules/index.js';
export { formatters } from './report/index.js';
export type { CheckResult, Finding, FileError, Severity } from './types.js';
