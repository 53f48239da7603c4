import { asMap, get, isLScalar } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { at, composeFiles, fileServices } from './util.js';

/** Variable names that hold secrets: a last word like PASSWORD, TOKEN, SECRET, or API_KEY, PRIVATE_KEY... */
const SECRET_NAME = /(^|_)(PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|CREDENTIALS?|(API|SECRET|PRIVATE|ACCESS|ENCRYPTION|SIGNING|MASTER|AUTH|CLIENT|APP)_?KEY|AUTH)$/i;
/** Names that look secret but hold a path, a flag or a setting. */
const NOT_SECRET = /(_FILE|_PATH|_DIR|_URL_FILE|_LENGTH|_EXPIRY|_EXPIRE|_TTL|_ALGORITHM|_HEADER|_ENABLED|_REQUIRED)$/i;
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/:@\s]+:([^@/\s]+)@/i;
const TRIVIAL = /^(|true|false|yes|no|on|off|null|none|0|1)$/i;

export const composeLiteralSecret: ProjectRule = {
  meta: {
    id: 'compose-literal-secret',
    target: 'compose',
    category: 'security',
    severity: 'warning',
    aliases: [],
    title: 'A secret is written literally in environment:',
    description:
      'A password, token or key written in the compose file ends up in git, in every clone and in `docker inspect`. Keep it in `.env` (chmod 600, never committed) and refer to it: `API_KEY: ${API_KEY}`, or load the file with `env_file: .env`. Database URLs with an inline password count too.',
    bad: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2\n',
    good: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n',
    fixable: false,
    differs: 'The value is never printed in the message. Values that are empty, booleans, or `${...}` references are fine; names ending in _FILE/_PATH (Docker secrets files) are not secrets.',
  },
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      for (const s of fileServices(cf)) {
        const env = asMap(get(s.value, 'environment'));
        if (!env) continue;
        for (const [name, e] of env.entries) {
          const v = e.value;
          if (!isLScalar(v) || v.value === null || typeof v.value === 'object') continue;
          const written = String(v.value).trim();
          if (written.includes('$') || TRIVIAL.test(written)) continue;
          const url = URL_WITH_PASSWORD.exec(written);
          if (url && !url[1]!.includes('$')) {
            at(report, v.loc, `Service '${s.name}': ${name} holds a URL with a literal password: move the password to .env and use \${...}`);
            continue;
          }
          if (!SECRET_NAME.test(name) || NOT_SECRET.test(name)) continue;
          at(report, v.loc, `Service '${s.name}': ${name} is written literally in ${cf.file.path}: move it to .env and use ${name}: \${${name}}`);
        }
      }
    }
  },
};
