import { join, relative, resolve, sep } from 'node:path';
import type { BuildContext } from '../../parse/context/context.js';
import type { CopySource, SourceInstruction } from '../../parse/context/copy-sources.js';
import type { ContextEntry } from '../../parse/context/entries.js';
import { gitIgnoredBy } from '../../parse/context/gitignore.js';
import { foldersUpTo, missingSources } from '../../parse/context/missing-sources.js';
import { pathType, type DiskFacts } from '../../project/disk-facts.js';
import type { ContextRule } from '../types.js';
import { dedupedReport } from './common.js';

/**
 * The folder above a default context (nobody names it) that holds every literal source missing
 * from it: the Dockerfile is likely built from there by a command the project does not show.
 */
function ancestorHolding(c: BuildContext, missing: CopySource<SourceInstruction>[], root: string, disk: DiskFacts): string | null {
  const literal = missing.filter((s) => !s.wildcard);
  if (c.named || !literal.length) return null;
  for (const dir of foldersUpTo(c.dir, root).slice(1)) {
    // A source that is the Dockerfile's own folder seen from above (`COPY pop` in pop/) is a coincidence, not a context.
    const holds = (s: CopySource<SourceInstruction>) => {
      const abs = join(dir, s.path);
      return pathType(disk, abs) !== 'missing' && abs !== c.dir && !c.dir.startsWith(abs + sep);
    };
    if (literal.every(holds)) return dir;
  }
  return null;
}

/** The first entry of each lower-cased path: the near name of a missing source (a search of every entry per source was quadratic). */
function firstByLowerCase(entries: readonly ContextEntry[]): Map<string, ContextEntry> {
  const out = new Map<string, ContextEntry>();
  for (const e of entries) {
    const lower = e.path.toLowerCase();
    if (!out.has(lower)) out.set(lower, e);
  }
  return out;
}

export const copySourceMissing: ContextRule = {
  meta: {
    id: 'copy-source-missing',
    target: 'context',
    category: 'correctness',
    severity: 'error',
    aliases: [],
    title: 'COPY/ADD source does not exist in the build context',
    description:
      'A COPY or ADD source that is not in the build context fails the build ("not found"). Paths are relative to the context — the one a compose file, workflow, Makefile or package.json script (`docker build -f X CTX`) or devcontainer.json builds the Dockerfile with, else the Dockerfile\'s folder — not to the Dockerfile\'s WORKDIR. Reported at info only, with the reason, when the build may well work: a wildcard that matches nothing (BuildKit copies nothing; the classic builder fails), a source a .gitignore lists (a build output made before `docker build`), or sources that are all in a folder above a context nobody names (built from there by a command slipway cannot see).',
    bad: '# Dockerfile, in a folder with app.py and no requirements.txt\nFROM python:3.12-slim\nCOPY requirements.txt .\n',
    good: '# Dockerfile, in a folder with app.py and requirements.txt\nFROM python:3.12-slim\nCOPY requirements.txt .\n',
    fixable: false,
    differs:
      'No linter anchor checks the context; BuildKit fails at build time. `COPY --from`, URLs, heredocs and sources with a `${VAR}` slipway cannot resolve are not checked; an excluded source is `copy-ignored-file`.',
  },
  start(ctx) {
    const report = dedupedReport(ctx);
    const root = resolve(ctx.project.root);
    const shownDir = (abs: string) => relative(root, abs).split(sep).join('/') || '.';
    return (c) => {
      const missing = missingSources(c);
      if (!missing.length || !c.dockerfile) return;
      const above = ancestorHolding(c, missing, root, ctx.project.disk);
      let nearNames: Map<string, ContextEntry> | undefined; // made once per context, when a source needs it
      for (const s of missing) {
        const head = `${s.inst.keyword} source '${s.value}' ${s.wildcard ? 'matches nothing' : 'does not exist'} in the build context '${c.path}'`;
        const at = { file: c.dockerfile, start: s.start, end: s.end };
        if (s.wildcard) {
          report({ ...at, cap: 'info', message: `${head}: BuildKit copies nothing for it (the classic builder fails with "no source files")` });
          continue;
        }
        const ignoredBy = gitIgnoredBy(ctx.project.disk, foldersUpTo(c.dir, root), join(c.dir, s.path));
        if (ignoredBy) {
          report({ ...at, cap: 'info', message: `${head}, and ${shownDir(ignoredBy)} ignores it: a build output made before docker build (slipway cannot check it)` });
          continue;
        }
        if (above) {
          const tried = foldersUpTo(c.dir, above).map((d) => `'${shownDir(d)}'`);
          report({
            ...at,
            cap: 'info',
            message: `${head} (the Dockerfile's folder: no compose file, workflow or build script names its context), but every missing source is in '${shownDir(above)}': built from there? (contexts tried: ${tried.join(', ')})`,
          });
          continue;
        }
        nearNames ??= firstByLowerCase(c.entries);
        const near = nearNames.get(s.path.toLowerCase());
        report({
          ...at,
          message: `${head}${near ? `: did you mean '${near.path}'? (paths are case-sensitive)` : ': the build fails with "not found"'}`,
        });
      }
    };
  },
};
