import { pushesOnMain, runsOnTags, workflowOf, type ImageBuild } from '../../parse/workflow/index.js';
import type { ProjectRule } from '../types.js';
import { jobName, pushing } from './common.js';

export const workflowShaTag: ProjectRule = {
  meta: {
    id: 'workflow-sha-tag',
    target: 'workflow',
    category: 'guide',
    severity: 'warning',
    aliases: [],
    title: 'Pushed images should be tagged with the git SHA (and latest on main, the version on tags)',
    description:
      'The guide: "Always tag with git SHA for rollback capability." `latest` is mutable; a SHA tag is what `docker compose pull ghcr.io/org/app:sha-abc123` rolls back to. On main, `latest` is what the production compose file pulls; on `v*` tags, the semantic version is the immutable release name.',
    bad: 'on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n      packages: write\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/org/app:latest\n',
    good: 'on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n      packages: write\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: |\n            ghcr.io/org/app:latest\n            ghcr.io/org/app:${{ github.sha }}\n',
    fixable: false,
    differs:
      'No anchor checks this. Tags from docker/metadata-action are read through `steps.<id>.outputs.tags` (`type=sha`, `type=raw,value=latest`, `flavor: latest=true`, `type=semver`/`type=ref,event=tag`); a tag naming any SHA-like value (`${{ github.sha }}`, `$GITHUB_SHA`, `steps.vars.outputs.sha_short`, or `$IMAGE_TAG` when the step\'s or job\'s `env:` sets it to one) counts. Tags the workflow does not show (a bake file, a tag computed by another step, an image pushed by digest that a later job tags with `imagetools create`) are not judged. A workflow that pushes only releases (tags, `release`, a version input) and tags them with the version needs no SHA tag.',
  },
  check({ project, report }) {
    for (const wf of workflowOf(project).files) {
      const t = wf.triggers;
      for (const job of wf.jobs) {
        const seen = new Set<unknown>();
        for (const b of pushing(job)) {
          // Builds in run scripts share the job's tags: judge them once.
          if (b.tags.unknown || seen.has(b.tags)) continue;
          seen.add(b.tags);
          const missing = missingTags(b, pushesOnMain(t), runsOnTags(t));
          if (!missing.length) continue;
          const at = b.tagsLoc ?? b.pushLoc ?? b.loc;
          report({
            file: wf.file,
            start: at.start,
            end: at.end,
            message: `${jobName(job)} pushes an image not tagged with ${missing.join(', nor with ')}${b.tags.sha ? '' : ': tag every push with its commit so you can roll back to it'}`,
          });
        }
      }
    }
  },
};

function missingTags(b: ImageBuild, onMain: boolean, onTags: boolean): string[] {
  const out: string[] = [];
  const meta = b.via === 'build-push-action' && b.tags.tags.some((x) => x.text.startsWith('type='));
  // A release pushed under its version (and not from a branch) has an immutable name to roll back to.
  const versionedRelease = b.tags.semver !== null && !onMain;
  if (!b.tags.sha && !versionedRelease) out.push(meta ? 'the git SHA (add `type=sha` to docker/metadata-action\'s tags)' : 'the git SHA (`:${{ github.sha }}`)');
  if (onMain && !b.tags.latest) out.push(meta ? '`latest` on main (`type=raw,value=latest,enable={{is_default_branch}}`)' : '`latest` on main');
  if (onTags && !b.tags.semver) out.push(meta ? 'the version on tags (`type=semver,pattern={{version}}`)' : 'the version on tags (`${{ github.ref_name }}`)');
  return out;
}
