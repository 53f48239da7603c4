// Shared by the workflow rules: which conditions restrict a push, how to name a job.

import type { ImageBuild, WorkflowJob } from '../../parse/workflow/index.js';

/** A condition that looks at the ref or the event (so it can keep pushes to main or off pull requests). */
export const REF_GUARD = /github\.ref\b|github\.ref_name|github\.ref_type|github\.event_name|github\.head_ref|github\.base_ref|is_default_branch|github\.event\.pull_request|GITHUB_REF|GITHUB_EVENT_NAME|GITHUB_HEAD_REF|GITHUB_BASE_REF/;

/** The push is restricted by a condition on the ref or event (job `if:`, step `if:`, `push:` expression, or the script). */
export function pushGuarded(b: ImageBuild): boolean {
  if (REF_GUARD.test(b.pushText) || REF_GUARD.test(b.job.condition)) return true;
  return b.via === 'run' && b.job.steps.some((s) => s.run && REF_GUARD.test(String(s.run.value)) && s.commands.length > 0);
}

export const jobName = (job: WorkflowJob) => `job '${job.id}'`;

export const pushing = (job: WorkflowJob) => job.builds.filter((b) => b.push !== 'no');
