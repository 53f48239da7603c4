import { workflowOf } from '../../parse/workflow/index.js';
import type { ProjectRule } from '../types.js';
import { allUses, SHA_REF, VERSION_REF } from './workflow-action-pinned.js';

/** Owners whose actions GitHub or Docker publish (a tag there is as trustworthy as the platform). */
const FIRST_PARTY = new Set(['actions', 'github', 'docker']);

export const workflowActionSha: ProjectRule = {
  meta: {
    id: 'workflow-action-sha',
    target: 'workflow',
    category: 'security',
    severity: 'info',
    aliases: [],
    title: 'Third-party actions are best pinned to a commit SHA',
    description:
      'A release tag such as `@v1` can be moved by the action\'s owner (or whoever takes over the repository) to different code; a 40-character commit SHA cannot. For actions outside `actions/`, `github/` and `docker/`, pin the SHA and keep the version in a comment (`uses: owner/action@<sha> # v1.2.3`); Dependabot keeps both up to date.',
    bad: 'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: appleboy/ssh-action@v1\n',
    good: 'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: appleboy/ssh-action@2ead5e36573f08b82fbfce1504f1a4b05a647c6f # v1.2.2\n',
    fixable: false,
    off: true,
    differs: 'Off by default: the guide itself uses `appleboy/ssh-action@v1`. Turn it on for supply-chain hardening.',
  },
  check({ project, report }) {
    for (const wf of workflowOf(project).files) {
      for (const u of allUses(wf)) {
        if (u.kind !== 'action' || !VERSION_REF.test(u.ref) || SHA_REF.test(u.ref)) continue;
        const owner = u.name.split('/')[0] ?? '';
        if (FIRST_PARTY.has(owner)) continue;
        report({ file: wf.file, start: u.scalar.loc.start, end: u.scalar.loc.end, message: `\`${u.name}@${u.ref}\` is a third-party action on a movable tag: pin its commit SHA (\`${u.name}@<sha> # ${u.ref}\`)` });
      }
    }
  },
};
