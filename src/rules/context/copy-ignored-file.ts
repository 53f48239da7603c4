import { literalPrefix } from '../../parse/context/copy-sources.js';
import { entriesMatching, hasEntryUnder } from '../../parse/context/entries-matching.js';
import type { ContextRule } from '../types.js';
import { dedupedReport, sourcesOf } from './common.js';

export const copyIgnoredFile: ContextRule = {
  meta: {
    id: 'copy-ignored-file',
    target: 'context',
    category: 'correctness',
    severity: 'warning',
    aliases: ['CopyIgnoredFile'],
    title: 'COPY/ADD names a file that .dockerignore excludes',
    description:
      'A path excluded by `.dockerignore` is not sent to the builder, so a COPY or ADD of it fails with "not found" (or, for a wildcard, copies nothing). Remove the pattern from `.dockerignore`, add an `!` exception, or stop copying the file.',
    bad: '# Dockerfile (the .dockerignore has *.md)\nFROM nginx:1.27-alpine\nCOPY README.md /usr/share/nginx/html/\n',
    good: '# Dockerfile (the .dockerignore has *.md and !README.md)\nFROM nginx:1.27-alpine\nCOPY README.md /usr/share/nginx/html/\n',
    fixable: false,
    differs:
      'BuildKit reports CopyIgnoredFile during a build; slipway finds it without building, names the .dockerignore line that excludes the file, and handles wildcards (reported when every match is excluded).',
  },
  start(ctx) {
    const report = dedupedReport(ctx);
    return (c) => {
      const ig = c.dockerignore;
      if (!ig || !c.dockerfile) return;
      for (const s of sourcesOf(c)) {
        if (s.path === '') continue;
        let excluded: boolean;
        if (!s.wildcard) excluded = ig.matcher.ignores(s.path) && !hasEntryUnder(c.files, s.path);
        else {
          const prefix = literalPrefix(s.path);
          const matches = entriesMatching(c.entries, s.path);
          excluded = matches.length ? matches.every((e) => e.excluded) : prefix !== '' && ig.matcher.ignores(prefix);
        }
        if (!excluded) continue;
        const p = ig.matcher.decidingPattern(s.wildcard ? literalPrefix(s.path) || s.path : s.path) ?? ig.matcher.decidingPattern(s.path);
        const line = p ? ig.lines.positionAt(p.start).line : null;
        report({
          file: c.dockerfile,
          start: s.start,
          end: s.end,
          message: `${s.inst.keyword} source '${s.value}' is excluded by ${ig.path}${p && line ? `:${line} ('${p.text}')` : ''}, so the builder never gets it: add '!${s.path}' to ${ig.path} or stop copying it`,
        });
      }
    };
  },
};
