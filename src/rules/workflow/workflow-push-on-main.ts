import { get, str } from '../../parse/compose/values.js';
import { allBuilds, dockerSub, workflowOf, type ImageBuild, type WorkflowFile } from '../../parse/workflow/index.js';
import type { ProjectRule } from '../types.js';
import { jobName, pushGuarded, pushing } from './common.js';

export const workflowPushOnMain: ProjectRule = {
  meta: {
    id: 'workflow-push-on-main',
    target: 'workflow',
    category: 'guide',
    severity: 'warning',
    aliases: [],
    title: 'Images should be pushed from the main branch, not from pull requests',
    description:
      'The guide\'s deployment flow is `git push → CI builds image → push to registry → server pulls`. A workflow that builds but never pushes leaves servers building from source; one that also pushes on pull requests (or from every branch) puts untested images under the tags servers pull, and fails on pull requests from forks, whose token cannot write packages.',
    bad: 'on: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/org/app:${{ github.sha }}\n',
    good: "on:\n  push:\n    branches: [main]\n  pull_request:\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: ${{ github.event_name != 'pull_request' }}\n          tags: ghcr.io/org/app:${{ github.sha }}\n",
    fixable: false,
    differs:
      'No anchor checks this. A build job that never pushes is reported only when no workflow of the project pushes an image (a pull-request build next to a pushing workflow is a test build), and not when the build is a test: `push: false` written out, a later step that runs what was built (`docker run`, `docker compose up/run`), an export to a file (`outputs: type=docker,dest=…`, an artifact for a test job), or a workflow, job or step named for a test or check. A push under an `if:` or a `push:` expression that looks at `github.ref` or `github.event_name` counts as restricted.',
  },
  check({ project, report }) {
    const view = workflowOf(project);
    const anyPush = allBuilds(view).some((b) => b.push !== 'no');
    for (const wf of view.files) {
      const t = wf.triggers;
      for (const job of wf.jobs) {
        if (!job.builds.length) continue;
        const pushes = pushing(job);
        if (!pushes.length) {
          if (anyPush || job.builds.some((b) => testBuild(wf, b))) continue;
          const b = job.builds[0]!;
          report({
            file: wf.file,
            start: b.loc.start,
            end: b.loc.end,
            message: `${jobName(job)} builds an image but never pushes it: push it to a registry from the main branch (\`push: \${{ github.event_name != 'pull_request' }}\`) so servers pull the image instead of building from source`,
          });
          continue;
        }
        for (const b of pushes) {
          if (pushGuarded(b)) continue;
          const at = b.pushLoc ?? b.loc;
          if (t.pullRequest) {
            const event = t.events.has('pull_request_target') ? 'pull_request_target' : 'pull_request';
            report({
              file: wf.file,
              start: at.start,
              end: at.end,
              message: `${jobName(job)} pushes the image on ${event} events too: push only from main, e.g. \`push: \${{ github.event_name != 'pull_request' }}\``,
            });
          } else if (t.pushBranches === 'all' && t.events.has('push')) {
            report({
              file: wf.file,
              start: at.start,
              end: at.end,
              message: `${jobName(job)} pushes an image from every branch: limit \`on.push.branches\` to [main] (and \`tags: ['v*']\` for releases), or guard the push with \`if: github.ref == 'refs/heads/main'\``,
            });
          }
        }
      }
    }
  },
};

const TEST_NAME = /test|check|verify|validat|lint|smoke|e2e/i;
export const RUNS_IMAGE = new Set(['run', 'compose up', 'compose run', 'compose exec', 'container run']);

/**
 * A build that only tests the image: it says so by `push: false`, by its names, by running what it
 * built, or by exporting it to a file (`outputs: type=docker,dest=/tmp/app.tar`): an artifact for
 * a later job to load and test (astral-sh/uv-docker-example), not an image for servers.
 */
function testBuild(wf: WorkflowFile, b: ImageBuild): boolean {
  if (b.pushText.trim() === 'false') return true;
  if (/(^|,)\s*dest=/.test(str(get(b.step.value, 'with', 'outputs')) ?? '')) return true;
  const names = [str(get(wf.root, 'name')), b.job.id, str(get(b.job.value, 'name')), str(get(b.step.value, 'name'))];
  if (names.some((n) => n && TEST_NAME.test(n))) return true;
  return runsImageLater(b);
}

/** Does a later step, or a later command of the build's own step, run an image (`docker run`…)? */
export function runsImageLater(b: ImageBuild): boolean {
  const runs = imageRuns(b.job);
  return runs.lastStep > b.step.index || (runs.lastStartIn.get(b.step.index) ?? -Infinity) > b.loc.start;
}

const imageRunsOf = new WeakMap<ImageBuild['job'], { lastStep: number; lastStartIn: Map<number, number> }>();

/**
 * Where a job runs images (`docker run`, `docker compose up`…): its last such step, and in each step the
 * start of its last such command. Found once per job: asked per build, the scan of every later step
 * made a job of 2,400 `docker build` steps quadratic.
 */
function imageRuns(job: ImageBuild['job']): { lastStep: number; lastStartIn: Map<number, number> } {
  let runs = imageRunsOf.get(job);
  if (runs) return runs;
  runs = { lastStep: -Infinity, lastStartIn: new Map() };
  for (const s of job.steps) {
    for (const c of s.commands) {
      const d = dockerSub(c);
      if (d === null || !RUNS_IMAGE.has(d.sub)) continue;
      runs.lastStep = Math.max(runs.lastStep, s.index);
      runs.lastStartIn.set(s.index, Math.max(runs.lastStartIn.get(s.index) ?? -Infinity, c.start));
    }
  }
  imageRunsOf.set(job, runs);
  return runs;
}
