import type { ProjectRule } from '../types.js';
import { envFilesOf } from './env-file.js';

export const envSyntax: ProjectRule = {
  meta: {
    id: 'env-syntax',
    target: 'env',
    category: 'correctness',
    severity: 'warning',
    aliases: [],
    title: 'A line of an env file is not KEY=value',
    description:
      'docker compose, `docker run --env-file` and shells read env files slightly differently; a line without `=`, spaces around `=`, an invalid name or an unterminated quote is read differently by each, or refused. Write `KEY=value`, quoting values with spaces.',
    bad: '# .env\nAPI_KEY = xxx\nDEBUG\nGREETING="hello\n',
    good: '# .env\nAPI_KEY=xxx\nDEBUG=\nGREETING="hello world"\n',
    fixable: true,
    differs: 'No anchor checks env files. Only spaces before `=` are fixed (every reader agrees then); a space after `=` is part of the value for `docker run --env-file`, so it is reported, not removed. Values are never shown.',
  },
  check({ project, report }) {
    for (const env of envFilesOf(project)) {
      for (const p of env.problems) {
        report({ file: env.file, start: p.start, end: p.end, message: p.message, ...(p.fix ? { fix: [p.fix] } : {}) });
      }
    }
  },
};
