import type { DockerfileRule } from '../../types.js';
import { exposeWords, portRange } from './expose.js';

export const exposePortRange: DockerfileRule = {
  meta: {
    id: 'expose-port-range',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'error',
    aliases: ['DL3011', 'DS-0008'],
    title: 'EXPOSE ports must be between 0 and 65535',
    description: 'TCP and UDP ports are 16-bit numbers: `EXPOSE 80800` is a typo that Docker rejects when the image is run or published.',
    bad: 'FROM nginx:1.27\nEXPOSE 80800\n',
    good: 'FROM nginx:1.27\nEXPOSE 8080\n',
    fixable: false,
    differs: 'Ranges (`8000-8010`) are checked at both ends and must not run backwards; `/tcp` and `/udp` suffixes are understood; ports given by variables are checked after resolving ARG/ENV and skipped when unknown.',
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword !== 'EXPOSE') continue;
      for (const w of exposeWords(df, inst)) {
        const range = portRange(w.port);
        if (!range) continue;
        const [lo, hi] = range;
        let problem: string | null = null;
        if (lo > 65535 || hi > 65535) problem = `port ${hi > 65535 ? hi : lo} is out of range: valid ports are 0 to 65535`;
        else if (hi < lo) problem = `the range ${w.port} runs backwards: write ${hi}-${lo}`;
        if (problem) report({ start: w.token.start, end: w.token.end, message: `EXPOSE ${w.value}: ${problem}` });
      }
    }
  },
};
