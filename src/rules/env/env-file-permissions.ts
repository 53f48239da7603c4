import { envSecretName } from '../../parse/credentials.js';
import type { ProjectRule } from '../types.js';
import { envFilesOf } from './env-file.js';

export const envFilePermissions: ProjectRule = {
  meta: {
    id: 'env-file-permissions',
    target: 'env',
    category: 'security',
    severity: 'warning',
    aliases: [],
    title: 'An env file is readable by other users',
    description:
      'A `.env` holds the server\'s secrets; the guide creates it with `chmod 600 .env` so only its owner can read it. Readable by group or others, any local user or compromised service can read the passwords.',
    bad: '# .env, mode 644 (-rw-r--r--)\nAPI_KEY=9f2c41d7e8b04a6c\n',
    good: '# .env, mode 600 (-rw-------)\nAPI_KEY=9f2c41d7e8b04a6c\n',
    fixable: false,
    differs:
      'No anchor checks file modes. Templates (`.env.example`) are not reported; nor is anything on Windows, where modes mean nothing; nor a file with no secret in it, judged by content as the context rules judge env files (a literal value under a name like `*_PASSWORD`, `*_TOKEN`, `*_KEY`, or a URL with a password; not placeholders such as `changethis`, `${VAR}` references, host names under `*_URL`, or public `VITE_…` settings); nor a file tracked by git, whose mode is the checkout\'s umask and whose values the repository already shares (env-tracked-by-git reports that).',
  },
  check({ project, report }) {
    for (const env of envFilesOf(project)) {
      if (env.template || env.mode === null || (env.mode & 0o077) === 0) continue;
      if (env.tracked === true) continue;
      const secret = envSecretName(env.file.text);
      if (secret === null) continue;
      const who = [(env.mode & 0o070) !== 0 && 'its group', (env.mode & 0o007) !== 0 && 'all users'].filter(Boolean).join(' and ');
      report({
        file: env.file,
        start: 0,
        end: env.file.lines.lineText(0).length,
        message: `${env.file.path} has mode ${(env.mode & 0o777).toString(8).padStart(3, '0')}: ${who} can read its secrets (${secret}); run 'chmod 600 ${env.file.path}'`,
      });
    }
  },
};
