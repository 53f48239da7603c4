import { findSecret } from '../dockerfile/guide/secret-value.js';
import { isSecretName } from '../dockerfile/guide/secret-in-arg-env.js';
import type { ImageRule } from '../types.js';
import { lastEntry } from './util.js';

export const imageSecretConfig: ImageRule = {
  meta: {
    id: 'image-secret-config',
    target: 'image',
    category: 'security',
    severity: 'error',
    aliases: ['CIS-DI-0010'],
    title: 'A secret is stored in the image config (ENV or LABEL)',
    description:
      'ENV and LABEL values are part of the image config: anyone who can pull the image reads them with `docker inspect`, and every container inherits the ENV. Pass runtime secrets through the environment at run time (compose `environment:`/`secrets:`), and build-time ones with `RUN --mount=type=secret`. The value is never printed.',
    bad: 'FROM python:3.11-slim\nENV DATABASE_PASSWORD=hunter2hunter2\n',
    good: 'FROM python:3.11-slim\n# compose.yaml: environment: DATABASE_PASSWORD: ${DATABASE_PASSWORD}\n',
    fixable: false,
    differs: 'dockle CIS-DI-0010 matches names by substring; slipway matches whole words as BuildKit does (`secret-in-arg-env`) and also recognises known token formats in any value.',
  },
  check({ image, report }) {
    const kinds = [
      { keyword: 'ENV', items: image.config.env, random: true },
      { keyword: 'LABEL', items: image.config.labels, random: false },
    ];
    for (const { keyword, items, random } of kinds) {
      for (const { name, value } of items) {
        if (!value.trim()) continue;
        const byName = isSecretName(name.replace(/[.-]/g, '_'));
        const found = findSecret(value, random && byName);
        if (!byName && !found) continue;
        const what = found ? `holds ${found.kind}` : 'looks like a secret';
        const entry = lastEntry(image, keyword, (c) => c.includes(name));
        report({
          message: `${keyword} ${name} ${what}: it is stored in the image config, readable with docker inspect; pass it at run time instead`,
          ...(entry ? { history: entry.index } : {}),
        });
      }
    }
  },
};
