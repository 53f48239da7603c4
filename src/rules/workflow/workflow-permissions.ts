import { isLMap, isLScalar } from '../../parse/compose/values.js';
import { workflowOf, type LEntry, type WorkflowFile, type WorkflowJob } from '../../parse/workflow/index.js';
import type { ProjectRule, FileReport } from '../types.js';
import { jobName, pushing } from './common.js';

/** Scopes an image-pushing job may write: the packages, and OIDC tokens / attestations for signing. */
const PUSH_WRITES = new Set(['packages', 'id-token', 'attestations']);

export const workflowPermissions: ProjectRule = {
  meta: {
    id: 'workflow-permissions',
    target: 'workflow',
    category: 'security',
    severity: 'warning',
    aliases: ['CKV2_GHA_1'],
    title: 'A job that pushes images should grant `packages: write` and little else',
    description:
      'Without `permissions:` the job\'s `GITHUB_TOKEN` gets the repository default, which in older repositories and organisations is write access to everything; `write-all` always is. The guide\'s workflow grants exactly `contents: read` and `packages: write` (add `id-token: write` and `attestations: write` for signing and provenance).',
    bad: 'on:\n  push:\n    branches: [main]\npermissions: write-all\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/org/app:${{ github.sha }}\n',
    good: 'on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n      packages: write\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/org/app:${{ github.sha }}\n',
    fixable: false,
    differs:
      'checkov CKV2_GHA_1 flags a top-level `write-all` in any workflow; slipway does too, and also checks each image-pushing job: `permissions:` present, `packages: write` when pushing to ghcr.io or logging in with the GITHUB_TOKEN, and no other write scope.',
  },
  check({ project, report }) {
    for (const wf of workflowOf(project).files) {
      const top = wf.permissions;
      const topWriteAll = top !== null && isLScalar(top.value) && top.value.value === 'write-all';
      if (topWriteAll) report({ file: wf.file, start: top.value.loc.start, end: top.value.loc.end, message: 'the workflow grants every job `write-all`: grant each job only the scopes it needs (`contents: read`, plus `packages: write` where it pushes images)' });
      for (const job of wf.jobs) {
        if (!pushing(job).length) continue;
        checkJob(wf, job, (r) => report(r), topWriteAll && !job.permissions);
      }
    }
  },
};

function needsPackages(job: WorkflowJob): boolean {
  return (
    job.builds.some((b) => b.registries.includes('ghcr.io')) ||
    job.logins.some((l) => l.registry.toLowerCase() === 'ghcr.io' || /github\.token|secrets\.GITHUB_TOKEN/.test(l.password?.text ?? ''))
  );
}

function checkJob(wf: WorkflowFile, job: WorkflowJob, report: (r: FileReport) => void, alreadyReported: boolean): void {
  const packages = needsPackages(job);
  const perms: LEntry | null = job.permissions ?? wf.permissions;
  const file = wf.file;
  const want = packages ? '`contents: read` and `packages: write`' : '`contents: read`';
  if (!perms) {
    report({ file, start: job.keyLoc.start, end: job.keyLoc.end, message: `${jobName(job)} pushes an image but sets no \`permissions:\`, so its token gets the repository default (often write access to everything): grant ${want}` });
    return;
  }
  const v = perms.value;
  if (isLScalar(v)) {
    const s = String(v.value ?? '');
    if (s === 'write-all') {
      if (!alreadyReported) report({ file, start: v.loc.start, end: v.loc.end, message: `${jobName(job)} grants \`write-all\`: grant only ${want}` });
    } else if (packages) {
      report({ file, start: perms.keyLoc.start, end: perms.keyLoc.end, message: `${jobName(job)} pushes to ghcr.io but its \`permissions: ${s || '{}'}\` do not grant \`packages: write\`: the push will be denied; grant ${want}` });
    }
    return;
  }
  if (!isLMap(v)) return;
  const pk = v.entries.get('packages');
  if (packages && !(isLScalar(pk?.value) && pk.value.value === 'write')) {
    report({ file, start: perms.keyLoc.start, end: perms.keyLoc.end, message: `${jobName(job)} pushes to ghcr.io but its \`permissions:\` do not grant \`packages: write\`: the push will be denied` });
  }
  for (const [scope, e] of v.entries) {
    if (!isLScalar(e.value) || e.value.value !== 'write' || PUSH_WRITES.has(scope)) continue;
    report({ file, start: e.keyLoc.start, end: e.value.loc.end, message: `${jobName(job)} grants \`${scope}: write\`, which pushing an image does not need: use \`${scope}: read\` (or move that work to another job)` });
  }
}
