import type { ContextRule } from '../types.js';
import { copiersOf, dedupedReport, exactPattern, reportOnContext, secretsOf } from './common.js';

export const contextSecretSent: ContextRule = {
  meta: {
    id: 'context-secret-sent',
    target: 'context',
    category: 'security',
    severity: 'warning',
    aliases: [],
    title: 'A secret file is sent to the builder',
    description:
      'Files in the build context are sent to the builder (a remote one, too) and kept in its cache, even when no COPY takes them. A later `COPY . .` would bake them into the image. Exclude `.env`, keys and credentials in `.dockerignore`.',
    bad: '# .dockerignore (the folder also holds .env with DB_PASSWORD=…; the Dockerfile copies only app.py)\n.git\n',
    good: '# .dockerignore\n.git\n.env\n',
    fixable: true,
    differs:
      'BuildKit\'s CopyIgnoredFile is the inverse check; no anchor looks at what the context sends. Env files count only when a variable holds a literal secret (as in `context-secret-files`). When a COPY takes the file into the image, `context-secret-files` (an error) reports it instead.',
  },
  start(ctx) {
    const report = dedupedReport(ctx);
    return (c) => {
      for (const hit of secretsOf(c)) {
        if (copiersOf(c, hit.path).length) continue;
        reportOnContext(c, report, {
          path: hit.path,
          message: `${c.shown(hit.path)} (${hit.why}) is sent to the builder with the build context: add '${hit.path}' to ${c.dockerignore?.path ?? 'a .dockerignore'}`,
          pattern: exactPattern(hit.path),
        });
      }
    };
  },
};
