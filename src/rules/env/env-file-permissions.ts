import { isSecretName } from '../dockerfile/guide/secret-in-arg-env.js';
import type { ProjectRule } from '../types.js';
import { envFilesOf, type EnvFile } from './env-file.js';

/** Names whose value may carry credentials (`postgres://user:pass@db/app`), unless bundled for browsers. */
const CONNECTION = /(^|_)(URL|URI|DSN|CONNECTION_STRING)$/i;
const PUBLIC = /^(VITE_|NEXT_PUBLIC_|REACT_APP_|EXPO_PUBLIC_|GATSBY_|NUXT_PUBLIC_|PUBLIC_)/i;

/** Something in it is worth hiding: a value under a secret's name or a connection string. */
const holdsSecrets = (env: EnvFile) => env.entries.some((e) => e.hasValue && (isSecretName(e.name) || (CONNECTION.test(e.name) && !PUBLIC.test(e.name))));

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
    bad: '# .env, mode 644 (-rw-r--r--)\nAPI_KEY=xxx\n',
    good: '# .env, mode 600 (-rw-------)\nAPI_KEY=xxx\n',
    fixable: false,
    differs:
      'No anchor checks file modes. Templates (`.env.example`) are not reported; nor is anything on Windows, where modes mean nothing; nor a file with no secret in it (no value under a name like `*_PASSWORD`, `*_TOKEN`, `*_KEY`, nor a connection URL: `VITE_…` settings are public); nor a file tracked by git, whose mode is the checkout\'s umask and whose values the repository already shares (env-tracked-by-git reports that).',
  },
  check({ project, report }) {
    for (const env of envFilesOf(project)) {
      if (env.template || env.mode === null || (env.mode & 0o077) === 0) continue;
      if (!holdsSecrets(env) || env.tracked === true) continue;
      const who = [(env.mode & 0o070) !== 0 && 'its group', (env.mode & 0o007) !== 0 && 'all users'].filter(Boolean).join(' and ');
      report({
        file: env.file,
        start: 0,
        end: env.file.lines.lineText(0).length,
        message: `${env.file.path} has mode ${(env.mode & 0o777).toString(8).padStart(3, '0')}: ${who} can access its secrets; run 'chmod 600 ${env.file.path}'`,
      });
    }
  },
};
