import type { ContextRule } from '../types.js';
import { copiersOf, copyText, dedupedReport, humanSize, namedByCopy, reportOnContext, where } from './common.js';

export const contextGitDir: ContextRule = {
  meta: {
    id: 'context-git-dir',
    target: 'context',
    category: 'guide',
    severity: 'warning',
    aliases: ['DKL-LI-0003'],
    title: 'The .git folder is sent with the build context',
    description:
      'The `.git` folder holds the whole history (deleted secrets included) and changes on every commit, so sending it slows every build and `COPY . .` busts the cache and bakes the history into the image. The guide\'s `.dockerignore` starts with `.git`.',
    bad: '# .dockerignore (the folder is a git repository)\nnode_modules\n',
    good: '# .dockerignore\n.git\nnode_modules\n',
    fixable: true,
    differs:
      'dockle DKL-LI-0003 finds `.git` only in a built image. Not reported when a COPY names `.git` itself (a build that needs the history, e.g. for a version string).',
  },
  start(ctx) {
    const report = dedupedReport(ctx);
    return (c) => {
      const git = c.entry('.git');
      if (!git || git.excluded || namedByCopy(c, '.git')) return;
      const size = c.files.filter((f) => f.path.startsWith('.git/')).reduce((n, f) => n + f.size, 0);
      const s = copiersOf(c, '.git')[0];
      reportOnContext(c, report, {
        path: '.git',
        message: `${c.shown('.git')} (${humanSize(size || git.size)}) is sent to the builder${
          s ? ` and '${copyText(c, s)}' (${where(c, s)}) copies the repository history into the image` : ''
        }: add '.git' to ${c.dockerignore?.path ?? 'a .dockerignore'}`,
        pattern: '.git',
        ...(s ? { dockerfileSpan: { start: s.start, end: s.end } } : {}),
      });
    };
  },
};
