import { APT_PROGRAMS, aptCalls, aptConfig, truthy } from './apt-common.js';
import { rule, wordSpan } from './common.js';

export const aptForceYes = rule(
  {
    id: 'apt-force-yes',
    severity: 'error',
    category: 'security',
    aliases: ['CKV2_DOCKER_11'],
    title: 'Do not use `apt-get --force-yes`',
    description:
      '`--force-yes` answers yes to everything, including installing unauthenticated packages and downgrading or removing essential ones; apt itself deprecates it. Use `-y`, and the specific `--allow-downgrades`/`--allow-remove-essential`/`--allow-change-held-packages` when you really mean one of them.',
    bad: 'FROM debian:12-slim\nRUN apt-get update && apt-get install --force-yes --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    fixable: false,
    differs: 'Also catches the configuration form `-o APT::Get::force-yes=true`.',
  },
  ({ df, report }) => {
    for (const { cmd } of aptCalls(df, APT_PROGRAMS)) {
      cmd.argv.forEach((a, i) => {
        const w = cmd.words[i];
        if (i > 0 && w && (a === '--force-yes' || a.startsWith('--force-yes='))) {
          report({ ...wordSpan(w), message: '`--force-yes` also accepts unauthenticated packages and downgrades: use `-y`' });
        }
      });
      if (aptConfig(cmd, 'APT::Get::force-yes').some(truthy)) {
        const i = cmd.argv.findIndex((a) => /force-yes/i.test(a) && !a.startsWith('--force-yes'));
        const w = cmd.words[i] ?? cmd.words[0];
        if (w) report({ ...wordSpan(w), message: '`APT::Get::force-yes` also accepts unauthenticated packages and downgrades: use `-y`' });
      }
    }
  },
);
