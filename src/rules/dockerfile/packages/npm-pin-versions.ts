import { parseArgs, rule, runs, wordSpan } from './common.js';

const INSTALL = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add']);
const FLOATING = new Set(['latest', 'next', '*', '', 'x', 'canary', 'beta']);

/** The version part of `pkg@1.2.3` / `@scope/pkg@1.2.3`, or null when there is none. */
function versionOf(spec: string): string | null {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  return at > 0 ? spec.slice(at + 1) : null;
}

export const npmPinVersions = rule(
  {
    id: 'npm-pin-versions',
    severity: 'warning',
    aliases: ['DL3016'],
    title: 'Pin versions in `npm install <package>`',
    description:
      '`npm install -g typescript` installs the newest release on the day of the build, so rebuilds can pick up a breaking major version. Pin it (`typescript@5.5.4`); project dependencies belong in package.json and package-lock.json, installed with `npm ci`.',
    bad: 'FROM node:22-slim\nRUN npm install -g pnpm\n',
    good: 'FROM node:22-slim\nRUN npm install -g pnpm@9.12.0\n',
    fixable: false,
    differs:
      'Only named packages are checked: `npm ci` and a bare `npm install` install the lock file. Local paths, tarballs and git URLs with a `#commit` are fine, `$VARIABLE` versions are trusted; `@latest`/`@next` are reported, since a dist-tag is not a pin (hadolint accepts any `@`), except `npm@latest`, which upgrades the installer itself.',
  },
  ({ df, report }) => {
    for (const { cmd } of runs(df, ['npm'])) {
      const args = parseArgs(cmd, 1);
      const sub = args.sub >= 0 ? cmd.argv[args.sub] : undefined;
      if (!sub || !INSTALL.has(sub)) continue;
      for (const i of args.operands) {
        const w = cmd.words[i];
        if (!w) continue;
        const text = w.value ?? w.text;
        if (w.value === null && (!/^[@A-Za-z0-9]/.test(text) || versionOf(text) !== null)) continue;
        if (/^(\.|\/|~|file:)/.test(text) || /\.(tgz|tar\.gz|tar)$/.test(text)) continue; // a local tarball is a fixed file
        const url = /^(git\+|git:|github:|gitlab:|bitbucket:|https?:)/.test(text) || (!text.startsWith('@') && text.includes('/'));
        if (url) {
          if (text.includes('#') || /^https?:.*\.(tgz|tar\.gz)$/.test(text)) continue;
          report({ ...wordSpan(w), message: `Pin '${text}' to a commit or tag (${text}#<commit>)` });
          continue;
        }
        const version = versionOf(text);
        if (version !== null && !FLOATING.has(version)) continue;
        const name = version === null ? text : text.slice(0, text.length - version.length - 1);
        // `npm install -g npm@latest` upgrades the installer itself, like `pip install -U pip`.
        if (name === 'npm' && version !== null) continue;
        report({
          ...wordSpan(w),
          message: version === null ? `Pin the version of npm package '${name}' (${name}@<version>)` : `'${text}' is a moving tag, not a version: pin ${name}@<version>`,
        });
      }
    }
  },
);
