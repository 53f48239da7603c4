import { workflowOf } from '../../parse/workflow/index.js';
import type { ProjectRule } from '../types.js';
import { jobName } from './common.js';

const SECRET_EXPR = /\$\{\{[^}]*\b(secrets\.|github\.token|env\.|steps\.|needs\.|inputs\.)/;

export const workflowLoginSecret: ProjectRule = {
  meta: {
    id: 'workflow-login-secret',
    target: 'workflow',
    category: 'security',
    severity: 'error',
    aliases: [],
    title: 'Registry login must take its password from a secret, never a literal or the command line',
    description:
      'A password or token written in a workflow is readable by anyone who can read the repository, forever (git history). Use `${{ secrets.GITHUB_TOKEN }}` for ghcr.io or a repository secret. `docker login -p` also puts the secret in the process list; pipe it with `--password-stdin`, as the guide does.',
    bad: 'on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/login-action@v3\n        with:\n          registry: ghcr.io\n          username: org\n          password: ghp_0123456789abcdef\n',
    good: 'on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/login-action@v3\n        with:\n          registry: ghcr.io\n          username: ${{ github.actor }}\n          password: ${{ secrets.GITHUB_TOKEN }}\n',
    fixable: false,
    differs: 'No anchor checks this. A value from `vars.` (configuration variables, not masked in logs) counts as a literal.',
  },
  check({ project, report }) {
    for (const wf of workflowOf(project).files) {
      for (const job of wf.jobs) {
        for (const login of job.logins) {
          const pw = login.password;
          if (!pw) continue;
          const literal = !SECRET_EXPR.test(pw.text) && !/\$\{?[A-Za-z_]/.test(pw.text.replace(/\$\{\{[\s\S]*?\}\}/g, ''));
          const fromVars = /\$\{\{[^}]*\bvars\./.test(pw.text) && !SECRET_EXPR.test(pw.text);
          if (login.via === 'login-action') {
            if (!literal && !fromVars) continue;
            report({
              file: wf.file,
              start: pw.loc.start,
              end: pw.loc.end,
              message: fromVars
                ? `docker/login-action in ${jobName(job)} takes its password from a configuration variable (\`vars.\`), which is neither secret nor masked: store it as a secret and use \`\${{ secrets.NAME }}\``
                : `docker/login-action in ${jobName(job)} has its password written in the workflow: store it as a secret and use \`\${{ secrets.NAME }}\`${login.registry === 'ghcr.io' ? ' (for ghcr.io, `${{ secrets.GITHUB_TOKEN }}`)' : ''}`,
            });
          } else if (login.passwordInArgv) {
            report({
              file: wf.file,
              start: pw.loc.start,
              end: pw.loc.end,
              message: literal
                ? `\`docker login -p\` in ${jobName(job)} has the password written in the workflow: store it as a secret and pipe it: \`echo "\${{ secrets.NAME }}" | docker login ${login.registry === 'docker.io' ? '' : `${login.registry} `}-u USER --password-stdin\``
                : `\`docker login -p\` in ${jobName(job)} puts the secret on the command line, where other processes can read it: pipe it with \`--password-stdin\` (\`echo "$TOKEN" | docker login -u USER --password-stdin\`)`,
            });
          }
        }
      }
    }
  },
};
