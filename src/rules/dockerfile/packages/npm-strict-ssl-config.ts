import { commandSpan, nextWord, rule, runs, wordSpan } from './common.js';

const KEYS = new Set(['strict-ssl', 'strict_ssl', 'strictssl', 'enablestrictssl']);
const OFF = /^(false|0|no)$/i;

export const npmStrictSslConfig = rule(
  {
    id: 'npm-strict-ssl-config',
    severity: 'error',
    category: 'security',
    aliases: ['CKV2_DOCKER_13'],
    title: 'Do not turn off npm/yarn certificate checks (`strict-ssl false`)',
    description:
      '`npm config set strict-ssl false` (or yarn\'s) makes every later install accept any certificate from the registry, so packages and their install scripts can be replaced in transit. Configure the registry\'s CA (`npm config set cafile …`) instead.',
    bad: 'FROM node:22-slim\nRUN npm config set strict-ssl false && npm ci\n',
    good: 'FROM node:22-slim\nCOPY internal-ca.pem /etc/ssl/internal-ca.pem\nRUN npm config set cafile /etc/ssl/internal-ca.pem && npm ci\n',
    fixable: false,
    differs: 'Also catches `key=value` spelling, `npm set`, pnpm, Yarn 2+ `enableStrictSsl false`, and the per-command flags `--strict-ssl=false` / `--no-strict-ssl`.',
  },
  ({ df, report }) => {
    for (const { cmd } of runs(df, ['npm', 'yarn', 'pnpm'])) {
      cmd.argv.forEach((a, i) => {
        const w = cmd.words[i];
        if (i > 0 && w && (a === '--no-strict-ssl' || /^--strict-ssl=(false|0)$/i.test(a))) {
          report({ ...wordSpan(w), message: `\`${a}\` turns off ${cmd.program}'s certificate checks: configure the registry's CA (cafile) instead` });
        }
      });
      let i = nextWord(cmd, 1);
      if (i < 0) continue;
      if (cmd.argv[i] === 'config' || cmd.argv[i] === 'c') i = nextWord(cmd, i + 1);
      if (i < 0 || cmd.argv[i] !== 'set') continue;
      const k = nextWord(cmd, i + 1);
      if (k < 0) continue;
      const key = cmd.argv[k]!;
      const eq = key.indexOf('=');
      const name = (eq > 0 ? key.slice(0, eq) : key).toLowerCase();
      const value = eq > 0 ? key.slice(eq + 1) : cmd.argv[nextWord(cmd, k + 1)];
      if (!KEYS.has(name) || value === undefined || !OFF.test(value)) continue;
      report({ ...commandSpan(cmd, eq > 0 ? k : nextWord(cmd, k + 1)), message: `\`${cmd.program} config set ${name} false\` turns off certificate checks for every later install: configure the registry's CA (cafile) instead` });
    }
  },
);
