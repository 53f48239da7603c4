import { commandSpan, rule, runs } from './common.js';

export const curlAndWget = rule(
  {
    id: 'curl-and-wget',
    severity: 'warning',
    aliases: ['DL4001', 'DS-0014'],
    title: 'Use either curl or wget in a stage, not both',
    description:
      'curl and wget do the same job; using both means installing (and patching) two tools where one would do. Pick one per stage, and prefer the one the base image already has.',
    bad: 'FROM debian:12-slim\nRUN curl -fsSL https://example.com/a.tar.gz -o /tmp/a.tar.gz\nRUN wget -q https://example.com/b.tar.gz\n',
    good: 'FROM debian:12-slim\nRUN curl -fsSL https://example.com/a.tar.gz -o /tmp/a.tar.gz\nRUN curl -fsSLO https://example.com/b.tar.gz\n',
    fixable: false,
    differs:
      'Checked per stage, not per file (hadolint): a builder stage that uses curl and a final stage that uses wget install each tool in a different image, which is fine. Reported once per stage, on the first use of the tool that came second.',
  },
  ({ df, report }) => {
    for (const stage of df.stages) {
      const uses = runs(df, ['curl', 'wget']).filter(({ inst }) => inst.stage === stage);
      const first = uses[0];
      if (!first) continue;
      const other = uses.find(({ cmd }) => cmd.program !== first.cmd.program);
      if (!other) continue;
      report({
        ...commandSpan(other.cmd, 0),
        message: `This stage uses both ${first.cmd.program} (line ${first.inst.line}) and ${other.cmd.program}: use one of them`,
      });
    }
  },
);
