import { get, isTrue } from '../../parse/compose/values.js';
import { actionRepo, workflowOf, type WorkflowFile } from '../../parse/workflow/index.js';
import type { ProjectRule } from '../types.js';
import { jobName, pushing } from './common.js';

const SBOM_ACTIONS = new Set(['anchore/sbom-action', 'actions/attest-sbom']);

function attestsSbom(wf: WorkflowFile): boolean {
  return wf.jobs.some((j) =>
    j.steps.some(
      (s) =>
        (s.uses?.kind === 'action' && SBOM_ACTIONS.has(actionRepo(s.uses))) ||
        (s.run !== null && /\bcosign\s+attest\b|\bsyft\b/.test(String(s.run.value))) ||
        (s.uses?.kind === 'action' && actionRepo(s.uses) === 'docker/build-push-action' && isTrue(get(s.with, 'sbom'))),
    ),
  );
}

export const workflowImageSbom: ProjectRule = {
  meta: {
    id: 'workflow-image-sbom',
    target: 'workflow',
    category: 'security',
    severity: 'info',
    aliases: ['CKV_GHA_6'],
    title: 'Pushed images have no SBOM attestation',
    description:
      'An SBOM (software bill of materials) attached to the image says which packages it contains, so a new CVE can be matched to the images that carry it without pulling them.',
    bad: 'on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/org/app:${{ github.sha }}\n',
    good: 'on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          sbom: true\n          tags: ghcr.io/org/app:${{ github.sha }}\n',
    fixable: false,
    off: true,
    differs: 'Off by default (the guide does not ask for SBOMs). Besides checkov CKV_GHA_6\'s `cosign attest`, build-push-action\'s `sbom: true`, anchore/sbom-action, actions/attest-sbom and syft count.',
  },
  check({ project, report }) {
    for (const wf of workflowOf(project).files) {
      if (attestsSbom(wf)) continue;
      for (const job of wf.jobs) {
        const b = pushing(job)[0];
        if (b) report({ file: wf.file, start: b.loc.start, end: b.loc.end, message: `${jobName(job)} pushes an image without an SBOM: set \`sbom: true\` on docker/build-push-action (or attest one with anchore/sbom-action)` });
      }
    }
  },
};
