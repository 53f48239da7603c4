import { validateWorkflowFile, workflowOf } from '../../parse/workflow/index.js';
import type { ProjectRule } from '../types.js';

export const workflowSchema: ProjectRule = {
  meta: {
    id: 'workflow-schema',
    target: 'workflow',
    category: 'correctness',
    severity: 'error',
    aliases: [],
    title: 'The workflow does not match GitHub\'s workflow schema',
    description:
      'GitHub rejects a workflow with an unknown key, a misspelt trigger or a value of the wrong type, often only when it is pushed. slipway validates each workflow against SchemaStore\'s GitHub Actions workflow schema (the one editors use) and reports the exact key.',
    bad: 'on:\n  push:\n    branchez: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
    good: 'on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
    fixable: false,
    differs: 'Of several alternatives a value may take (a job or a reusable-workflow call, `on:` as a string, list or mapping), only the errors of the one the file meant are reported.',
  },
  check({ project, report }) {
    for (const wf of workflowOf(project).files) {
      for (const p of validateWorkflowFile(wf)) report({ file: wf.file, start: p.loc.start, end: p.loc.end, message: `${p.message} (GitHub workflow schema)` });
    }
  },
};
