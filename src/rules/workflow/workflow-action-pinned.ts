import { isLScalar } from '../../parse/compose/values.js';
import { usesRef, workflowOf, type UsesRef } from '../../parse/workflow/index.js';
import type { ProjectRule } from '../types.js';

export const VERSION_REF = /^v?\d+(\.\d+)*([-+][\w.-]+)?$/;
export const SHA_REF = /^[0-9a-f]{40}$/;

/** Every `uses:` of a workflow: steps' actions and jobs' reusable workflows. */
export function allUses(wf: ReturnType<typeof workflowOf>['files'][number]): UsesRef[] {
  const out: UsesRef[] = [];
  for (const job of wf.jobs) {
    const u = job.value.entries.get('uses')?.value;
    if (isLScalar(u) && typeof u.value === 'string') out.push(usesRef(u));
    for (const s of job.steps) if (s.uses) out.push(s.uses);
  }
  return out;
}

export const workflowActionPinned: ProjectRule = {
  meta: {
    id: 'workflow-action-pinned',
    target: 'workflow',
    category: 'security',
    severity: 'warning',
    aliases: [],
    title: 'Actions should be pinned to a version or a commit, not a branch',
    description:
      '`uses: owner/action@main` runs whatever that branch holds at the time of the run: a change upstream (or a compromised repository) changes your build without a commit of yours. Pin a release (`@v4`) or, better for third-party actions, a full commit SHA.',
    bad: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@main\n',
    good: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
    fixable: false,
    differs: 'A `docker://` image without a tag or with `latest` is reported too. Local actions (`./path`) are not.',
  },
  check({ project, report }) {
    for (const wf of workflowOf(project).files) {
      for (const u of allUses(wf)) {
        const at = u.scalar.loc;
        if (u.kind === 'docker') {
          const image = u.name.slice('docker://'.length);
          const tag = /:([\w.-]+)$/.exec(image.split('/').pop() ?? '')?.[1];
          if (!image.includes('@sha256:') && (!tag || tag === 'latest')) {
            report({ file: wf.file, start: at.start, end: at.end, message: `\`uses: ${u.name}\` runs ${tag ? 'the `latest`' : 'an untagged'} image, which changes under you: pin a version tag or a digest` });
          }
          continue;
        }
        if (u.kind !== 'action') continue;
        if (!u.ref) {
          report({ file: wf.file, start: at.start, end: at.end, message: `\`uses: ${u.name}\` has no version: pin a release (\`${u.name}@v1\`) or a commit SHA` });
        } else if (!VERSION_REF.test(u.ref) && !SHA_REF.test(u.ref)) {
          report({ file: wf.file, start: at.start, end: at.end, message: `\`uses: ${u.name}@${u.ref}\` follows a branch, so every run may get different code: pin a release tag or a commit SHA` });
        }
      }
    }
  },
};
