import type { DockerfileRule } from '../../types.js';
import { firstLine } from '../helpers.js';
import { resolve, unquote } from './util.js';

// Linux signal names Docker knows (moby/sys/signal), without the SIG prefix.
const NAMES = new Set(
  'ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ RTMIN RTMAX'.split(' '),
);
for (let i = 1; i <= 15; i++) NAMES.add(`RTMIN+${i}`);
for (let i = 1; i <= 14; i++) NAMES.add(`RTMAX-${i}`);

export const stopsignalValid: DockerfileRule = {
  meta: {
    id: 'stopsignal-valid',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'error',
    aliases: [],
    title: 'STOPSIGNAL must name a signal Docker knows',
    description:
      '`docker stop` sends the STOPSIGNAL to PID 1. An unknown name (`STOPSIGNAL SIGTERMINATE`) or 0 makes the container fail to start or to stop; write a name like `SIGTERM`, `SIGQUIT` or `SIGRTMIN+3`, or a signal number.',
    bad: 'FROM nginx:1.27\nSTOPSIGNAL SIGSTOPP\n',
    good: 'FROM nginx:1.27\nSTOPSIGNAL SIGQUIT\n',
    fixable: false,
    differs: 'Not checked by the anchors. Values from variables are resolved and skipped when unknown.',
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword !== 'STOPSIGNAL') continue;
      const arg = inst.args[0];
      if (!arg) {
        report({ ...firstLine(df, inst), message: 'STOPSIGNAL without a signal: write e.g. STOPSIGNAL SIGTERM' });
        continue;
      }
      const value = resolve(df, inst, unquote(arg.value));
      if (value === null) continue;
      const upper = value.toUpperCase();
      const ok = /^\d+$/.test(value) ? Number(value) >= 1 && Number(value) <= 64 : NAMES.has(upper.startsWith('SIG') ? upper.slice(3) : upper);
      if (!ok) report({ start: arg.start, end: arg.end, message: `STOPSIGNAL ${value} is not a signal Docker knows: write e.g. SIGTERM, SIGQUIT or SIGINT` });
    }
  },
};
