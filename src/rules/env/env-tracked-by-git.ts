import type { ProjectRule } from '../types.js';
import { envFilesOf } from './env-file.js';

export const envTrackedByGit: ProjectRule = {
  meta: {
    id: 'env-tracked-by-git',
    target: 'env',
    category: 'security',
    severity: 'error',
    aliases: [],
    title: 'An env file with values is tracked by git',
    description:
      'The guide keeps secrets in a server-side `.env`, out of version control. A `.env` committed to git is in every clone and stays in the history after it is deleted: rotate the secrets, `git rm --cached` the file, add it to `.gitignore`, and commit a `.env.example` without values instead.',
    bad: '# .env, committed to git\nPOSTGRES_PASSWORD=s3cret\n',
    good: '# .env.example, committed to git (.env itself is in .gitignore)\nPOSTGRES_PASSWORD=\n',
    fixable: false,
    differs:
      'No anchor checks git. Only files with at least one value are reported (an empty `.env` holds nothing), and templates (`.env.example`, `.env.sample`) never. Skipped silently outside a git repository or without git.',
  },
  check({ project, report }) {
    for (const env of envFilesOf(project)) {
      if (env.template) continue;
      const withValue = env.entries.filter((e) => e.hasValue);
      if (!withValue.length || env.tracked !== true) continue;
      const first = withValue[0]!;
      const keys = withValue.map((e) => e.name);
      report({
        file: env.file,
        start: first.nameStart,
        end: first.nameEnd,
        message: `${env.file.path} is tracked by git with values for ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ` and ${keys.length - 5} more` : ''}: rotate them, run 'git rm --cached ${env.file.path}', add it to .gitignore and commit a .env.example without values`,
      });
    }
  },
};
