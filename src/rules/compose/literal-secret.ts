import { asMap, get, isLScalar } from '../../parse/compose/values.js';
import type { Loc } from '../../parse/compose/model.js';
import { couldBeSecret, NOT_SECRET, SECRET_NAME, URL_WITH_PASSWORD } from '../../parse/credentials.js';
import type { ProjectRule } from '../types.js';
import { at, composeFiles, fileServices } from './util.js';

const TRIVIAL = /^(|true|false|yes|no|on|off|null|none|0|1)$/i;

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

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
    differs: 'The value is never printed in the message. Values that are empty, booleans, or `${...}` references are fine; names ending in _FILE/_PATH (Docker secrets files) are not secrets, nor are placeholders (`****`, `xxxx`, `changeme`, `<password>`, `replace-me-…`), authentication method names (`REGISTRY_AUTH: htpasswd`) or file paths. A value under a YAML anchor that several services take is one finding, at the anchor, naming the services.',
  },
  check({ project, report }) {
    // A value under a YAML anchor is one secret however many services take it (`<<: *env`): one finding, at the anchor.
    const seen = new Map<string, string[]>();
    const once = (loc: Loc, service: string, message: (services: string) => string) => {
      const key = `${loc.file.path}:${loc.start}`;
      const services = seen.get(key);
      if (services) {
        services.push(service);
        return;
      }
      const list = [service];
      seen.set(key, list);
      pending.push({ loc, list, message });
    };
    const pending: { loc: Loc; list: string[]; message: (services: string) => string }[] = [];
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
            if (couldBeSecret(decodeURIComponentSafe(url[1]!))) once(v.loc, s.name, (who) => `${who}: ${name} holds a URL with a literal password: move the password to .env and use \${...}`);
            continue;
          }
          if (!SECRET_NAME.test(name) || NOT_SECRET.test(name) || !couldBeSecret(written)) continue;
          once(v.loc, s.name, (who) => `${who}: ${name} is written literally in ${v.loc.file.path}: move it to .env and use ${name}: \${${name}}`);
        }
      }
    }
    for (const p of pending) {
      const who = p.list.length === 1 ? `Service '${p.list[0]}'` : `Services ${p.list.map((n) => `'${n}'`).join(', ')} (through a YAML anchor)`;
      at(report, p.loc, p.message(who));
    }
  },
};
