import type { DockerfileRule } from '../../types.js';
import { didYouMean, suggest, withTriggers } from './util.js';
import { own } from '../../../util/own.js';

/** Flags of each instruction that BuildKit (dockerfile:1 syntax, labs excluded) accepts. */
export const INSTRUCTION_FLAGS: Record<string, string[]> = {
  FROM: ['platform'],
  RUN: ['mount', 'network', 'security', 'device'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ADD: ['chown', 'chmod', 'link', 'keep-git-dir', 'checksum', 'unpack', 'exclude'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

export const unknownFlag: DockerfileRule = {
  meta: {
    id: 'unknown-flag',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'warning',
    aliases: [],
    title: 'Flag not valid for this instruction',
    description:
      'Docker rejects a flag the instruction does not have (`COPY --checksum`, `RUN --mnt`). slipway knows the full BuildKit set (`RUN --mount/--network/--security/--device`, `COPY --from/--chown/--chmod/--link/--parents/--exclude`, `ADD --keep-git-dir/--checksum/--unpack`, `HEALTHCHECK --start-interval`…).',
    bad: 'FROM alpine:3.20\nCOPY --chmod=755 --own=app entrypoint.sh /\n',
    good: 'FROM alpine:3.20\nCOPY --chmod=755 --chown=app entrypoint.sh /\n',
    fixable: false,
    differs:
      'hadolint fails to parse files with flags it does not know yet (RULES.md §5.2: `--exclude`, `ADD --unpack`, `--keep-git-dir`), and a parse error cannot be ignored; slipway parses every flag and reports only those Docker itself would reject, as a warning.',
  },
  check({ df, report }) {
    for (const inst of withTriggers(df)) {
      if (inst.keyword === 'ONBUILD') continue;
      const valid = own(INSTRUCTION_FLAGS, inst.keyword);
      if (valid) {
        for (const flag of inst.flags) {
          if (valid.includes(flag.name)) continue;
          const owner = Object.entries(INSTRUCTION_FLAGS).find(([k, v]) => k !== inst.keyword && v.includes(flag.name))?.[0];
          report({
            start: flag.start,
            end: flag.end,
            message: owner
              ? `--${flag.name} is a flag of ${owner}, not ${inst.keyword}`
              : `Unknown flag --${flag.name} for ${inst.keyword}${didYouMean(suggest(flag.name, valid), '--')}`,
          });
        }
        continue;
      }
      // Instructions without flags: BuildKit still takes leading `--words` as flags, and rejects them.
      if (inst.json || !['CMD', 'ENTRYPOINT', 'ENV', 'LABEL', 'ARG', 'EXPOSE', 'USER', 'WORKDIR', 'VOLUME', 'STOPSIGNAL', 'SHELL', 'MAINTAINER'].includes(inst.keyword)) continue;
      for (const arg of inst.args) {
        if (!arg.value.startsWith('--') || arg.value === '--') break;
        const name = arg.value.slice(2).split('=')[0]!;
        report({
          start: arg.start,
          end: arg.end,
          message: `${inst.keyword} takes no flags: Docker rejects '--${name}'`,
        });
      }
    }
  },
};
