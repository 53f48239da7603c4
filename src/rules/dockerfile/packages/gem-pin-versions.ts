import { hasOpt, parseArgv } from '../argv.js';
import { rule, runs, wordSpan } from './common.js';


export const gemPinVersions = rule(
  {
    id: 'gem-pin-versions',
    severity: 'warning',
    aliases: ['DL3028'],
    title: 'Pin versions in `gem install`',
    description:
      'An unpinned `gem install bundler` installs the newest release on the day of the build, so rebuilds can pick up a breaking major version. Pin it (`bundler:2.5.18` or `-v 2.5.18`); application gems belong in the Gemfile.lock, installed with `bundle install`.',
    bad: 'FROM ruby:3.3-slim\nRUN gem install bundler\n',
    good: 'FROM ruby:3.3-slim\nRUN gem install bundler:2.5.18\n',
    fixable: false,
    differs: '`gem i` is `gem install`. `-v`/`--version` pins the gems it applies to; local `.gem` files and `$VARIABLES` are not reported; words after `--` are build options of native extensions. hadolint takes the word after any option as its value (`--some-flag true`); slipway knows which gem options take one.',
  },
  ({ df, report }) => {
    for (const { cmd } of runs(df, ['gem'])) {
      const args = parseArgv(cmd);
      const sub = args.operands[0];
      if (sub === undefined || !['install', 'i'].includes(cmd.argv[sub]!)) continue;
      if (hasOpt(args, '-v', '--version')) continue;
      // Words after `--` are build options of the gem's native extension, not gems.
      for (const i of args.operands.slice(1)) {
        if (args.dashdash >= 0 && i > args.dashdash) break;
        const w = cmd.words[i];
        if (!w) continue;
        const text = w.value ?? w.text;
        if (w.value === null && !/^[A-Za-z0-9]/.test(text)) continue;
        if (text.includes(':') || text.endsWith('.gem') || text.includes('/')) continue;
        report({ ...wordSpan(w), message: `Pin the version of gem '${text}' (${text}:<version>)` });
      }
    }
  },
);
