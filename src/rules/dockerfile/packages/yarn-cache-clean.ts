import { commandsOf, withTriggers } from '../helpers.js';
import { cacheCovered, commandSpan, nextWord, removesAfter, rule, shipsLayers, variable } from './common.js';

const INSTALLING = new Set(['install', 'add']);

export const yarnCacheClean = rule(
  {
    id: 'yarn-cache-clean',
    severity: 'info',
    aliases: ['DL3060'],
    title: 'Run `yarn cache clean` in the same RUN as `yarn install`',
    description:
      'Yarn keeps a copy of every package it downloads in its global cache (`/usr/local/share/.cache/yarn` for root), which can be as big as `node_modules` itself. Unless the same RUN cleans it, it stays in the layer and the image.',
    bad: 'FROM node:22-slim\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\n',
    good: 'FROM node:22-slim\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    fixable: false,
    differs:
      'A cache or tmpfs mount over the yarn cache (`/usr/local/share/.cache/yarn`, `…/.cache/yarn`, `$YARN_CACHE_FOLDER`) or removing it in the same RUN silences the rule; stages whose filesystem does not ship (a builder whose `node_modules` or build output is copied out) are not flagged. `yarn` alone is `yarn install`.',
  },
  ({ df, report }) => {
    const seen = new Set<number>();
    for (const inst of withTriggers(df.instructions)) {
      if (inst.keyword !== 'RUN' || seen.has(inst.index)) continue;
      const yarns = commandsOf(inst, 'yarn');
      const installs = yarns.find((c) => {
        const i = nextWord(c, 1);
        if (i < 0) return !c.argv.slice(1).some((a) => /^(-v|--version|-h|--help)$/.test(a));
        const sub = c.argv[i]!;
        return INSTALLING.has(sub) || (sub === 'global' && c.argv[nextWord(c, i + 1)] === 'add');
      });
      if (!installs) continue;
      seen.add(inst.index);
      if (!shipsLayers(df, inst)) continue;
      const cleaned = yarns.some((c) => {
        if (c.start <= installs.start) return false; // a clean-up before the install cleans nothing
        const i = nextWord(c, 1);
        return i >= 0 && c.argv[i] === 'cache' && c.argv[nextWord(c, i + 1)] === 'clean';
      });
      if (cleaned) continue;
      const folder = variable(df, inst, 'YARN_CACHE_FOLDER');
      const dirs = ['/usr/local/share/.cache/yarn', '/root/.cache/yarn', '/root/.yarn/berry/cache', ...(folder ? [folder] : [])];
      if (cacheCovered(inst, dirs, ['/.cache/yarn', '/.yarn/berry/cache', '/.cache'])) continue;
      if (removesAfter(inst, installs.start, ...dirs, '/usr/local/share/.cache', '/root/.cache')) continue;
      const i = nextWord(installs, 1);
      report({ ...commandSpan(installs, i), message: 'Yarn\'s download cache stays in the image: add `&& yarn cache clean` to this RUN' });
    }
  },
);
