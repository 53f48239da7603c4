// Process execution: argv arrays, secrets that never print, shell quoting, executors.
// See docs/architecture.md ("Running commands").

export { type Arg, type Argv, REDACTED, Sensitive, displayArg, isSensitive, revealArg, sensitive } from './sensitive.js';
export { type JoinOptions, joinShell, shellQuote } from './quote.js';
export { redactText } from './redact.js';
export { type Executor, type RunHooks, type Step, type StepResult, StepFailed, displayStep, runChecked, stepSecrets } from './step.js';
export { type LocalOptions, SecretInArgv, localExecutor } from './local.js';
export { dryRunExecutor } from './dry-run.js';
