import { contextsOf, type BuildContext } from '../../parse/context/context.js';
import { literalPrefix, sourceMatches } from '../../parse/context/copy-sources.js';
import type { ProjectRule } from '../types.js';
import { dedupedReport, sourcesOf } from './common.js';

/** Is the path inside a folder that was excluded and not walked (its contents unknown)? */
function underUnwalked(c: BuildContext, path: string): boolean {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) if (c.entry(parts.slice(0, i).join('/'))?.unwalked) return true;
  return false;
}

export const copySourceMissing: ProjectRule = {
  meta: {
    id: 'copy-source-missing',
    target: 'context',
    category: 'correctness',
    severity: 'error',
    aliases: [],
    title: 'COPY/ADD source does not exist in the build context',
    description:
      'A COPY or ADD source that is not in the build context fails the build ("not found"), and a wildcard that matches nothing fails it too. Paths are relative to the context (the Dockerfile\'s folder), not to the Dockerfile\'s WORKDIR.',
    bad: '# Dockerfile, in a folder with app.py and no requirements.txt\nFROM python:3.12-slim\nCOPY requirements.txt .\n',
    good: '# Dockerfile, in a folder with app.py and requirements.txt\nFROM python:3.12-slim\nCOPY requirements.txt .\n',
    fixable: false,
    differs:
      'No linter anchor checks the context; BuildKit fails at build time. `COPY --from`, URLs, heredocs and sources with a `${VAR}` slipway cannot resolve are not checked; an excluded source is `copy-ignored-file`.',
  },
  check(ctx) {
    const report = dedupedReport(ctx);
    for (const c of contextsOf(ctx.project)) {
      if (!c.dockerfile || c.truncated) continue;
      for (const s of sourcesOf(c)) {
        if (s.path === '') continue;
        const probe = s.wildcard ? literalPrefix(s.path) : s.path;
        if (probe && (c.ignores(probe) || underUnwalked(c, probe))) continue;
        if (!s.wildcard) {
          if (c.entry(s.path)) continue;
        } else {
          const matches = c.entries.filter((e) => sourceMatches(s.path, e.path));
          if (matches.length) continue;
        }
        const lower = s.path.toLowerCase();
        const near = s.wildcard ? undefined : c.entries.find((e) => e.path.toLowerCase() === lower);
        report({
          file: c.dockerfile,
          start: s.start,
          end: s.end,
          message: `${s.inst.keyword} source '${s.value}' ${s.wildcard ? 'matches nothing' : 'does not exist'} in the build context '${c.path}'${
            near ? `: did you mean '${near.path}'? (paths are case-sensitive)` : ': the build fails with "not found"'
          }`,
        });
      }
    }
  },
};
