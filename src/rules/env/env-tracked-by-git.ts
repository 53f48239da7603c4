import type { ProjectRule } from '../types.js';
import { envSecretNames } from '../../parse/credentials.js';
import { envFilesOf } from './env-file.js';

export const envTrackedByGit: ProjectRule = {
  meta: {
    id: 'env-tracked-by-git',
    target: 'env',
    category: 'security',
    severity: 'error',
    aliases: [],
    title: 'An env file with secrets is tracked by git',
    description:
      'The guide keeps secrets in a server-side `.env`, out of version control. A `.env` committed to git is in every clone and stays in the history after it is deleted: rotate the secrets, `git rm --cached` the file, add it to `.gitignore`, and commit a `.env.example` without values instead.',
    bad: '# .env, committed to git\nPOSTGRES_PASSWORD=s3cret\n',
    good: '# .env.example, committed to git (.env itself is in .gitignore)\nPOSTGRES_PASSWORD=\n',
    fixable: false,
    differs:
      'No anchor checks git. Only files with a value that could be a secret are reported — a secret\'s name (PASSWORD, TOKEN, API_KEY …) with a literal value, or a URL with a password — not files of settings: ports, image names, public build variables (`VITE_`, `NEXT_PUBLIC_`, `PUBLIC_URL` …), placeholders, `${VAR}` references, empty values. Templates (`.env.example`, `.env.sample`) never. Skipped silently outside a git repository or without git.',
  },
  check({ project, report }) {
    for (const env of envFilesOf(project)) {
      if (env.template || env.tracked !== true) continue;
      // Judged by content, as the context rules judge a sent .env: settings (ports, public build
      // variables such as CRA's PUBLIC_URL, placeholders, empty values) are committed on purpose.
      const secrets = envSecretNames(env.file.text);
      const first = env.entries.find((e) => e.name === secrets[0]);
      if (!first) continue;
      const many = secrets.length > 1;
      report({
        file: env.file,
        start: first.nameStart,
        end: first.nameEnd,
        message: `${env.file.path} is tracked by git with ${many ? 'secrets' : 'a secret'} in ${secrets.slice(0, 5).join(', ')}${secrets.length > 5 ? ` and ${secrets.length - 5} more` : ''}: rotate ${many ? 'them' : 'it'}, run 'git rm --cached ${env.file.path}', add it to .gitignore and commit a .env.example without values`,
      });
    }
  },
};
