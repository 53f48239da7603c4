import { aptCalls } from './apt-common.js';
import { commandSpan, editable, rule } from './common.js';
import { own } from '../../../util/own.js';

/** `apt X` → the equivalent apt-get/apt-cache call, where the meaning is the same. */
const EQUIVALENT: Record<string, string> = {
  install: 'apt-get', remove: 'apt-get', purge: 'apt-get', update: 'apt-get', autoremove: 'apt-get',
  'build-dep': 'apt-get', clean: 'apt-get', autoclean: 'apt-get', source: 'apt-get', download: 'apt-get',
  search: 'apt-cache', show: 'apt-cache', policy: 'apt-cache', depends: 'apt-cache', rdepends: 'apt-cache', showsrc: 'apt-cache',
};

/** `apt X` with no same-named equivalent: what a script uses instead. */
const INSTEAD: Record<string, string> = {
  list: '`dpkg-query -W` for installed packages, `apt-cache policy <package>` for available versions',
  upgrade: '`apt-get upgrade --with-new-pkgs` (`apt upgrade` also installs new dependencies)',
  'full-upgrade': '`apt-get dist-upgrade`',
  'edit-sources': 'a file under `/etc/apt/sources.list.d/`',
};

export const useAptGet = rule(
  {
    id: 'use-apt-get',
    severity: 'warning',
    aliases: ['DL3027', 'CKV_DOCKER_9'],
    title: 'Use `apt-get` (or `apt-cache`), not `apt`, in scripts',
    description:
      '`apt` is the interactive front end: its output and behaviour may change between releases and it warns "apt does not have a stable CLI interface. Use with caution in scripts." `apt-get` and `apt-cache` are the stable, scriptable tools.',
    bad: 'FROM debian:12-slim\nRUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    fixable: true,
    differs:
      'The fix rewrites `apt` to `apt-get` (or `apt-cache` for `search`/`show`/`policy`) only for sub-commands that mean the same there; `apt upgrade`, `full-upgrade` and `list` have different or no equivalents and are reported without a fix.',
  },
  ({ df, report }) => {
    for (const { cmd, args, sub } of aptCalls(df, ['apt'])) {
      const to = sub ? own(EQUIVALENT, sub) : undefined;
      const w = cmd.words[0];
      const fixable = to !== undefined && cmd.name === 'apt' && editable(df, w);
      report({
        ...commandSpan(cmd, args.sub),
        message: `\`apt${sub ? ` ${sub}` : ''}\` has no stable CLI for scripts: use ${
          to ? `\`${to} ${sub}\`` : sub && own(INSTEAD, sub) ? own(INSTEAD, sub) : sub ? `the \`apt-get\` or \`apt-cache\` command that does what \`apt ${sub}\` does` : '`apt-get`'
        }`,
        ...(fixable ? { fix: [{ start: w!.start, end: w!.end, text: to! }] } : {}),
      });
    }
  },
);
