import type { ContextRule } from '../types.js';
import { copiersOf, dedupedReport, exactPattern, humanSize, namedByCopy, reportOnContext } from './common.js';

/** Files above this size are reported (50 MB). */
export const LARGE_FILE_BYTES = 50 * 1000 * 1000;

export const contextLargeFile: ContextRule = {
  meta: {
    id: 'context-large-file',
    target: 'context',
    category: 'guide',
    severity: 'warning',
    aliases: [],
    title: 'A large file is sent with the build context',
    description:
      'Every file in the build context is sent to the builder on each build; a database dump, video or model file of tens of megabytes makes builds slow and, with `COPY . .`, the image large. Keep data in volumes, as the guide says, and exclude it in `.dockerignore`.',
    bad: '# .dockerignore (the folder holds data/dump.sql, 300 MB)\n.git\n',
    good: '# .dockerignore\n.git\ndata/\n',
    fixable: true,
    differs: 'No anchor checks sizes. Files a COPY names explicitly are taken to be wanted and are not reported.',
  },
  start(ctx) {
    const report = dedupedReport(ctx);
    return (c) => {
      for (const f of c.files) {
        if (f.type !== 'file' || f.size <= LARGE_FILE_BYTES || namedByCopy(c, f.path)) continue;
        const baked = copiersOf(c, f.path).length > 0;
        reportOnContext(c, report, {
          path: f.path,
          message: `${c.shown(f.path)} (${humanSize(f.size)}) is sent to the builder on every build${baked ? ' and copied into the image' : ''}: add '${f.path}' to ${c.dockerignore?.path ?? 'a .dockerignore'}, or keep it in a volume`,
          pattern: exactPattern(f.path),
        });
      }
    };
  },
};
