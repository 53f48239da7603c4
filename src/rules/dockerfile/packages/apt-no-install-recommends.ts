import { aptCalls, aptConfig, aptConfigures, falsy } from './apt-common.js';
import { commandSpan, earlierRunSays, editable, optionIndex, rule } from './common.js';

/** An earlier RUN that writes `APT::Install-Recommends "false";` to apt.conf.d counts as the flag. */
const NO_RECOMMENDS = aptConfigures('APT::Install-Recommends', falsy);

export const aptNoInstallRecommends = rule(
  {
    id: 'apt-no-install-recommends',
    severity: 'info',
    aliases: ['DL3015', 'DS-0029'],
    title: 'Use `apt-get install --no-install-recommends` to avoid unneeded packages',
    description:
      'By default apt also installs every *recommended* package, which often doubles the size of an install (documentation, X11 libraries, compilers) and widens the attack surface. `--no-install-recommends` installs what you asked for and its real dependencies.',
    bad: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y python3 && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*\n',
    fixable: true,
    differs:
      '`-o APT::Install-Recommends=false` and an earlier `APT::Install-Recommends "false";` written to apt.conf.d in the stage (or the stage it is built from) count as the flag, so files that configure it once are not flagged on every install.',
  },
  ({ df, report }) => {
    const earlier = new Map<number, boolean>();
    for (const { inst, cmd, args, sub } of aptCalls(df, ['apt-get', 'apt'])) {
      if (sub !== 'install') continue;
      if (optionIndex(cmd, ['--no-install-recommends', '--install-recommends']) >= 0) continue;
      if (aptConfig(cmd, 'APT::Install-Recommends').length) continue;
      if (!args.operands.length) continue; // `apt-get install -f`: nothing new to recommend
      if (!earlier.has(inst.index)) earlier.set(inst.index, earlierRunSays(df, inst, 'APT::Install-Recommends', /Install-Recommends/i, NO_RECOMMENDS));
      if (earlier.get(inst.index)) continue;
      const w = cmd.words[args.sub];
      report({
        ...commandSpan(cmd, args.sub),
        message: `\`${cmd.program} install\` also installs recommended packages: add --no-install-recommends`,
        ...(editable(df, w) ? { fix: [{ start: w.end, end: w.end, text: ' --no-install-recommends' }] } : {}),
      });
    }
  },
);
