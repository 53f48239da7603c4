import type { ContextRule } from '../types.js';
import { copiersOf, copyText, dedupedReport, exactPattern, namedByCopy, reportOnContext, secretsOf, where } from './common.js';

export const contextSecretFiles: ContextRule = {
  meta: {
    id: 'context-secret-files',
    target: 'context',
    category: 'security',
    severity: 'error',
    aliases: ['CIS-DI-0010'],
    title: 'A secret file in the build context is copied into the image',
    description:
      'A `.env`, private key or credentials file in the build context is baked into the image by `COPY . .` (or any COPY whose source holds it), and anyone who can pull the image can read it — even if a later RUN deletes it. Exclude it in `.dockerignore`; pass runtime secrets through the environment and build secrets with `RUN --mount=type=secret`.',
    bad: '# .dockerignore (the folder also holds .env with DB_PASSWORD=… and deploy/id_rsa)\n.git\n',
    good: '# .dockerignore\n.git\n.env\n.env.*\n!.env.example\ndeploy/id_rsa\n',
    fixable: true,
    differs:
      'dockle CIS-DI-0010 finds these files only in a built image; slipway finds them in the context before the build, and only reports files a COPY/ADD really takes along (a secret that is merely sent is `context-secret-sent`). `.npmrc` counts only when it holds a token, an env file only when a variable holds a literal secret (`DB_PASSWORD=…`, a URL with a password; not ports, image names, placeholders such as `changethis`, `${VAR}` references or public client-bundle settings `VITE_*`, `EXPO_PUBLIC_*`, `NEXT_PUBLIC_*`); `.env.example` and public certificates (`ca.pem`, `fullchain.pem`) are not secrets. Such a file larger than the 64 KiB slipway reads of it (or unreadable) is reported as not read whole: a secret may follow. The fix appends the exact path to an existing `.dockerignore`, never when a COPY names the file itself. The secret\'s value is never printed.',
  },
  start(ctx) {
    const report = dedupedReport(ctx);
    return (c) => {
      for (const hit of secretsOf(c)) {
        const copiers = copiersOf(c, hit.path);
        if (!copiers.length) continue;
        const s = copiers[0]!;
        const named = namedByCopy(c, hit.path);
        reportOnContext(c, report, {
          path: hit.path,
          message: `${c.shown(hit.path)} (${hit.why}) is sent to the builder and '${copyText(c, s)}' (${where(c, s)}) bakes it into the image: ${
            named ? 'stop copying it and mount it with RUN --mount=type=secret' : `add '${hit.path}' to ${c.dockerignore?.path ?? '.dockerignore'}`
          }`,
          pattern: named ? null : exactPattern(hit.path),
          dockerfileSpan: { start: s.start, end: s.end },
        });
      }
    };
  },
};
