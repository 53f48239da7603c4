import { actionRepo, workflowOf, type WorkflowFile } from '../../parse/workflow/index.js';
import type { ProjectRule } from '../types.js';
import { jobName, pushing } from './common.js';

function signs(wf: WorkflowFile): boolean {
  return wf.jobs.some((j) =>
    j.steps.some((s) => (s.uses?.kind === 'action' && actionRepo(s.uses) === 'sigstore/cosign-installer') || (s.run !== null && /\bcosign\s+sign\b/.test(String(s.run.value)))),
  );
}

export const workflowImageSign: ProjectRule = {
  meta: {
    id: 'workflow-image-sign',
    target: 'workflow',
    category: 'security',
    severity: 'info',
    aliases: ['CKV_GHA_5'],
    title: 'Pushed images are not signed with cosign',
    description:
      'A signature (cosign, keyless with the workflow\'s OIDC token) lets a server verify that the image it pulls was built by this workflow.',
    bad: 'on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/org/app:${{ github.sha }}\n',
    good: 'on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n      packages: write\n    steps:\n      - uses: sigstore/cosign-installer@v3\n      - id: build\n        uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/org/app:${{ github.sha }}\n      - run: cosign sign --yes ghcr.io/org/app@${{ steps.build.outputs.digest }}\n',
    fixable: false,
    off: true,
    differs: 'Off by default (the guide does not ask for signing). Like checkov CKV_GHA_5, any `cosign sign` or sigstore/cosign-installer step in the workflow counts.',
  },
  check({ project, report }) {
    for (const wf of workflowOf(project).files) {
      if (signs(wf)) continue;
      for (const job of wf.jobs) {
        const b = pushing(job)[0];
        if (b) report({ file: wf.file, start: b.loc.start, end: b.loc.end, message: `${jobName(job)} pushes an image without signing it: add sigstore/cosign-installer and \`cosign sign\` the pushed digest` });
      }
    }
  },
};
