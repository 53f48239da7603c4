// The dry-run executor: prints each step as a shell line with secrets as [REDACTED] and runs
// nothing. Steps that only read (git facts, registry queries) are not steps, so a dry run
// still knows the tags it would push.

import { type Executor, type Step, displayStep } from './step.js';

export function dryRunExecutor(print: (line: string) => void): Executor & { readonly steps: Step[] } {
  const steps: Step[] = [];
  return {
    name: 'dry-run',
    steps,
    async run(step) {
      steps.push(step);
      print(displayStep(step));
      return { code: 0, stdout: '', stderr: '' };
    },
  };
}
